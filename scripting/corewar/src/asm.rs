//! The Redcode assembler: pMARS's dialect of ICWS'94, with its
//! extensions.
//!
//! It works as pMARS does, in two passes over text:
//! 1. **Expansion** ([`Assembler::expand`]): lines are read in order;
//!    labels are defined as they are met (their value is the number of
//!    instructions before them), `EQU` defines text, `FOR`/`ROF` blocks
//!    are unrolled with their counter, and every symbol already known is
//!    replaced by its text or value (labels relative to the line that
//!    uses them). `;assert` lines are checked here.
//! 2. **Encoding** ([`Assembler::encode`]): each instruction line is
//!    parsed (opcode, modifier, modes, two expressions); symbols still
//!    left (forward references) are replaced now; the expressions are
//!    evaluated and reduced modulo the core size. Default modifiers and
//!    one-operand forms are filled in as pMARS fills them.
//!
//! Errors and warnings carry the file, the source line and pMARS's
//! message; any error fails the assembly.

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::expr::{Evaluator, ExprError};
use crate::instr::{Instruction, Mode, Modifier, Opcode};
use crate::settings::{MAX_INSTRUCTIONS, Settings};
use crate::token::{self, Kind, is_space};

/// pMARS's version number, the predefined `VERSION`.
pub const PMARS_VERSION: u32 = 92;

/// The longest line the assembler builds while substituting (pMARS's
/// buffer).
const MAX_LINE: usize = 255;
/// Most labels that may name one line.
const MAX_LABELS: usize = 7;
/// Distinct diagnostics after which assembly stops, as in pMARS.
const MAX_DIAGNOSTICS: usize = 9;
/// How deep `EQU` substitutions may nest.
const MAX_NESTING: usize = 200;
/// Tokens one instruction may take, substitutions included (symbols
/// whose text names other symbols can multiply without bound).
const MAX_LINE_STEPS: u32 = 100_000;
/// Lines the expansion may produce before it is stopped (pMARS has no
/// limit and runs out of memory).
const MAX_EXPANDED_LINES: usize = 20_000;
/// Lines the expansion may visit (loops of `FOR` blocks that produce
/// nothing still cost time).
const MAX_EXPANSION_WORK: u64 = 5_000_000;

/// An assembled warrior.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warrior {
    /// `;name` (or "Unknown").
    pub name: String,
    /// `;author` (or "Anonymous").
    pub author: String,
    /// Where the source came from, as given.
    pub file: String,
    /// The instructions.
    pub code: Vec<Instruction>,
    /// Where execution starts, as an offset into `code` (`ORG`, `END x`).
    pub start: u32,
    /// `PIN`: warriors with the same number share their P-space.
    pub pin: Option<i64>,
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Warning,
    Error,
}

/// One error or warning of the assembler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as given.
    pub file: String,
    /// The source line (1-based), when the problem has one.
    pub line: Option<usize>,
    /// The text of that line.
    pub source: Option<String>,
    /// What is wrong, in pMARS's words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{}:{}: {}: {}", self.file, line, what, self.message)?,
            None => write!(f, "{}: {}: {}", self.file, what, self.message)?,
        }
        if let Some(src) = &self.source {
            write!(f, "\n    {}", src.trim_end())?;
        }
        Ok(())
    }
}

/// A warrior that did not assemble: every diagnostic, errors and
/// warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsmError {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for d in &self.diagnostics {
            if !first {
                writeln!(f)?;
            }
            first = false;
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for AsmError {}

/// A warrior that assembled, with any warnings.
#[derive(Debug, Clone)]
pub struct Assembled {
    pub warrior: Warrior,
    pub warnings: Vec<Diagnostic>,
}

/// Assembles `source` (read from `file`) for a battle of `warriors`
/// warriors under `settings` (they give the predefined constants
/// `CORESIZE`, `MAXLENGTH`, ...).
pub fn assemble(
    source: &str,
    file: &str,
    settings: &Settings,
    warriors: usize,
) -> Result<Assembled, AsmError> {
    assemble_in_order(source, file, settings, warriors, false)
}

/// [`assemble`] for the warrior at a place in a battle's list: pMARS
/// evaluates its score formula before assembling, so the first warrior
/// assembled sees the registers `W` and `S` set to the number of
/// warriors (a warrior that uses them as single-letter symbols gets
/// those values); the later ones see them at 0.
pub fn assemble_in_order(
    source: &str,
    file: &str,
    settings: &Settings,
    warriors: usize,
    first: bool,
) -> Result<Assembled, AsmError> {
    let mut a = Assembler::new(file, settings, warriors);
    if first {
        a.evaluator.set_register('W', warriors as i64);
        a.evaluator.set_register('S', warriors as i64);
    }
    a.run(source);
    let errors = a.diagnostics.iter().any(|d| d.severity == Severity::Error);
    if errors || a.aborted {
        // Errors first, each group in source order.
        let mut diagnostics = a.diagnostics;
        diagnostics.sort_by_key(|d| d.severity == Severity::Warning);
        return Err(AsmError { diagnostics });
    }
    Ok(Assembled {
        warrior: Warrior {
            name: a.name,
            author: a.author,
            file: file.to_string(),
            code: a.code,
            start: a.start,
            pin: a.pin,
        },
        warnings: a.diagnostics,
    })
}

/// The largest warrior file read (pMARS reads any; a warrior of 1,000
/// instructions with comments is a few tens of kilobytes).
pub const MAX_FILE_BYTES: u64 = 16 << 20;

/// Reads and assembles a warrior file.
pub fn assemble_file(
    path: &std::path::Path,
    settings: &Settings,
    warriors: usize,
) -> Result<Assembled, AsmError> {
    assemble_file_in_order(path, settings, warriors, false)
}

/// [`assemble_file`] for the warrior at a place in a battle's list (see
/// [`assemble_in_order`]).
pub fn assemble_file_in_order(
    path: &std::path::Path,
    settings: &Settings,
    warriors: usize,
    first: bool,
) -> Result<Assembled, AsmError> {
    use std::io::Read;
    let file = path.display().to_string();
    let fail = |message: String| AsmError {
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            file: file.clone(),
            line: None,
            source: None,
            message,
        }],
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("Unable to open file '{file}': {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "'{file}' is larger than {MAX_FILE_BYTES} bytes: not a warrior"
        )));
    }
    let text = String::from_utf8_lossy(&bytes);
    assemble_in_order(&text, &file, settings, warriors, first)
}

/// A source line: its text and where it came from.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    src: usize,
}

#[derive(Debug, Clone)]
enum Value {
    /// `EQU` text, one entry per line of a multi-line `EQU`.
    Text(Rc<Vec<Line>>),
    /// A label: the instruction number it names.
    Label(i64),
    /// A `FOR` counter.
    Counter(u32),
}

#[derive(Debug, Clone)]
struct Symbol {
    names: Vec<String>,
    value: Value,
    active: bool,
}

// What a traversal of a line returns (pMARS's `trav2` codes): the first
// four are also the context a token is read in.
type Decl = i8;
const S_ERR: Decl = -1;
const S_NIL: Decl = 0;
const S_LBL: Decl = 1;
const S_VAL: Decl = 2;
const S_COM: Decl = 3;
const S_PSE: Decl = 4;
const S_FOR: Decl = 5;
const S_ROF: Decl = 6;

/// Pseudo-opcodes beyond the real ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Real(Opcode),
    Org,
    End,
    Pin,
}

fn op_named(upper: &str) -> Option<Op> {
    match upper {
        "ORG" => Some(Op::Org),
        "END" => Some(Op::End),
        "PIN" => Some(Op::Pin),
        _ => Opcode::from_name(upper).map(Op::Real),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Problem {
    Buffer,
    Concat,
    TooManyLabels,
    UnopenedFor,
    UnclosedRof,
    NoInstructions,
    DiscardLabels,
    Token,
    UndefinedSymbol,
    Syntax,
    TooManyInstructions,
    Missing,
    Recursive,
    BadExpression,
    DivisionByZero,
    Overflow,
    MissingAssert,
    BothOrgEnd,
    InvalidAssert,
    TooMuch,
    Placement,
    IncompleteOperand,
    Redefinition,
    AppendUndefined,
    AssertFails,
    StartOutside,
    Curline,
    Limit,
}

struct Assembler<'s> {
    file: String,
    settings: &'s Settings,
    name: String,
    author: String,
    symbols: Vec<Symbol>,
    /// Where each name is defined in `symbols`, oldest first (the newest
    /// definition wins, as in pMARS).
    index: HashMap<String, Vec<usize>>,
    /// Labels waiting for the line they name.
    pending: Vec<String>,
    lines: Vec<Line>,
    /// The lines being walked: the source's, or the body of an `EQU`
    /// being substituted (a `FOR` or multi-line `EQU` inside it reads
    /// on in that body, as in pMARS).
    list: Rc<Vec<Line>>,
    cur: usize,
    /// The line errors are reported against.
    err_line: Option<usize>,
    /// Instructions counted so far.
    line: i64,
    /// Depth of `FOR` blocks being skipped (a count of 0 or less); 8
    /// bits, wrapping, as pMARS counts it.
    skipping: u8,
    /// False after `END`.
    going: bool,
    expanded: Vec<Line>,
    diagnostics: Vec<Diagnostic>,
    seen: Vec<(Option<usize>, Problem)>,
    aborted: bool,
    no_assert: bool,
    nesting: usize,
    work: u64,
    evaluator: Evaluator,
    code: Vec<Instruction>,
    start: u32,
    pin: Option<i64>,
}

impl<'s> Assembler<'s> {
    fn new(file: &str, settings: &'s Settings, warriors: usize) -> Assembler<'s> {
        let mut a = Assembler {
            file: file.to_string(),
            settings,
            name: "Unknown".into(),
            author: "Anonymous".into(),
            symbols: Vec::new(),
            index: HashMap::new(),
            pending: Vec::new(),
            lines: Vec::new(),
            list: Rc::new(Vec::new()),
            cur: 0,
            err_line: None,
            line: 0,
            skipping: 0,
            going: true,
            expanded: Vec::new(),
            diagnostics: Vec::new(),
            seen: Vec::new(),
            aborted: false,
            no_assert: true,
            nesting: 0,
            work: 0,
            evaluator: Evaluator::new(),
            code: Vec::new(),
            start: 0,
            pin: None,
        };
        let predefined = [
            ("CORESIZE", u64::from(settings.coresize)),
            ("MAXPROCESSES", u64::from(settings.processes)),
            ("MAXCYCLES", settings.cycles),
            ("MAXLENGTH", u64::from(settings.max_length)),
            ("MINDISTANCE", u64::from(settings.distance())),
            ("VERSION", u64::from(PMARS_VERSION)),
            ("WARRIORS", warriors as u64),
            ("ROUNDS", u64::from(settings.rounds)),
            ("PSPACESIZE", u64::from(settings.pspace())),
        ];
        for (name, value) in predefined {
            a.define(Symbol {
                names: vec![name.into()],
                value: Value::Text(Rc::new(vec![Line {
                    text: value.to_string(),
                    src: 0,
                }])),
                active: false,
            });
        }
        a
    }

    fn source_text(&self, src: usize) -> Option<String> {
        self.lines
            .iter()
            .chain(self.expanded.iter())
            .find(|l| l.src == src)
            .map(|l| l.text.clone())
    }

    /// Records a diagnostic (once per line and kind, as pMARS does).
    fn report(&mut self, problem: Problem, severity: Severity, message: String, at_line: bool) {
        let line = if at_line { self.err_line } else { None };
        if self.seen.contains(&(line, problem)) {
            return;
        }
        self.seen.push((line, problem));
        let source = line.and_then(|l| self.source_text(l));
        self.diagnostics.push(Diagnostic {
            severity,
            file: self.file.clone(),
            line,
            source,
            message,
        });
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.aborted = true;
            self.going = false;
        }
    }

    fn error(&mut self, problem: Problem, message: impl Into<String>) {
        self.report(problem, Severity::Error, message.into(), true);
    }

    fn warning(&mut self, problem: Problem, message: impl Into<String>) {
        self.report(problem, Severity::Warning, message.into(), true);
    }

    fn has_errors(&self) -> bool {
        self.aborted
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        self.index.get(name).and_then(|v| v.last().copied())
    }

    /// Adds a symbol under each of its names.
    fn define(&mut self, symbol: Symbol) {
        let i = self.symbols.len();
        for n in &symbol.names {
            self.index.entry(n.clone()).or_default().push(i);
        }
        self.symbols.push(symbol);
    }

    /// Forgets symbol `i` (a `FOR` counter whose block is done).
    fn forget(&mut self, i: usize) {
        let names = std::mem::take(&mut self.symbols[i].names);
        self.symbols[i].value = Value::Label(0);
        for n in names {
            if let Some(v) = self.index.get_mut(&n) {
                v.retain(|&k| k != i);
            }
        }
    }

    fn run(&mut self, source: &str) {
        self.read(source);
        self.expand();
        if !self.pending.is_empty() {
            let names = self.pending.iter().rev().cloned().collect::<Vec<_>>();
            self.pending.clear();
            self.report(
                Problem::DiscardLabels,
                Severity::Warning,
                format!("Discarding these labels: '{}'", names.join(" ")),
                false,
            );
        }
        if self.no_assert {
            self.report(
                Problem::MissingAssert,
                Severity::Warning,
                "Missing ';assert'. Warrior may not work with the current setting".into(),
                false,
            );
        }
        if !self.aborted {
            self.encode();
        }
    }

    // ---- reading -------------------------------------------------------

    /// Splits the source into lines as pMARS reads them (with `fgets`
    /// into a 256-byte buffer: a line longer than 255 bytes goes on as
    /// the next line; a trailing `\` joins the next one; a line ends at
    /// its first `\r`, `\n` or NUL), takes the `;name`/`;author`
    /// comments and `;redcode` markers, and keeps every other non-blank
    /// line without its comment.
    fn read(&mut self, source: &str) {
        let b = source.as_bytes();
        let mut at = 0usize;
        let mut newlines = 0usize;
        let mut redcode_seen = 0;
        // fgets(buf + i, 256 - i): at most 255 - i bytes, up to a newline.
        let fgets = |at: &mut usize, newlines: &mut usize, max: usize| -> Option<Vec<u8>> {
            if *at >= b.len() || max == 0 {
                return None;
            }
            let start = *at;
            let mut end = start;
            while end < b.len() && end - start < max {
                end += 1;
                if b[end - 1] == b'\n' {
                    *newlines += 1;
                    break;
                }
            }
            *at = end;
            Some(b[start..end].to_vec())
        };
        loop {
            let src = newlines + 1;
            let mut buf: Vec<u8> = Vec::new();
            let mut eof = false;
            loop {
                let i = buf.len();
                let Some(chunk) = fgets(&mut at, &mut newlines, 255 - i) else {
                    // (pMARS spins for ever on a file ending in a \.)
                    eof = true;
                    break;
                };
                buf.extend_from_slice(&chunk);
                let end = buf[i..]
                    .iter()
                    .position(|c| matches!(c, b'\n' | b'\r' | 0))
                    .map_or(buf.len(), |k| i + k);
                buf.truncate(end);
                if buf.last() == Some(&b'\\') {
                    buf.pop();
                    continue;
                }
                break;
            }
            if eof && buf.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(&buf).into_owned();
            let mut pos = 0;
            let (kind, _) = token::next(&text, &mut pos);
            match kind {
                Kind::None => {}
                Kind::Comment => {
                    if self.comment_line(&text, pos, src) {
                        redcode_seen += 1;
                        if redcode_seen == 1 {
                            // Everything before the first ;redcode is
                            // not the warrior.
                            self.lines.clear();
                        } else {
                            break;
                        }
                    }
                }
                _ => {
                    let code = match text.find(';') {
                        Some(i) => text[..i].to_string(),
                        None => text,
                    };
                    self.lines.push(Line { text: code, src });
                }
            }
            if eof {
                break;
            }
        }
    }

    /// A line that starts with `;`: returns whether it is `;redcode`.
    fn comment_line(&mut self, text: &str, after_semicolon: usize, src: usize) -> bool {
        let mut pos = after_semicolon;
        let (_, word) = token::next(text, &mut pos);
        let upper = word.to_ascii_uppercase();
        if upper == "REDCODE" && pos == after_semicolon + 7 {
            return true;
        }
        let rest_at = token::skip_space(text.as_bytes(), pos);
        let rest = &text[rest_at..];
        match upper.as_str() {
            "NAME" => {
                self.name = if rest.is_empty() {
                    "Unknown".into()
                } else {
                    rest.to_string()
                }
            }
            "AUTHOR" => {
                self.author = if rest.is_empty() {
                    "Anonymous".into()
                } else {
                    rest.to_string()
                }
            }
            "ASSERT" => {
                let cut = rest.find(';').map_or(text.len(), |i| rest_at + i);
                self.lines.push(Line {
                    text: text[..cut].to_string(),
                    src,
                });
            }
            _ => {}
        }
        false
    }

    // ---- pass 1: expansion ------------------------------------------------

    fn expand(&mut self) {
        self.list = Rc::new(self.lines.clone());
        self.cur = 0;
        while self.cur < self.list.len() && self.going {
            let line = self.list[self.cur].clone();
            self.err_line = Some(line.src);
            let mut dest = String::new();
            match self.trav(&line.text, 0, &mut dest, S_NIL) {
                S_COM => self.emit(&dest, line.src),
                S_ROF => self.error(Problem::UnopenedFor, "Unopened FOR"),
                _ => {}
            }
            self.cur += 1;
        }
    }

    fn emit(&mut self, text: &str, src: usize) {
        if self.expanded.len() >= MAX_EXPANDED_LINES {
            self.error(
                Problem::Limit,
                format!("The source expands to more than {MAX_EXPANDED_LINES} lines"),
            );
            self.going = false;
            return;
        }
        self.expanded.push(Line {
            text: text.to_string(),
            src,
        });
    }

    fn append(&mut self, dest: &mut String, text: &str) -> bool {
        if dest.len() + text.len() > MAX_LINE {
            self.error(
                Problem::Buffer,
                "Buffer overflow. Substitution is too complex",
            );
            false
        } else {
            dest.push_str(text);
            true
        }
    }

    /// pMARS's `trav2`: reads `text` from `pos` in context `decl`,
    /// appending the substituted line to `dest`; returns what the line
    /// turned out to be.
    fn trav(&mut self, text: &str, mut pos: usize, dest: &mut String, mut decl: Decl) -> Decl {
        let bytes = text.as_bytes();
        loop {
            self.work += 1;
            if self.work > MAX_EXPANSION_WORK {
                if self.going {
                    self.error(Problem::Limit, "The source takes too long to expand");
                    self.going = false;
                }
                return S_ERR;
            }
            if !self.going && self.aborted {
                return S_ERR;
            }
            let (kind, tok) = token::next(text, &mut pos);
            let space_after = bytes.get(pos).is_some_and(|c| is_space(*c));
            match kind {
                Kind::None => return decl,
                Kind::Comment => {
                    if decl == S_NIL && self.skipping == 0 {
                        let mut p = pos;
                        let (_, word) = token::next(text, &mut p);
                        if word.eq_ignore_ascii_case("assert") {
                            let mut expr = String::new();
                            self.trav(text, p, &mut expr, S_VAL);
                            match self.evaluator.eval(&expr) {
                                Err(_) => self
                                    .warning(Problem::InvalidAssert, "Invalid ';assert' parameter"),
                                Ok(v) => {
                                    if v.overflow {
                                        self.warning(
                                            Problem::Overflow,
                                            "Arithmetic overflow detected",
                                        );
                                    }
                                    self.no_assert = false;
                                    if v.value == 0 {
                                        self.error(
                                            Problem::AssertFails,
                                            "Assertion in this line fails",
                                        );
                                    }
                                }
                            }
                        }
                    }
                    return decl;
                }
                Kind::Ident => {
                    let upper = tok.to_ascii_uppercase();
                    if upper == "ROF" {
                        if self.skipping > 0 {
                            self.skipping -= 1;
                            return S_ERR;
                        } else if decl <= S_LBL {
                            return S_ROF;
                        }
                        self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                        return S_ERR;
                    }
                    if upper == "FOR" {
                        if self.skipping > 0 {
                            self.skipping = self.skipping.wrapping_add(1);
                            return S_ERR;
                        } else if decl <= S_LBL {
                            return self.block_for(text, pos, dest);
                        }
                        self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                        return S_ERR;
                    }
                    if tok == "CURLINE" {
                        if self.skipping > 0 {
                            return S_NIL;
                        } else if decl > S_LBL {
                            let mut v = self.line.to_string();
                            if space_after {
                                v.push(' ');
                            }
                            if !self.append(dest, &v) {
                                return S_ERR;
                            }
                            continue;
                        }
                        self.error(Problem::Curline, "CURLINE is a reserved keyword");
                        return S_ERR;
                    }
                    if upper == "EQU" {
                        if self.skipping > 0 {
                            return S_NIL;
                        } else if decl <= S_LBL {
                            return self.equ(text, pos);
                        }
                        self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                        return S_ERR;
                    }
                    if let Some(op) = op_named(&upper) {
                        if self.skipping > 0 {
                            return S_NIL;
                        } else if decl <= S_LBL {
                            return self.instruction(text, pos, upper, op, dest);
                        }
                        self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                        return S_ERR;
                    }
                    if self.skipping > 0 {
                        // Skipped, but a FOR or ROF may follow a label.
                        decl = S_NIL;
                        continue;
                    }
                    // name&counter concatenation.
                    let mut name = tok.to_string();
                    while bytes.get(pos) == Some(&b'&')
                        && bytes.get(pos + 1).is_some_and(|c| c.is_ascii_alphabetic())
                    {
                        pos += 1;
                        let (_, part) = token::next(text, &mut pos);
                        match self.lookup(part).map(|i| &self.symbols[i].value) {
                            Some(Value::Counter(n)) => name.push_str(&format!("{n:02}")),
                            _ => {
                                self.error(
                                    Problem::Concat,
                                    format!("Unable to derefer and concatenate symbol '{part}'"),
                                );
                                break;
                            }
                        }
                    }
                    let space_after = bytes.get(pos).is_some_and(|c| is_space(*c));
                    match self.lookup(&name) {
                        Some(i) => {
                            let value = match &self.symbols[i].value {
                                Value::Text(body) => {
                                    if self.symbols[i].active {
                                        self.error(
                                            Problem::Recursive,
                                            format!("Recursive reference of label '{name}'"),
                                        );
                                        return S_ERR;
                                    }
                                    let body = Rc::clone(body);
                                    return self.substitute(text, pos, dest, decl, i, body);
                                }
                                Value::Counter(n) => format!("{n:02}"),
                                Value::Label(v) if decl == S_PSE => v.to_string(),
                                Value::Label(v) => (v - self.line).to_string(),
                            };
                            if decl > S_LBL {
                                let mut v = value;
                                if space_after {
                                    v.push(' ');
                                }
                                if !self.append(dest, &v) {
                                    return S_ERR;
                                }
                                continue;
                            }
                            self.warning(
                                Problem::Redefinition,
                                format!("Ignored, redefinition of label '{name}'"),
                            );
                            return S_ERR;
                        }
                        None if decl <= S_LBL => {
                            if self.pending.len() < MAX_LABELS {
                                self.pending.push(name);
                            } else {
                                self.error(
                                    Problem::TooManyLabels,
                                    format!("Too many labels for a declaration (last: '{name}')"),
                                );
                            }
                            if bytes.get(pos) == Some(&b':') {
                                pos += 1;
                            }
                            decl = S_LBL;
                        }
                        None => {
                            let mut v = name;
                            if space_after {
                                v.push(' ');
                            }
                            if !self.append(dest, &v) {
                                return S_ERR;
                            }
                        }
                    }
                }
                _ => {
                    if self.skipping > 0 {
                        return S_NIL;
                    } else if decl <= S_LBL {
                        self.error(
                            Problem::Token,
                            format!("Unrecognized or improper placement of token: '{tok}'"),
                        );
                        return S_ERR;
                    }
                    if !self.append(dest, tok) {
                        return S_ERR;
                    }
                }
            }
        }
    }

    /// An opcode or pseudo-opcode: copied with what follows it up to a
    /// space (its modifier), then its operands; the labels waiting name
    /// this line.
    fn instruction(
        &mut self,
        text: &str,
        mut pos: usize,
        upper: String,
        op: Op,
        dest: &mut String,
    ) -> Decl {
        let bytes = text.as_bytes();
        let mut head = upper;
        let from = pos;
        while pos < bytes.len() && !is_space(bytes[pos]) {
            pos += 1;
        }
        head.push_str(&text[from..pos]);
        if pos < bytes.len() {
            head.push(' ');
        }
        if !self.append(dest, &head) {
            return S_ERR;
        }
        let context = if matches!(op, Op::Real(_)) {
            S_VAL
        } else {
            S_PSE
        };
        if self.trav(text, pos, dest, context) == S_ERR {
            return S_ERR;
        }
        if !self.pending.is_empty() {
            let names = std::mem::take(&mut self.pending);
            self.define(Symbol {
                names,
                value: Value::Label(self.line),
                active: false,
            });
        }
        match op {
            Op::Real(_) => self.line += 1,
            Op::End => self.going = false,
            Op::Org | Op::Pin => {}
        }
        S_COM
    }

    /// `EQU`: the waiting labels name the rest of the line as text, and
    /// the text of the `EQU` lines right after it.
    fn equ(&mut self, text: &str, pos: usize) -> Decl {
        if self.pending.is_empty() {
            self.warning(
                Problem::AppendUndefined,
                "Attempting to append a string to an undefined label",
            );
            return S_VAL;
        }
        let src = self.list[self.cur].src;
        let mut body = vec![Line {
            text: text[pos..].to_string(),
            src,
        }];
        while let Some(next) = self.list.get(self.cur + 1) {
            let mut p = 0;
            let (_, word) = token::next(&next.text, &mut p);
            if !word.eq_ignore_ascii_case("equ") {
                break;
            }
            body.push(Line {
                text: next.text[p..].to_string(),
                src: next.src,
            });
            self.cur += 1;
        }
        let names = std::mem::take(&mut self.pending);
        self.define(Symbol {
            names,
            value: Value::Text(Rc::new(body)),
            active: false,
        });
        S_VAL
    }

    /// A use of `EQU` text (`body`, symbol `sym`'s): its lines replace the symbol (each line but
    /// the last ends an instruction of its own).
    fn substitute(
        &mut self,
        text: &str,
        pos: usize,
        dest: &mut String,
        decl: Decl,
        sym: usize,
        body: Rc<Vec<Line>>,
    ) -> Decl {
        if self.nesting >= MAX_NESTING {
            self.error(Problem::Recursive, "EQU substitutions nest too deeply");
            return S_ERR;
        }
        self.nesting += 1;
        self.symbols[sym].active = true;
        let saved_err = self.err_line;
        let saved_list = std::mem::replace(&mut self.list, body);
        let saved_cur = std::mem::replace(&mut self.cur, 0);
        let first = self.list[0].clone();
        if first.src != 0 {
            self.err_line = Some(first.src);
        }
        let mut decl = self.trav(&first.text, 0, dest, decl);
        while self.cur + 1 < self.list.len() && self.going {
            if self.skipping == 0 && decl == S_COM {
                let done = std::mem::take(dest);
                let src = self.list[self.cur].src;
                self.emit(&done, src);
            }
            self.cur += 1;
            let line = self.list[self.cur].clone();
            self.err_line = Some(line.src);
            dest.clear();
            decl = self.trav(&line.text, 0, dest, S_NIL);
        }
        self.list = saved_list;
        self.cur = saved_cur;
        self.err_line = saved_err;
        if text.as_bytes().get(pos).is_some_and(|c| is_space(*c)) && dest.len() < MAX_LINE {
            dest.push(' ');
        }
        self.symbols[sym].active = false;
        self.nesting -= 1;
        self.trav(text, pos, dest, decl)
    }

    /// `FOR count` ... `ROF`: the lines between are expanded `count`
    /// times, the last label before `FOR` counting 01, 02, ...
    fn block_for(&mut self, text: &str, pos: usize, dest: &mut String) -> Decl {
        if self.nesting >= MAX_NESTING {
            self.error(
                Problem::Recursive,
                "FOR blocks and EQU substitutions nest too deeply",
            );
            self.going = false;
            return S_ERR;
        }
        self.nesting += 1;
        let r = self.block_for_inner(text, pos, dest);
        self.nesting -= 1;
        r
    }

    fn block_for_inner(&mut self, text: &str, pos: usize, dest: &mut String) -> Decl {
        let counter_name = self.pending.pop();
        if !self.pending.is_empty() {
            let names = std::mem::take(&mut self.pending);
            self.define(Symbol {
                names,
                value: Value::Label(self.line),
                active: false,
            });
        }
        dest.clear();
        self.trav(text, pos, dest, S_VAL);
        let count = match self.evaluator.eval(dest) {
            Err(ExprError::DivisionByZero) => {
                self.error(Problem::DivisionByZero, "Division by zero");
                return S_FOR;
            }
            Err(ExprError::Bad) => {
                self.error(Problem::BadExpression, "Bad expression");
                return S_FOR;
            }
            Ok(v) => {
                if v.overflow {
                    self.warning(Problem::Overflow, "Arithmetic overflow detected");
                }
                v.value
            }
        };
        if count <= 0 {
            self.skipping = self.skipping.wrapping_add(1);
            return S_FOR;
        }
        // pMARS counts in 16 bits.
        let count = count as u16;
        self.define(Symbol {
            names: counter_name.into_iter().collect(),
            value: Value::Counter(1),
            active: false,
        });
        let counter = self.symbols.len() - 1;
        let for_line = self.cur;
        let mut n: u16 = 1;
        while self.going && n <= count {
            if let Value::Counter(c) = &mut self.symbols[counter].value {
                *c = u32::from(n);
            }
            self.cur = for_line;
            loop {
                if !self.going {
                    break;
                }
                if self.cur + 1 >= self.list.len() {
                    self.report(
                        Problem::UnclosedRof,
                        Severity::Warning,
                        "Unclosed ROF".into(),
                        false,
                    );
                    self.going = false;
                    break;
                }
                self.cur += 1;
                let line = self.list[self.cur].clone();
                self.err_line = Some(line.src);
                let mut body = String::new();
                match self.trav(&line.text, 0, &mut body, S_NIL) {
                    S_ROF => break,
                    S_COM => self.emit(&body, line.src),
                    _ => {}
                }
            }
            if n == u16::MAX {
                break;
            }
            n += 1;
        }
        // The counter goes out of scope.
        self.forget(counter);
        S_FOR
    }

    // ---- pass 2: encoding -------------------------------------------------

    fn encode(&mut self) {
        let count = self.line;
        if count > i64::from(MAX_INSTRUCTIONS) {
            self.report(
                Problem::TooMuch,
                Severity::Error,
                format!(
                    "Lines generated by the source exceed the limit {MAX_INSTRUCTIONS}; ignoring code generation"
                ),
                false,
            );
            return;
        }
        if count > i64::from(self.settings.max_length) {
            self.report(
                Problem::TooManyInstructions,
                Severity::Error,
                format!(
                    "Too many instructions (about {} more)",
                    count - i64::from(self.settings.max_length)
                ),
                false,
            );
        }
        if count == 0 {
            self.report(
                Problem::NoInstructions,
                Severity::Warning,
                "No instructions".into(),
                false,
            );
            return;
        }
        let coresize = i64::from(self.settings.coresize);
        let mut start: Option<u32> = None;
        self.line = 0;
        let lines = std::mem::take(&mut self.expanded);
        for line in &lines {
            self.err_line = Some(line.src);
            let Some(parsed) = self.parse(&line.text) else {
                continue;
            };
            if self.has_errors() {
                continue;
            }
            let a_text = if parsed.a_expr.is_empty() {
                "0"
            } else {
                &parsed.a_expr
            };
            let b_text = if parsed.b_expr.is_empty() {
                "0"
            } else {
                &parsed.b_expr
            };
            match parsed.op {
                Op::Org | Op::End | Op::Pin => {
                    let Some(v) = self.evaluate(b_text) else {
                        continue;
                    };
                    match parsed.op {
                        Op::Org => start = Some(v.rem_euclid(coresize) as u32),
                        Op::Pin => self.pin = Some(v),
                        _ => {
                            if v != 0 {
                                if start.is_some_and(|s| s != 0) {
                                    self.warning(
                                        Problem::BothOrgEnd,
                                        "Both opcodes ORG and END are used. Ignoring END",
                                    );
                                } else {
                                    start = Some(v.rem_euclid(coresize) as u32);
                                }
                            }
                        }
                    }
                }
                Op::Real(opcode) => {
                    let Some(a) = self.evaluate(a_text) else {
                        continue;
                    };
                    let Some(b) = self.evaluate(b_text) else {
                        continue;
                    };
                    self.code.push(Instruction {
                        opcode,
                        modifier: parsed.modifier,
                        a_mode: parsed.a_mode,
                        b_mode: parsed.b_mode,
                        a: a.rem_euclid(coresize) as u32,
                        b: b.rem_euclid(coresize) as u32,
                    });
                    self.line += 1;
                }
            }
        }
        self.expanded = lines;
        self.start = start.unwrap_or(0);
        if !self.has_errors() && self.start as usize >= self.code.len() {
            self.report(
                Problem::StartOutside,
                Severity::Warning,
                "Execution starts from outside of the program".into(),
                false,
            );
        }
    }

    fn evaluate(&mut self, text: &str) -> Option<i64> {
        match self.evaluator.eval(text) {
            Err(ExprError::DivisionByZero) => {
                self.error(Problem::DivisionByZero, "Division by zero");
                None
            }
            Err(ExprError::Bad) => {
                self.error(Problem::BadExpression, "Bad expression");
                None
            }
            Ok(v) => {
                if v.overflow {
                    self.warning(Problem::Overflow, "Arithmetic overflow detected");
                }
                Some(v.value)
            }
        }
    }

    /// Parses an expanded line into its parts (pMARS's automaton), with
    /// the symbols left replaced; `None` after an error.
    fn parse(&mut self, text: &str) -> Option<Parsed> {
        let parsed = self.parse_line(text);
        // The symbols replaced in this line are free again.
        for s in &mut self.symbols {
            s.active = false;
        }
        parsed
    }

    fn parse_line(&mut self, text: &str) -> Option<Parsed> {
        let mut p = Parsed {
            op: Op::Org,
            modifier: Modifier::F,
            a_mode: Mode::Direct,
            b_mode: Mode::Direct,
            a_expr: String::new(),
            b_expr: String::new(),
        };
        let mut modifier: Option<Modifier> = None;
        let mut stream = Stream {
            sources: vec![(text.to_string(), 0, None)],
        };
        let mut pos = 0;
        let (kind, tok) = token::next(text, &mut pos);
        stream.sources[0].1 = pos;
        let op = if kind == Kind::Ident {
            op_named(&tok.to_ascii_uppercase())
        } else {
            None
        };
        let Some(op) = op else {
            self.error(Problem::Missing, "Missing 'opcode'");
            return None;
        };
        p.op = op;
        let mut state = if matches!(op, Op::Real(_)) {
            State::ModAddrExp
        } else {
            State::Expr
        };
        let mut fine = false;
        let mut held: Option<(Kind, String)> = None;
        let before = self.diagnostics.len();
        let mut steps = 0u32;
        loop {
            steps += 1;
            self.work += 1;
            if steps > MAX_LINE_STEPS || self.work > 2 * MAX_EXPANSION_WORK {
                self.error(
                    Problem::Buffer,
                    "Buffer overflow. Substitution is too complex",
                );
                return None;
            }
            if !matches!(state, State::ExpFs | State::Expr) {
                fine = false;
            }
            let (kind, tok) = match held.take() {
                Some(t) => t,
                None => match stream.next(&mut self.symbols) {
                    Some(t) => t,
                    None => break,
                },
            };
            let in_b = matches!(state, State::AddrExpB | State::Expr);
            match (state, kind) {
                (State::ModAddrExp, Kind::Modifier) => state = State::Modf,
                (State::Modf, Kind::Ident) => {
                    match Modifier::from_name(&tok.to_ascii_uppercase()) {
                        Some(m) => {
                            modifier = Some(m);
                            state = State::AddrExpA;
                        }
                        None => {
                            self.error(Problem::Missing, "Missing 'modifier'");
                            return None;
                        }
                    }
                }
                (State::Modf, _) => {
                    self.error(Problem::Missing, "Missing 'modifier'");
                    return None;
                }
                (State::ModAddrExp | State::AddrExpA | State::AddrExpB, Kind::Addr) => {
                    let mode = Mode::from_symbol(tok.chars().next().unwrap_or('$'))
                        .unwrap_or(Mode::Direct);
                    if in_b {
                        p.b_mode = mode;
                        state = State::Expr;
                    } else {
                        p.a_mode = mode;
                        state = State::ExpFs;
                    }
                }
                (
                    State::ModAddrExp | State::AddrExpA | State::AddrExpB,
                    Kind::Number | Kind::Expr,
                ) => {
                    state = if in_b { State::Expr } else { State::ExpFs };
                    held = Some((kind, tok));
                }
                (
                    State::ModAddrExp
                    | State::AddrExpA
                    | State::AddrExpB
                    | State::ExpFs
                    | State::Expr,
                    Kind::Ident,
                ) => match self.lookup(&tok) {
                    Some(i) => {
                        if self.symbols[i].active {
                            self.error(
                                Problem::Recursive,
                                format!("Recursive reference of label '{tok}'"),
                            );
                            return None;
                        }
                        let replacement = match &self.symbols[i].value {
                            Value::Text(lines) => lines[0].text.clone(),
                            Value::Label(v) => {
                                if state == State::Expr && !matches!(op, Op::Real(_)) {
                                    v.to_string()
                                } else {
                                    (v - self.line).to_string()
                                }
                            }
                            Value::Counter(n) => n.to_string(),
                        };
                        self.symbols[i].active = true;
                        stream.sources.push((replacement, 0, Some(i)));
                    }
                    None if tok.len() == 1 => {
                        if matches!(state, State::ExpFs | State::Expr) {
                            let ok = self.push_expr(&mut p, in_b, &tok);
                            if !ok {
                                return None;
                            }
                            fine = true;
                        } else {
                            state = if in_b { State::Expr } else { State::ExpFs };
                            held = Some((kind, tok));
                        }
                    }
                    None => {
                        self.error(
                            Problem::UndefinedSymbol,
                            format!("Undefined label or symbol: '{tok}'"),
                        );
                        return None;
                    }
                },
                (State::ExpFs, Kind::Separator) => state = State::AddrExpB,
                (State::ExpFs | State::Expr, Kind::Addr) => {
                    if !matches!(tok.as_str(), ">" | "<" | "*") {
                        self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                        return None;
                    }
                    if !self.push_expr(&mut p, in_b, &tok) {
                        return None;
                    }
                    fine = true;
                }
                (State::ExpFs | State::Expr, Kind::Number) => {
                    let t = format!("{tok} ");
                    if !self.push_expr(&mut p, in_b, &t) {
                        return None;
                    }
                    fine = true;
                }
                (State::ExpFs | State::Expr, Kind::Expr) => {
                    if !self.push_expr(&mut p, in_b, &tok) {
                        return None;
                    }
                    fine = true;
                }
                (State::AddrExpA, _) => {
                    self.error(Problem::Missing, "Missing 'A-term'");
                    return None;
                }
                (State::AddrExpB, _) => {
                    self.error(Problem::Missing, "Missing 'B-term'");
                    return None;
                }
                _ => {
                    self.error(Problem::Placement, format!("Improper placement of '{tok}'"));
                    return None;
                }
            }
        }
        let Op::Real(opcode) = op else {
            return Some(p);
        };
        let had_error = self.diagnostics.len() > before;
        if !fine && !had_error {
            self.error(Problem::Syntax, "Syntax error");
            return None;
        }
        if p.b_expr.is_empty() {
            match opcode {
                Opcode::Dat => {
                    p.b_mode = p.a_mode;
                    p.b_expr = std::mem::take(&mut p.a_expr);
                    p.a_mode = Mode::Immediate;
                    p.a_expr = "0".into();
                }
                Opcode::Spl | Opcode::Jmp | Opcode::Nop => {
                    p.b_mode = Mode::Direct;
                    p.b_expr = "0".into();
                }
                _ => {
                    self.error(
                        Problem::IncompleteOperand,
                        format!("Incomplete operand at instruction '{}'", opcode.name()),
                    );
                    return None;
                }
            }
        }
        p.modifier = modifier.unwrap_or_else(|| default_modifier(opcode, p.a_mode, p.b_mode));
        Some(p)
    }

    fn push_expr(&mut self, p: &mut Parsed, b: bool, text: &str) -> bool {
        let target = if b { &mut p.b_expr } else { &mut p.a_expr };
        if target.len() + text.len() > MAX_LINE {
            self.error(
                Problem::Buffer,
                "Buffer overflow. Substitution is too complex",
            );
            return false;
        }
        target.push_str(text);
        true
    }
}

/// The modifier pMARS gives an instruction written without one.
pub fn default_modifier(opcode: Opcode, a: Mode, b: Mode) -> Modifier {
    use Opcode::*;
    match opcode {
        Dat | Nop => Modifier::F,
        Mov | Cmp | Seq | Sne => {
            if a == Mode::Immediate {
                Modifier::AB
            } else if b == Mode::Immediate {
                Modifier::B
            } else {
                Modifier::I
            }
        }
        Add | Sub | Mul | Div | Mod => {
            if a == Mode::Immediate {
                Modifier::AB
            } else if b == Mode::Immediate {
                Modifier::B
            } else {
                Modifier::F
            }
        }
        Ldp | Stp | Slt => {
            if a == Mode::Immediate {
                Modifier::AB
            } else {
                Modifier::B
            }
        }
        Jmp | Jmz | Jmn | Djn | Spl => Modifier::B,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    ModAddrExp,
    Modf,
    AddrExpA,
    ExpFs,
    AddrExpB,
    Expr,
}

struct Parsed {
    op: Op,
    modifier: Modifier,
    a_mode: Mode,
    b_mode: Mode,
    a_expr: String,
    b_expr: String,
}

/// Tokens of a line with symbols' text spliced in where they are used.
struct Stream {
    /// Text, position, and the symbol whose text it is.
    sources: Vec<(String, usize, Option<usize>)>,
}

impl Stream {
    fn next(&mut self, symbols: &mut [Symbol]) -> Option<(Kind, String)> {
        while let Some((text, pos, sym)) = self.sources.last_mut() {
            let (kind, tok) = token::next(text, pos);
            if kind != Kind::None {
                return Some((kind, tok.to_string()));
            }
            if let Some(i) = *sym {
                symbols[i].active = false;
            }
            self.sources.pop();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asm(src: &str) -> Result<Assembled, AsmError> {
        assemble(src, "t.red", &Settings::default(), 2)
    }

    #[test]
    fn runaway_sources_are_stopped_with_an_error() {
        // FOR blocks nested 10,000 deep.
        let deep = format!(
            "{}dat 0\n{}",
            "for 1\n".repeat(10_000),
            "rof\n".repeat(10_000)
        );
        let e = asm(&deep).unwrap_err().to_string();
        assert!(e.contains("nest too deeply"), "{e}");
        // Loops that produce nothing, 3.6 billion times (pMARS counts
        // in 16 bits: 60000 is as far as one FOR goes).
        let e = asm("for 60000\nfor 60000\nrof\nrof\ndat 0\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("too long to expand"), "{e}");
        // Symbols whose text doubles at each level, used before they are
        // defined (replaced in pass 2).
        let mut src = String::from("dat s0\n");
        for i in 0..30 {
            src.push_str(&format!("s{i} equ s{} s{}\n", i + 1, i + 1));
        }
        src.push_str("s30 equ\n");
        assert!(asm(&src).is_err());
        // A self-referential EQU.
        let e = asm("x equ x+1\ndat x\n").unwrap_err().to_string();
        assert!(e.contains("Recursive reference"), "{e}");
    }

    #[test]
    fn one_operand_forms_and_default_modifiers() {
        let w = asm(
            ";assert 1\ndat 5\njmp 2\nspl 1\nnop 0\nmov #1, 2\nadd 1, #2\nslt 1, 2\nmov 1, 2\n",
        )
        .unwrap()
        .warrior;
        let listed: Vec<String> = w.code.iter().map(|i| i.display(8000).to_string()).collect();
        assert_eq!(
            listed,
            [
                "DAT.F  #     0, $     5",
                "JMP.B  $     2, $     0",
                "SPL.B  $     1, $     0",
                "NOP.F  $     0, $     0",
                "MOV.AB #     1, $     2",
                "ADD.B  $     1, #     2",
                "SLT.B  $     1, $     2",
                "MOV.I  $     1, $     2",
            ]
        );
        let e = asm(";assert 1\nmov 1\n").unwrap_err().to_string();
        assert!(e.contains("Incomplete operand at instruction 'MOV'"), "{e}");
        let e = asm(";assert CORESIZE == 55440\ndat 0\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.red:1: error: Assertion in this line fails"),
            "{e}"
        );
    }
}
