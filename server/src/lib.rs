//! The Shoal game server: worlds, the client protocol, sessions, area of
//! interest, persistence, the admin console and the Core War hill.
//!
//! It is built on the engine's tasklets and the script VM in later issues;
//! this crate is laid down now so the workspace has its final shape.
