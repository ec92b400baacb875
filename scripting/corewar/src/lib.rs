//! Core War for Shoal: a Redcode assembler and a MARS that agree with
//! pMARS 0.9.2 (the Core War community's reference, with its ICWS'94
//! extensions) round for round and instruction for instruction.
//!
//! - [`asm`] assembles Redcode (`EQU`, `FOR`/`ROF`, expressions,
//!   `;assert`, `PIN`, ...) into a [`Warrior`];
//! - [`battle`] runs warriors against each other in a core whose state
//!   is data: a [`Battle`] runs in slices of an instruction budget and
//!   serializes between them;
//! - [`options`] reads pMARS's command line and [`report`] prints its
//!   output, so `shoal corewar` can stand in for `pmars`.
//!
//! It is a crate of its own, beneath `scripting/`, because nothing in it
//! needs the script VM: the command line, the server's hill and the
//! viewer use it directly, and the script module `corewar` wraps it.

pub mod asm;
pub mod battle;
pub mod cli;
pub mod expr;
pub mod instr;
pub mod options;
pub mod position;
pub mod report;
pub mod settings;
mod token;

pub use asm::{
    AsmError, Assembled, Diagnostic, Severity, Warrior, assemble, assemble_file,
    assemble_file_in_order, assemble_in_order,
};
pub use battle::{Battle, Fighter, Observer, Seed, SetupError};
pub use instr::{Instruction, Mode, Modifier, Opcode};
pub use options::{Options, SeedChoice};
pub use settings::Settings;
