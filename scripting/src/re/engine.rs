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

use super::syntax::{
    ASCII_BOUNDARY, ASCII_NOT_BOUNDARY, BOUNDARY, DOLLAR, Fault, NOT_BOUNDARY, Parsed,
};

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

/// What a search runs over: a str (its UTF-8) or bytes, and what the
/// pattern's `\b` and `\B` need to know of its characters.
#[derive(Clone, Copy)]
pub(crate) struct Hay<'a> {
    pub text: Option<&'a str>,
    pub bytes: &'a [u8],
    /// All its characters are ASCII.
    pub ascii: bool,
    /// It holds characters that are word characters to fancy-regex and
    /// not to Python, or the reverse (combining marks, `²`...).
    pub odd_words: bool,
}

impl<'a> Hay<'a> {
    pub(crate) fn bytes(self) -> &'a [u8] {
        self.bytes
    }
}

/// Whether `s` holds characters that fancy-regex's Unicode `\w` and
/// Python's (`str.isalnum()` and `_`) class differently.
pub(crate) fn odd_words(s: &str) -> bool {
    static ODD: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let re = ODD.get_or_init(|| Regex::new(r"[[\w--[\p{L}\p{N}_]][[\p{L}\p{N}_]--\w]]").ok());
    match re {
        Some(re) => re.is_match(s).unwrap_or(true),
        None => true,
    }
}

/// Python's word characters for str patterns, and ASCII's.
const WORD: &str = r"[\p{L}\p{N}_]";
const ASCII_WORD: &str = "[0-9A-Za-z_]";

/// `\b` (`\B` if `not`) over the word characters `w`, with look-arounds.
fn boundary(w: &str, not: bool) -> String {
    if not {
        format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))")
    } else {
        format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))")
    }
}

/// A group's span in bytes, if it took part.
pub(crate) type Spans = Vec<Option<(usize, usize)>>;

#[derive(Debug)]
pub(crate) struct Compiled {
    pub info: Parsed,
    pub is_bytes: bool,
    /// `None`: this variant can never match (no non-empty match of a
    /// pattern that only matches empty).
    variants: [OnceCell<Result<Option<Regex>, Fault>>; 64],
}

const NEWLINE: usize = 1;
const FULL: usize = 2;
const NOT_EMPTY: usize = 4;
const EMPTY_SUBJECT: usize = 8;
const ASCII_SUBJECT: usize = 16;
const ODD_WORDS: usize = 32;

impl Compiled {
    /// Compiles a parsed pattern: its plain variant now, so that what
    /// fancy-regex refuses is reported by `compile`.
    pub(crate) fn new(info: Parsed, is_bytes: bool) -> Result<Compiled, Fault> {
        let c = Compiled {
            info,
            is_bytes,
            variants: std::array::from_fn(|_| OnceCell::new()),
        };
        c.variant(0)?;
        Ok(c)
    }

    /// Whether the pattern has `\b` or `\B` of a str pattern (whose
    /// writing depends on the subject's characters).
    pub(crate) fn has_word_markers(&self) -> bool {
        self.info
            .text
            .contains([BOUNDARY, NOT_BOUNDARY, ASCII_BOUNDARY, ASCII_NOT_BOUNDARY])
    }

    /// Whether it has Unicode `\b` or `\B`.
    pub(crate) fn has_unicode_word_markers(&self) -> bool {
        !self.is_bytes && self.info.text.contains([BOUNDARY, NOT_BOUNDARY])
    }

    fn variant(&self, mut v: usize) -> Result<Option<&Regex>, Fault> {
        let text = &self.info.text;
        if !text.contains(DOLLAR) {
            v &= !NEWLINE;
        }
        if !text.contains([NOT_BOUNDARY, ASCII_NOT_BOUNDARY]) {
            v &= !EMPTY_SUBJECT;
        }
        if !self.has_word_markers() {
            v &= !ASCII_SUBJECT;
        }
        if !self.has_unicode_word_markers() || v & ASCII_SUBJECT != 0 {
            v &= !ODD_WORDS;
        }
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
        let never = if self.is_bytes {
            r"[^\x00-\xFF]"
        } else {
            r"[^\x{0}-\x{10FFFF}]"
        };
        let empty = v & EMPTY_SUBJECT != 0;
        // fancy-regex's own `\b` serves where its word characters are
        // Python's: for bytes, and for a subject without the characters
        // they class differently (all of them, for an ASCII subject).
        let plain = self.is_bytes || v & ODD_WORDS == 0;
        let ascii_plain = v & ASCII_SUBJECT != 0;
        let mut text = String::with_capacity(self.info.text.len() + 16);
        for c in self.info.text.chars() {
            match c {
                DOLLAR => text.push_str(dollar),
                NOT_BOUNDARY | ASCII_NOT_BOUNDARY if empty => text.push_str(never),
                NOT_BOUNDARY if plain => text.push_str(r"\B"),
                NOT_BOUNDARY => text.push_str(&boundary(WORD, true)),
                BOUNDARY if plain => text.push_str(r"\b"),
                BOUNDARY => text.push_str(&boundary(WORD, false)),
                ASCII_NOT_BOUNDARY if ascii_plain => text.push_str(r"\B"),
                ASCII_NOT_BOUNDARY => text.push_str(&boundary(ASCII_WORD, true)),
                ASCII_BOUNDARY if ascii_plain => text.push_str(r"\b"),
                ASCII_BOUNDARY => text.push_str(&boundary(ASCII_WORD, false)),
                c => text.push(c),
            }
        }
        if v & FULL != 0 {
            text = format!(r"(?:{text})\z");
        }
        let mut b = RegexBuilder::new(&text);
        // fancy-regex 0.20's rewriting of nested repeats loses matches
        // (`(?:(b+?)*)` on "bbb" finds "b"): it stays off.
        b.backtrack_limit(BACKTRACK_LIMIT)
            .optimize(false)
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
        built.map(Some).map_err(|e| match e {
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
        })
    }

    /// The first match in `hay` (already cut at `endpos`) starting at
    /// byte `start` (a character boundary) or later; `anchored` asks for one starting at
    /// `start`, `full` for one ending at the end, `not_empty` refuses an
    /// empty match. The spans of every group (0 for the whole match), in
    /// bytes.
    pub(crate) fn find(
        &self,
        hay: Hay<'_>,
        start: usize,
        anchored: bool,
        full: bool,
        not_empty: bool,
    ) -> Result<Option<Spans>, Failure> {
        let mut v = 0;
        if hay.bytes().last() == Some(&b'\n') {
            v |= NEWLINE;
        }
        if full {
            v |= FULL;
        }
        if not_empty {
            v |= NOT_EMPTY;
        }
        if hay.bytes().is_empty() {
            v |= EMPTY_SUBJECT;
        }
        if hay.ascii {
            v |= ASCII_SUBJECT;
        }
        if hay.odd_words {
            v |= ODD_WORDS;
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
        match hay.text {
            Some(text) => run!(text),
            None => run!(hay.bytes),
        }
    }

    /// A search as CPython's scanners make it from `start`: right after
    /// an empty match (`after_empty`), no empty match may start at
    /// `start`.
    pub(crate) fn scan(
        &self,
        hay: Hay<'_>,
        start: usize,
        after_empty: bool,
    ) -> Result<Option<Spans>, Failure> {
        if !after_empty {
            return self.find(hay, start, false, false, false);
        }
        if let Some(found) = self.find(hay, start, true, false, true)? {
            return Ok(Some(found));
        }
        if start >= hay.bytes().len() {
            return Ok(None);
        }
        let next = next_char(hay.bytes(), hay.text.is_some(), start);
        self.find(hay, next, false, false, false)
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

/// How many characters apart the marks of a [`StrIndex`] are.
const MARK: usize = 256;

/// Where the characters of a long str are: the byte offset of every
/// [`MARK`]th character, so that a position converts in a few hundred
/// steps rather than a walk from the start.
#[derive(Debug)]
pub(crate) struct StrIndex {
    /// The str (kept alive: the index is found again by pointer).
    pub text: std::rc::Rc<str>,
    pub ascii: bool,
    chars: usize,
    marks: Vec<usize>,
    odd_words: OnceCell<bool>,
}

impl StrIndex {
    /// Whether the str holds characters [`odd_words`] looks for.
    pub(crate) fn odd_words(&self) -> bool {
        *self
            .odd_words
            .get_or_init(|| !self.ascii && odd_words(&self.text))
    }

    pub(crate) fn new(text: std::rc::Rc<str>) -> StrIndex {
        let ascii = text.is_ascii();
        let mut marks = Vec::new();
        let mut chars = text.len();
        if !ascii {
            chars = 0;
            for (i, b) in text.bytes().enumerate() {
                if (b & 0xc0) != 0x80 {
                    if chars.is_multiple_of(MARK) {
                        marks.push(i);
                    }
                    chars += 1;
                }
            }
        }
        StrIndex {
            text,
            ascii,
            chars,
            marks,
            odd_words: OnceCell::new(),
        }
    }
}

fn count_chars(s: &[u8]) -> usize {
    s.iter().filter(|&&x| (x & 0xc0) != 0x80).count()
}

/// Byte and character positions of a subject, converted from one to
/// the other by counting from the last position asked (searches ask in
/// order, mostly forward), or from the nearest mark of an index.
pub(crate) struct Positions<'a> {
    text: &'a [u8],
    ascii: bool,
    index: Option<&'a StrIndex>,
    byte: usize,
    char: usize,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(text: &'a [u8], is_str: bool, index: Option<&'a StrIndex>) -> Positions<'a> {
        let ascii = match index {
            Some(i) => i.ascii,
            None => !is_str || text.is_ascii(),
        };
        Positions {
            text,
            ascii,
            index,
            byte: 0,
            char: 0,
        }
    }

    /// The character index of byte position `b`.
    pub(crate) fn char_of(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        let b = b.min(self.text.len());
        if let Some(index) = self.index
            && b.abs_diff(self.byte) > 4 * MARK
        {
            let k = index.marks.partition_point(|m| *m <= b).max(1) - 1;
            self.byte = index.marks.get(k).copied().unwrap_or(0);
            self.char = k * MARK;
        }
        if b >= self.byte {
            self.char += count_chars(&self.text[self.byte..b]);
        } else if b >= self.byte / 2 {
            self.char -= count_chars(&self.text[b..self.byte]);
        } else {
            self.char = count_chars(&self.text[..b]);
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
        if let Some(index) = self.index
            && c - n > MARK
        {
            let k = (c / MARK).min(index.marks.len().saturating_sub(1));
            if k * MARK > n {
                b = index.marks[k];
                n = k * MARK;
            }
        }
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
        if let Some(index) = self.index {
            return index.chars;
        }
        let end = self.text.len();
        self.char_of(end)
    }
}
