//! Errors found before a script runs: syntax errors and what lies outside
//! the supported subset, each with the line and column it was found at.

use std::fmt;

/// The Python exception class a compile-time error is reported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Invalid syntax.
    SyntaxError,
    /// Bad indentation.
    IndentationError,
    /// An integer literal beyond 64 bits.
    OverflowError,
    /// Valid Python outside Shoal's subset (the message names the feature).
    NotImplementedError,
    /// Code nested too deep to compile.
    RecursionError,
}

impl ErrorKind {
    /// The class name, as Python prints it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::NotImplementedError => "NotImplementedError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// A compile-time error with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// Python's message.
    pub message: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

impl SyntaxError {
    /// An error of `kind` at `line`:`col`.
    pub fn new(kind: ErrorKind, message: impl Into<String>, line: u32, col: u32) -> Self {
        SyntaxError {
            kind,
            message: message.into(),
            line,
            col,
        }
    }

    /// The report Python prints for this error in `file` whose text is
    /// `source`: the file and line, the source line with a caret under
    /// the column, then `Kind: message`.
    pub fn report(&self, file: &str, source: &str) -> String {
        let mut out = format!("  File \"{file}\", line {}\n", self.line);
        if let Some(text) = source.lines().nth(self.line.saturating_sub(1) as usize) {
            let trimmed = text.trim_start();
            let indent = text.chars().count() - trimmed.chars().count();
            let caret = (self.col as usize).saturating_sub(1).saturating_sub(indent);
            out.push_str(&format!("    {}\n", trimmed.trim_end()));
            out.push_str(&format!("    {}^\n", " ".repeat(caret)));
        }
        out.push_str(&format!("{}: {}\n", self.kind.name(), self.message));
        out
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.kind.name(),
            self.message,
            self.line,
            self.col
        )
    }
}

impl std::error::Error for SyntaxError {}
