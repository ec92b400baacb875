//! Zones across processes: a world split into zones, each run by its own
//! `shoal-server --zone NAME --nats URL` process, on NATS with JetStream.
//!
//! - [`zones`]: the world file's `zones` and their geometry;
//! - [`parcel`]: an entity packed to move (its behaviour pickled
//!   mid-function) and unpacked elsewhere;
//! - [`ghosts`]: read-only copies of the neighbours' entities near a
//!   border;
//! - [`mail`]: posts between zones, exactly once and in order per sender;
//! - [`bus`]: the NATS thread (ownership KV, leases, the handoff log,
//!   snapshots, subjects);
//! - [`node`]: the zone on the game loop's thread, around each tick.
//!
//! The whole design, with its failure cases, is docs/cluster.md.

pub mod bus;
pub mod ghosts;
pub mod mail;
pub mod node;
pub mod parcel;
pub mod zones;

pub use ghosts::{Ghost, own_population};
pub use node::{ZoneNode, ZoneOptions};

/// The largest entity id a zone takes from another (a ghost, a parcel):
/// ids index a table, so one forged id must not make it huge.
pub const MAX_CLUSTER_IDS: u64 = 1 << 22;
