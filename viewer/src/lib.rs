//! The Shoal desktop viewer (eframe/egui): the world, every tasklet and
//! what it waits on, channels and timings.
//!
//! It lands with a later issue; this crate is laid down now so the
//! workspace has its final shape (it pulls in no GUI dependency yet).
