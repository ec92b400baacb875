//! A compiled pattern: the translation of [`super::syntax`] handed to
//! fancy-regex, in the variants the searches need, and the searches
//! themselves over a str's bytes or a bytes object.
//!
//! A variant is the pattern with Python's `$` written for the subject
//! (before a final newline too, or at the very end when the subject has
//! none: the latter stays a plain regex that never backtracks), wrapped
//! for `fullmatch`, or refusing empty matches (what CPython's search
//! does right after an empty match). Each is compiled on first use.

use std::cell::OnceCell;

use fancy_regex::{BytesMode, Regex, RegexBuilder, RegexInput};

use super::syntax::{Fault, Parsed};

/// How many times a backtracking search may back up before it gives up
/// (a runaway pattern raises instead of hanging the VM).
const BACKTRACK_LIMIT: usize = 20_000_000;
/// The most instructions a backtracking program may have. (Automata
/// keep the regex crate's limits: 10 MiB compiled, 2 MiB of cache.)
const MAX_PROG: usize = 1_000_000;

/// What a search reported instead of a result.
#[derive(Debug, Clone)]
pub(crate) enum Failure {
    /// The pattern does not compile in this variant.
    Compile(Fault),
    /// The search backtracked too long.
    Runaway,
}

/// A group's span in bytes, if it took part.
pub(crate) type Spans = Vec<Option<(usize, usize)>>;

#[derive(Debug)]
pub(crate) struct Compiled {
    pub info: Parsed,
    pub is_bytes: bool,
    /// `None`: this variant can never match (no non-empty match of a
    /// pattern that only matches empty).
    variants: [OnceCell<Result<Option<Regex>, Fault>>; 8],
}

const NEWLINE: usize = 1;
const FULL: usize = 2;
const NOT_EMPTY: usize = 4;

impl Compiled {
    /// Compiles a parsed pattern: its plain variant now, so that what
    /// fancy-regex refuses is reported by `compile`.
    pub(crate) fn new(info: Parsed, is_bytes: bool) -> Result<Compiled, Fault> {
        let c = Compiled {
            info,
            is_bytes,
            variants: Default::default(),
        };
        c.variant(0)?;
        Ok(c)
    }

    fn has_dollar(&self) -> bool {
        self.info.parts.len() > 1
    }

    fn variant(&self, v: usize) -> Result<Option<&Regex>, Fault> {
        let v = if self.has_dollar() { v } else { v & !NEWLINE };
        self.variants[v]
            .get_or_init(|| self.build(v))
            .as_ref()
            .map(Option::as_ref)
            .map_err(Clone::clone)
    }

    fn build(&self, v: usize) -> Result<Option<Regex>, Fault> {
        let dollar = if v & NEWLINE != 0 {
            r"(?=\n?\z)"
        } else {
            r"\z"
        };
        let mut text = self.info.parts.join(dollar);
        if v & FULL != 0 {
            text = format!(r"(?:{text})\z");
        }
        let mut b = RegexBuilder::new(&text);
        b.backtrack_limit(BACKTRACK_LIMIT)
            .max_prog_size(MAX_PROG)
            .find_not_empty(v & NOT_EMPTY != 0);
        if self.is_bytes {
            b.bytes_mode(BytesMode::Ascii);
        }
        let built = b.build();
        use fancy_regex::{CompileError, Error, ParseError};
        if let Err(Error::CompileError(e)) = &built
            && matches!(**e, CompileError::PatternCanNeverMatch)
        {
            return Ok(None);
        }
        built.map(Some).map_err(|e| {
            match e {
                Error::ParseError(_, ParseError::RecursionExceeded) => Fault::Recursion(
                    "maximum recursion depth exceeded: the pattern nests too deep for Shoal's re"
                        .into(),
                ),
                Error::CompileError(_) => Fault::Re(
                    format!("the pattern is too large for Shoal's re ({e})"),
                    None,
                ),
                e => Fault::Re(
                    format!("Shoal's re cannot compile this pattern ({e})"),
                    None,
                ),
            }
        })
    }

    /// The first match in `hay` (already cut at `endpos`) starting at
    /// byte `start` or later; `anchored` asks for one starting at
    /// `start`, `full` for one ending at the end, `not_empty` refuses an
    /// empty match. The spans of every group (0 for the whole match), in
    /// bytes.
    pub(crate) fn find(
        &self,
        hay: &[u8],
        is_str: bool,
        start: usize,
        anchored: bool,
        full: bool,
        not_empty: bool,
    ) -> Result<Option<Spans>, Failure> {
        let mut v = 0;
        if hay.last() == Some(&b'\n') {
            v |= NEWLINE;
        }
        if full {
            v |= FULL;
        }
        if not_empty {
            v |= NOT_EMPTY;
        }
        let Some(re) = self.variant(v).map_err(Failure::Compile)? else {
            return Ok(None);
        };
        let groups = self.info.groups;
        macro_rules! run {
            ($hay:expr) => {{
                let input = RegexInput::new($hay).from_pos(start).anchored(anchored);
                if groups == 0 {
                    match re.find_input(input) {
                        Ok(Some(m)) => Ok(Some(vec![Some((m.start(), m.end()))])),
                        Ok(None) => Ok(None),
                        Err(_) => Err(Failure::Runaway),
                    }
                } else {
                    match re.captures_input(input) {
                        Ok(Some(c)) => Ok(Some(
                            (0..=groups)
                                .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                                .collect(),
                        )),
                        Ok(None) => Ok(None),
                        Err(_) => Err(Failure::Runaway),
                    }
                }
            }};
        }
        if is_str {
            // The caller passes a str's bytes.
            let text = std::str::from_utf8(hay).unwrap_or("");
            run!(text)
        } else {
            run!(hay)
        }
    }

    /// A search as CPython's scanners make it from `start`: right after
    /// an empty match (`after_empty`), no empty match may start at
    /// `start`.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        is_str: bool,
        start: usize,
        after_empty: bool,
    ) -> Result<Option<Spans>, Failure> {
        if !after_empty {
            return self.find(hay, is_str, start, false, false, false);
        }
        if let Some(found) = self.find(hay, is_str, start, true, false, true)? {
            return Ok(Some(found));
        }
        if start >= hay.len() {
            return Ok(None);
        }
        let next = next_char(hay, is_str, start);
        self.find(hay, is_str, next, false, false, false)
    }
}

/// The byte after the character at byte `i`.
pub(crate) fn next_char(hay: &[u8], is_str: bool, i: usize) -> usize {
    let mut j = i + 1;
    if is_str {
        while j < hay.len() && (hay[j] & 0xc0) == 0x80 {
            j += 1;
        }
    }
    j.min(hay.len())
}

/// Byte and character positions of a str, converted from one to the
/// other by counting from the last position asked (searches ask in
/// order, mostly forward).
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    ascii: bool,
    byte: usize,
    char: usize,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a [u8], is_str: bool) -> Positions<'a> {
        Positions {
            text,
            ascii: !is_str || text.is_ascii(),
            byte: 0,
            char: 0,
        }
    }

    /// The character index of byte position `b`.
    pub(crate) fn char_of(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        let count = |s: &[u8]| s.iter().filter(|&&x| (x & 0xc0) != 0x80).count();
        if b >= self.byte {
            self.char += count(&self.text[self.byte..b]);
        } else if b >= self.byte / 2 {
            self.char -= count(&self.text[b..self.byte]);
        } else {
            self.char = count(&self.text[..b]);
        }
        self.byte = b;
        self.char
    }

    /// The byte position of character index `c` (at most the end).
    pub(crate) fn byte_of(&mut self, c: usize) -> usize {
        if self.ascii {
            return c.min(self.text.len());
        }
        let (mut b, mut n) = if c >= self.char {
            (self.byte, self.char)
        } else {
            (0, 0)
        };
        while n < c && b < self.text.len() {
            b = next_char(self.text, true, b);
            n += 1;
        }
        self.byte = b;
        self.char = n;
        b
    }

    /// The number of characters.
    pub(crate) fn len(&mut self) -> usize {
        let end = self.text.len();
        self.char_of(end)
    }
}
