//! The client side of the game protocol, over any blocking byte stream:
//! a `std::net::TcpStream` in a thread, or a Shoal
//! [`shoal_engine::net::TcpStream`] inside a tasklet (the load bots). The
//! viewer, the bots and the tests use it; [`AdminClient`] speaks to the
//! admin port.

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

/// A connection to a server's admin port (the console, and what a viewer
/// watches a server through), over any blocking byte stream.
pub struct AdminClient<S> {
    stream: S,
    buf: Vec<u8>,
}

impl<S: Read + Write> AdminClient<S> {
    /// Authenticates with `token` on `stream`.
    pub fn login(stream: S, token: &str) -> Result<AdminClient<S>, ClientError> {
        let mut c = AdminClient {
            stream,
            buf: Vec::new(),
        };
        c.stream
            .write_all(format!("auth {}\n", token.trim()).as_bytes())?;
        let answer = c.line()?;
        if answer != "ok" {
            let answer: String = answer.chars().take(200).collect();
            return Err(ClientError::Refused(
                answer.trim_start_matches("error: ").to_string(),
            ));
        }
        Ok(c)
    }

    /// Runs a console command (one line); its answer, without the
    /// closing `.` line. Answers starting with `error: ` are errors.
    pub fn command(&mut self, line: &str) -> Result<String, ClientError> {
        if line.contains('\n') || line.trim_start().starts_with("observe") {
            return Err(ClientError::Protocol(
                "one line, and not observe (use observe())".into(),
            ));
        }
        self.stream.write_all(format!("{line}\n").as_bytes())?;
        let mut text = String::new();
        loop {
            let l = self.line()?;
            if l == "." {
                break;
            }
            if text.len() + l.len() > crate::admin::MAX_OBSERVATION {
                return Err(ClientError::Protocol("the answer is too long".into()));
            }
            text.push_str(&l);
            text.push('\n');
        }
        match text.strip_prefix("error: ") {
            Some(e) => Err(ClientError::Refused(e.trim_end().to_string())),
            None => Ok(text),
        }
    }

    /// Asks for an observation of the world.
    pub fn observe(
        &mut self,
        request: &crate::observe::Request,
    ) -> Result<crate::observe::Observation, ClientError> {
        let mut line = String::from("observe");
        if let Some(e) = request.entity {
            line.push_str(&format!(" entity={e}"));
        }
        if let Some(t) = request.tasklet {
            line.push_str(&format!(" tasklet={t}"));
        }
        line.push_str(&format!(" since={}\n", request.since));
        self.stream.write_all(line.as_bytes())?;
        let head = self.line()?;
        if let Some(e) = head.strip_prefix("error: ") {
            // An error answer ends with its `.` line.
            let _ = self.line();
            return Err(ClientError::Refused(e.to_string()));
        }
        let n: usize = head
            .strip_prefix(crate::admin::OBSERVATION_HEADER)
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| {
                let head: String = head.chars().take(80).collect();
                ClientError::Protocol(format!("not an observation: {head:?}"))
            })?;
        if n > crate::admin::MAX_OBSERVATION {
            return Err(ClientError::Protocol(format!(
                "an observation of {n} bytes is too large (the limit is {} MiB)",
                crate::admin::MAX_OBSERVATION >> 20
            )));
        }
        let bytes = self.take(n)?;
        postcard::from_bytes(&bytes)
            .map_err(|e| ClientError::Protocol(format!("a damaged observation: {e}")))
    }

    /// The next line (without `\n` or `\r`).
    fn line(&mut self) -> Result<String, ClientError> {
        loop {
            if let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=i).collect();
                let text = String::from_utf8_lossy(&line[..i]);
                return Ok(text.trim_end_matches('\r').to_string());
            }
            if self.buf.len() > crate::admin::MAX_LINE * 64 {
                return Err(ClientError::Protocol("a line too long".into()));
            }
            self.fill()?;
        }
    }

    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Result<Vec<u8>, ClientError> {
        while self.buf.len() < n {
            self.fill()?;
        }
        Ok(self.buf.drain(..n).collect())
    }

    fn fill(&mut self) -> Result<(), ClientError> {
        let mut chunk = [0u8; 64 * 1024];
        let n = self.stream.read(&mut chunk)?;
        if n == 0 {
            return Err(ClientError::Io(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the server closed the admin connection",
            )));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}
