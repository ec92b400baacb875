//! Shoal's script language: a Python 3 subset run by a VM whose frames are
//! data, so script tasklets switch in nanoseconds, can be preempted by
//! instruction count and can be serialized mid-function.
//!
//! Built so far: the front end. [`lexer`] turns source into tokens with
//! Python's indentation rules; [`parser`] turns tokens into the [`ast`],
//! reporting errors with Python's messages and their line and column.
//! The compiler, the VM and the `stackless` module follow.

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;

pub use error::{ErrorKind, SyntaxError};
pub use parser::parse_module;
