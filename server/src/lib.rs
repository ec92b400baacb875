//! The Shoal game server: worlds, the client protocol, sessions, area of
//! interest, persistence, the admin console and the Core War hill.
//!
//! What is here so far: the world runner (world files ([`world_file`]),
//! the `world` module behaviours import ([`world_api`], a native module
//! of the script VM), a running world and its tick ([`sim`]), snapshots
//! ([`snapshot`]) and the default world the program carries
//! ([`default_world`])), and the server around it: its configuration
//! ([`config`]), its data directory ([`persist`]), the main loop
//! ([`serve`]) and the game protocol's messages and frames
//! ([`protocol`]); what a viewer sees of a world ([`observe`]).

pub mod admin;
pub mod client;
pub mod clients;
pub mod cluster;
pub mod config;
pub mod default_world;
pub mod game;
pub mod hill;
pub mod metrics;
pub mod observe;
pub mod os;
pub mod persist;
pub mod protocol;
pub mod serve;
pub mod sim;
pub mod snapshot;
pub mod world_api;
pub mod world_file;

pub use sim::{Sim, TickReport};
pub use snapshot::SnapshotError;
pub use world_file::{FileError, WorldDef, WorldError, parse_world};
