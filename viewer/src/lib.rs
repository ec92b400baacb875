//! The Shoal desktop viewer (eframe/egui): a live window on a world and
//! its constellation of tasklets.
//!
//! - [`cli`]: the `shoal-viewer` command line;
//! - [`feed`]: where observations come from (a world on its own thread in
//!   this process, or a server's admin port) and the controls sent back;
//! - [`app`]: the viewer's state and its UI, one function of `&mut Ui`
//!   shared by the eframe app and the UI tests;
//! - [`corewar`]: `--corewar`, a Core War battle in process or a hill's;
//! - [`world_view`], [`tables`], [`inspector`], [`timing`]: the map, the
//!   tasklet and channel tables and the log, the selected entity and
//!   tasklet, the plots.
//!
//! The model it shows is [`shoal_server::observe::Observation`].

pub mod app;
pub mod cli;
pub mod corewar;
pub mod feed;
pub mod inspector;
pub mod tables;
pub mod timing;
pub mod world_view;

pub use app::Viewer;
pub use feed::{Control, Feed, Start};
