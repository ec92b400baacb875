//! The client side of the game protocol, over any blocking byte stream:
//! a `std::net::TcpStream` in a thread, or a Shoal
//! [`shoal_engine::net::TcpStream`] inside a tasklet (the load bots). The
//! viewer, the bots and the tests use it.

use std::io::{self, Read, Write};

pub use crate::protocol::Welcome;
use crate::protocol::{ClientMsg, FrameDecoder, PROTOCOL_VERSION, ServerMsg, decode, encode};

/// The largest frame a client accepts from the server.
pub const MAX_SERVER_FRAME: usize = 16 << 20;

/// Why a client call failed.
#[derive(Debug)]
pub enum ClientError {
    /// The stream failed or closed.
    Io(io::Error),
    /// The server sent something that is not the protocol.
    Protocol(String),
    /// The server refused the handshake.
    Refused(String),
}

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Io(e) => write!(f, "{e}"),
            ClientError::Protocol(e) => write!(f, "protocol error: {e}"),
            ClientError::Refused(r) => write!(f, "refused: {r}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<io::Error> for ClientError {
    fn from(e: io::Error) -> ClientError {
        ClientError::Io(e)
    }
}

/// A connected game client.
pub struct Client<S> {
    stream: S,
    decoder: FrameDecoder,
    buf: Vec<u8>,
}

impl<S: Read + Write> Client<S> {
    /// Says `Hello` as `name` on `stream` and waits for the answer.
    pub fn join(stream: S, name: &str) -> Result<(Client<S>, Welcome), ClientError> {
        let mut c = Client {
            stream,
            decoder: FrameDecoder::new(MAX_SERVER_FRAME),
            buf: vec![0u8; 64 * 1024],
        };
        c.send(&ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
            name: name.to_string(),
        })?;
        match c.recv()? {
            ServerMsg::Welcome(welcome) => Ok((c, welcome)),
            ServerMsg::Refused { reason } | ServerMsg::Closing { reason } => {
                Err(ClientError::Refused(reason))
            }
            other => Err(ClientError::Protocol(format!(
                "expected Welcome, got {other:?}"
            ))),
        }
    }

    /// Sends a message.
    pub fn send(&mut self, msg: &ClientMsg) -> Result<(), ClientError> {
        self.stream.write_all(&encode(msg))?;
        Ok(())
    }

    /// Sends raw bytes (tests use it to send what the protocol forbids).
    pub fn send_raw(&mut self, bytes: &[u8]) -> Result<(), ClientError> {
        self.stream.write_all(bytes)?;
        Ok(())
    }

    /// Waits for the next message from the server.
    pub fn recv(&mut self) -> Result<ServerMsg, ClientError> {
        loop {
            match self.decoder.next_frame() {
                Ok(Some(frame)) => {
                    return decode(&frame).map_err(|e| ClientError::Protocol(e.to_string()));
                }
                Ok(None) => {}
                Err(e) => return Err(ClientError::Protocol(e.to_string())),
            }
            let n = self.stream.read(&mut self.buf)?;
            if n == 0 {
                return Err(ClientError::Io(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the connection",
                )));
            }
            self.decoder.push(&self.buf[..n]);
        }
    }

    /// The stream.
    pub fn stream(&self) -> &S {
        &self.stream
    }
}
