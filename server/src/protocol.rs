//! The game protocol between `shoal-server` and its clients: messages
//! (serde, encoded with postcard) in length-prefixed frames. See
//! `server/PROTOCOL.md` for the wire format and the conversation.
//!
//! A frame is a 4-byte little-endian length `n` (1 to the receiver's
//! maximum) followed by `n` bytes: one postcard-encoded message.
//! [`FrameDecoder`] splits a byte stream into frames without trusting
//! it: a length of 0 or beyond the maximum is an error, never an
//! allocation of that size.

use serde::{Deserialize, Serialize};

/// The protocol version this build speaks; `Hello` must carry it.
pub const PROTOCOL_VERSION: u32 = 1;

/// The bytes of a frame's length prefix.
pub const HEADER: usize = 4;

/// A message from a client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClientMsg {
    /// The first message: the protocol version and the player's name.
    Hello {
        /// Must be [`PROTOCOL_VERSION`].
        protocol: u32,
        /// The player's name (1 to 32 characters, letters, digits, `_`
        /// and `-`); reconnecting with the same name reclaims the avatar.
        name: String,
    },
    /// Asks the avatar to move by (dx, dy) world units.
    Move {
        /// Horizontal step.
        dx: f32,
        /// Vertical step.
        dy: f32,
    },
    /// Says something to the players around (and to the avatar's
    /// behaviour).
    Say {
        /// The text (at most 500 characters).
        text: String,
    },
    /// An action for the avatar's behaviour: a name and arguments.
    Act {
        /// What to do.
        name: String,
        /// With what.
        args: Vec<Arg>,
    },
    /// Asks for a `Pong` with the same nonce (round-trip time).
    Ping {
        /// Echoed back.
        nonce: u64,
    },
    /// The client is leaving (its avatar stays for the grace period).
    Bye,
}

/// An argument of [`ClientMsg::Act`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Arg {
    /// An integer.
    Int(i64),
    /// A number.
    Float(f64),
    /// A string.
    Str(String),
    /// A truth value.
    Bool(bool),
}

/// A message from the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ServerMsg {
    /// The handshake succeeded (on the wire, the same as a variant with
    /// `Welcome`'s fields).
    Welcome(Welcome),
    /// The handshake failed; the connection closes.
    Refused {
        /// Why.
        reason: String,
    },
    /// What changed in the client's area of interest during a tick.
    Update {
        /// The tick.
        tick: u64,
        /// Entities that came into view, in full.
        entered: Vec<EntityState>,
        /// Entities in view that moved.
        moved: Vec<Moved>,
        /// Entities that left the view (or the world).
        left: Vec<u64>,
    },
    /// A line of chat from a player nearby.
    Chat {
        /// The speaker's name.
        from: String,
        /// What they said.
        text: String,
    },
    /// The answer to a `Ping`.
    Pong {
        /// The ping's nonce.
        nonce: u64,
        /// The server's tick when it answered.
        tick: u64,
    },
    /// The server closes the connection, saying why.
    Closing {
        /// Why.
        reason: String,
    },
}

/// What the server says on welcoming a player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Welcome {
    /// The server's protocol version.
    pub protocol: u32,
    /// The player's avatar entity.
    pub avatar: u64,
    /// The world's name.
    pub world: String,
    /// The world's size (width, height).
    pub size: (f32, f32),
    /// Ticks per second.
    pub tick_rate: u32,
    /// The current tick.
    pub tick: u64,
    /// Entity kind names; [`EntityState::kind`] indexes them.
    pub kinds: Vec<String>,
}

/// An entity as a client first sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityState {
    /// Its id.
    pub id: u64,
    /// Its kind (an index into `Welcome::kinds`).
    pub kind: u16,
    /// Position.
    pub x: f32,
    /// Position.
    pub y: f32,
    /// The player's name, for avatars.
    pub name: Option<String>,
}

/// An entity's new position.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Moved {
    /// Its id.
    pub id: u64,
    /// Position.
    pub x: f32,
    /// Position.
    pub y: f32,
}

/// What is wrong with a frame or its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// A frame announced 0 bytes.
    Empty,
    /// A frame announced more bytes than allowed.
    TooLarge {
        /// What it announced.
        len: usize,
        /// The maximum.
        max: usize,
    },
    /// The bytes are not a message of the protocol.
    Malformed(String),
}

impl std::fmt::Display for FrameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FrameError::Empty => write!(f, "an empty frame"),
            FrameError::TooLarge { len, max } => {
                write!(f, "a frame of {len} bytes (the limit is {max})")
            }
            FrameError::Malformed(e) => write!(f, "a malformed message: {e}"),
        }
    }
}

impl std::error::Error for FrameError {}

/// Encodes `msg` as one frame (length prefix included).
pub fn encode<T: Serialize>(msg: &T) -> Vec<u8> {
    let out = vec![0u8; HEADER];
    // Serializing into a Vec cannot fail for these message types (no
    // maps with non-string keys, no unsupported types).
    match postcard::to_extend(msg, out) {
        Ok(mut v) => {
            let len = (v.len() - HEADER) as u32;
            v[..HEADER].copy_from_slice(&len.to_le_bytes());
            v
        }
        Err(_) => Vec::new(),
    }
}

/// Decodes one message from a frame's payload (no length prefix).
pub fn decode<'a, T: Deserialize<'a>>(payload: &'a [u8]) -> Result<T, FrameError> {
    let (msg, rest) = postcard::take_from_bytes(payload)
        .map_err(|e: postcard::Error| FrameError::Malformed(e.to_string()))?;
    if !rest.is_empty() {
        return Err(FrameError::Malformed(format!(
            "{} bytes after the message",
            rest.len()
        )));
    }
    Ok(msg)
}

/// Splits a byte stream into frames.
#[derive(Debug)]
pub struct FrameDecoder {
    buf: Vec<u8>,
    start: usize,
    max: usize,
}

impl FrameDecoder {
    /// A decoder accepting frames of at most `max` bytes.
    pub fn new(max: usize) -> FrameDecoder {
        FrameDecoder {
            buf: Vec::new(),
            start: 0,
            max,
        }
    }

    /// Appends bytes read from the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The bytes received but not yet returned as frames.
    pub fn pending(&self) -> usize {
        self.buf.len() - self.start
    }

    /// The next whole frame's payload, `None` until one has arrived. An
    /// error leaves the stream unusable (the connection must close).
    pub fn next_frame(&mut self) -> Result<Option<Vec<u8>>, FrameError> {
        let avail = &self.buf[self.start..];
        let Some(header) = avail.get(..HEADER) else {
            return Ok(None);
        };
        let mut len_bytes = [0u8; HEADER];
        len_bytes.copy_from_slice(header);
        let len = u32::from_le_bytes(len_bytes) as usize;
        if len == 0 {
            return Err(FrameError::Empty);
        }
        if len > self.max {
            return Err(FrameError::TooLarge { len, max: self.max });
        }
        let Some(payload) = avail.get(HEADER..HEADER + len) else {
            return Ok(None);
        };
        let payload = payload.to_vec();
        self.start += HEADER + len;
        // Keep the buffer from growing without end on a long stream.
        if self.start > 64 * 1024 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        Ok(Some(payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_through_frames_split_anywhere() {
        let msgs = vec![
            ClientMsg::Hello {
                protocol: PROTOCOL_VERSION,
                name: "ann".into(),
            },
            ClientMsg::Move { dx: 1.5, dy: -2.0 },
            ClientMsg::Say {
                text: "héllo".into(),
            },
            ClientMsg::Act {
                name: "scare".into(),
                args: vec![Arg::Int(3), Arg::Str("wolf".into()), Arg::Float(0.5)],
            },
            ClientMsg::Ping { nonce: 77 },
            ClientMsg::Bye,
        ];
        let stream: Vec<u8> = msgs.iter().flat_map(encode).collect();
        for chunk in [1, 2, 3, 7, 1000] {
            let mut d = FrameDecoder::new(1024);
            let mut got = Vec::new();
            for piece in stream.chunks(chunk) {
                d.push(piece);
                while let Some(f) = d.next_frame().expect("valid") {
                    got.push(decode::<ClientMsg>(&f).expect("a message"));
                }
            }
            assert_eq!(got, msgs, "chunks of {chunk}");
            assert_eq!(d.pending(), 0);
        }
    }

    proptest::proptest! {
        /// Whatever arrives, in whatever pieces: frames or an error,
        /// never a panic; a valid stream with bytes changed decodes to
        /// messages or errors.
        #[test]
        fn any_bytes_decode_or_fail_cleanly(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512),
            split in 1usize..17,
        ) {
            let mut d = FrameDecoder::new(256);
            'outer: for piece in bytes.chunks(split) {
                d.push(piece);
                loop {
                    match d.next_frame() {
                        Ok(Some(f)) => {
                            proptest::prop_assert!(f.len() <= 256);
                            let _ = decode::<ClientMsg>(&f);
                            let _ = decode::<ServerMsg>(&f);
                        }
                        Ok(None) => break,
                        Err(_) => break 'outer,
                    }
                }
            }
        }

        #[test]
        fn damaged_messages_fail_cleanly(at in 0usize..64, to in proptest::num::u8::ANY) {
            let mut f = encode(&ServerMsg::Update {
                tick: 9,
                entered: vec![EntityState { id: 1, kind: 2, x: 0.5, y: 1.5, name: Some("bo".into()) }],
                moved: vec![Moved { id: 3, x: 1.0, y: 2.0 }],
                left: vec![4, 5],
            });
            let i = HEADER + at % (f.len() - HEADER);
            f[i] = to;
            let _ = decode::<ServerMsg>(&f[HEADER..]);
        }
    }

    #[test]
    fn bad_frames_are_errors() {
        let mut d = FrameDecoder::new(100);
        d.push(&0u32.to_le_bytes());
        assert_eq!(d.next_frame(), Err(FrameError::Empty));
        let mut d = FrameDecoder::new(100);
        d.push(&u32::MAX.to_le_bytes());
        assert_eq!(
            d.next_frame(),
            Err(FrameError::TooLarge {
                len: u32::MAX as usize,
                max: 100
            })
        );
        // A valid frame whose payload is not a message.
        assert!(matches!(
            decode::<ClientMsg>(&[200, 1, 2]),
            Err(FrameError::Malformed(_))
        ));
        // A message followed by junk inside one frame.
        let mut f = encode(&ClientMsg::Bye);
        f.push(9);
        assert!(matches!(
            decode::<ClientMsg>(&f[HEADER..]),
            Err(FrameError::Malformed(_))
        ));
    }
}
