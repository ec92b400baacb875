//! Python's regular expression syntax: a pattern parsed the way CPython
//! 3.11's `re` parses it (the same errors, at the same positions), then
//! written out in fancy-regex's syntax with Python's meanings made
//! explicit: `$`, `\Z`, `\d`, `\w`, `\s` and `.` become what Python means
//! by them, group names become numbers, verbose mode and the scoped
//! flags other than `i` are applied here.
//!
//! A pattern is a sequence of code points: a str's characters, or a
//! bytes object's bytes. Positions in errors index that sequence, as
//! CPython's do.

use std::fmt::Write as _;

/// The flags, with CPython's values.
pub(crate) const TEMPLATE: u32 = 1;
pub(crate) const IGNORECASE: u32 = 2;
pub(crate) const LOCALE: u32 = 4;
pub(crate) const MULTILINE: u32 = 8;
pub(crate) const DOTALL: u32 = 16;
pub(crate) const UNICODE: u32 = 32;
pub(crate) const VERBOSE: u32 = 64;
pub(crate) const DEBUG: u32 = 128;
pub(crate) const ASCII: u32 = 256;
const TYPE_FLAGS: u32 = ASCII | LOCALE | UNICODE;

/// Python's limit on repeat counts and group numbers.
const MAXREPEAT: u64 = 4_294_967_295;
/// How deep groups may nest: fancy-regex refuses patterns nested 64
/// deep, and a few levels are kept for what the translation adds.
const MAX_DEPTH: usize = 60;

/// Stands for `$` outside multi-line mode in [`Parsed::text`].
pub(crate) const DOLLAR: char = '\u{1}';
/// Stands for `\B` in [`Parsed::text`].
pub(crate) const NOT_BOUNDARY: char = '\u{2}';
/// Stands for `\B` with ASCII word characters in a str pattern.
pub(crate) const ASCII_NOT_BOUNDARY: char = '\u{3}';
/// Stands for `\b` in a str pattern.
pub(crate) const BOUNDARY: char = '\u{4}';
/// Stands for `\b` with ASCII word characters in a str pattern.
pub(crate) const ASCII_BOUNDARY: char = '\u{5}';

/// The longest pattern compiled (in characters or bytes): fancy-regex
/// spends some hundred bytes per character compiling, so a longer one is
/// refused rather than let it take the process's memory.
pub(crate) const MAX_PATTERN: usize = 200_000;

/// Python's `\s` for str patterns: what `str.isspace()` accepts.
const UNICODE_SPACE: &str = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}";
/// Python's `\w` for str patterns: what `str.isalnum()` accepts, and `_`.
const UNICODE_WORD: &str = r"\p{L}\p{N}_";
const ASCII_WORD: &str = "0-9A-Za-z_";
const ASCII_SPACE: &str = r"\t-\r ";

/// What went wrong, as the exception CPython raises.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fault {
    /// `re.error(msg)` at a position of the pattern (or none).
    Re(String, Option<usize>),
    /// OverflowError.
    Overflow(String),
    /// ValueError.
    Value(String),
    /// RecursionError.
    Recursion(String),
    /// NotImplementedError: syntax Shoal's `re` leaves out.
    NotImplemented(String),
}

fn err<T>(msg: impl Into<String>, pos: usize) -> Result<T, Fault> {
    Err(Fault::Re(msg.into(), Some(pos)))
}

/// What a parsed pattern is.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parsed {
    /// The pattern in fancy-regex's syntax, with [`DOLLAR`] where a `$`
    /// (outside multi-line mode) stands and markers for `\b` and `\B`:
    /// Python's `$` also matches before a final newline, its `\B` never
    /// matches in an empty subject, and its word characters are not
    /// fancy-regex's (`str.isalnum()`'s and `_`, or ASCII's with
    /// `re.ASCII`), so the searcher writes them as the subject needs.
    pub text: String,
    /// The number of capturing groups.
    pub groups: usize,
    /// The named groups, in the order they were defined.
    pub names: Vec<(String, usize)>,
    /// For each group (index 0 for group 1), the order in which its
    /// closing parenthesis comes (for `lastindex`).
    pub close_order: Vec<u32>,
    /// The flags: those given, the global inline ones, and UNICODE for a
    /// str pattern without ASCII.
    pub flags: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cat {
    Digit,
    Word,
    Space,
}

#[derive(Debug, Clone, PartialEq)]
enum Item {
    Char(u32),
    Range(u32, u32),
    /// A category, negated or not, ASCII or not.
    Cat(Cat, bool, bool),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum At {
    /// `^` outside multi-line mode, `\A`.
    Start,
    /// `^` in multi-line mode.
    StartLine,
    /// `$` outside multi-line mode.
    End,
    /// `$` in multi-line mode.
    EndLine,
    /// `\Z`.
    EndText,
    /// `\b` (ASCII or not).
    Boundary(bool),
    /// `\B` (ASCII or not).
    NotBoundary(bool),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Greed {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Lit(u32),
    /// `.`: DOTALL or not.
    Any(bool),
    Set(bool, Vec<Item>),
    At(At),
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Group(usize, Box<Node>),
    /// A non-capturing group, turning IGNORECASE on or off if `Some`.
    Scoped(Option<bool>, Box<Node>),
    Look(bool, bool, Box<Node>),
    Atomic(Box<Node>),
    Repeat(u32, Option<u32>, Greed, Box<Node>),
    Backref(usize),
    Cond(usize, Box<Node>, Box<Node>),
}

impl Node {
    fn is_at(&self) -> bool {
        matches!(self, Node::At(_))
    }

    fn is_repeat(&self) -> bool {
        matches!(self, Node::Repeat(..))
    }
}

struct Parser<'a> {
    src: &'a [u32],
    pos: usize,
    is_bytes: bool,
    /// The global flags (those given and `(?x)` at the start).
    flags: u32,
    /// Groups opened so far.
    groups: usize,
    open: Vec<usize>,
    names: Vec<(String, usize)>,
    close_order: Vec<u32>,
    closed: u32,
    /// Each group's width (min, max), once closed.
    widths: Vec<Option<(u64, u64)>>,
    /// Group references of conditionals: (group, position).
    cond_refs: Vec<(usize, usize)>,
    /// Groups defined before the lookbehind being parsed, if any.
    lookbehind_groups: Option<usize>,
    depth: usize,
}

/// The flags in force where a part of the pattern is parsed.
#[derive(Clone, Copy)]
struct Local {
    flags: u32,
}

impl Local {
    fn verbose(self) -> bool {
        self.flags & VERBOSE != 0
    }
    fn ascii(self) -> bool {
        self.flags & (ASCII | LOCALE) != 0
    }
}

fn is_digit(c: Option<u32>) -> bool {
    matches!(c, Some(c) if (b'0' as u32..=b'9' as u32).contains(&c))
}

fn is_octal(c: Option<u32>) -> bool {
    matches!(c, Some(c) if (b'0' as u32..=b'7' as u32).contains(&c))
}

fn is_hex(c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| c.is_ascii_hexdigit())
}

fn ch(c: u32) -> char {
    char::from_u32(c).unwrap_or('\u{fffd}')
}

fn flag_of(c: u32) -> Option<u32> {
    Some(match ch(c) {
        'i' => IGNORECASE,
        'L' => LOCALE,
        'm' => MULTILINE,
        's' => DOTALL,
        'x' => VERBOSE,
        'a' => ASCII,
        'u' => UNICODE,
        _ => return None,
    })
}

/// `str.isidentifier()`: what a group name must be.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {
            chars.all(unicode_ident::is_xid_continue)
        }
        _ => false,
    }
}

fn is_space(c: u32) -> bool {
    matches!(ch(c), ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos).copied()
    }

    fn peek_is(&self, c: char) -> bool {
        self.peek() == Some(c as u32)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek_is(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.src[from..to.min(self.src.len())]
            .iter()
            .map(|c| ch(*c))
            .collect()
    }

    /// Alternatives, up to a `)` or the end.
    fn parse_alt(&mut self, local: Local, nested: bool) -> Result<Node, Fault> {
        let mut items = Vec::new();
        let mut local = local;
        loop {
            let first = !nested && items.is_empty();
            let (seq, after) = self.parse_seq(local, first)?;
            items.push(seq);
            // Global flags met at the start hold for the whole pattern.
            if first {
                local = after;
            }
            if !self.eat('|') {
                break;
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Node::Cat(Vec::new()))
        } else {
            Node::Alt(items)
        })
    }

    /// A sequence of items, up to `|`, `)` or the end.
    fn parse_seq(&mut self, mut local: Local, first: bool) -> Result<(Node, Local), Fault> {
        let mut items: Vec<Node> = Vec::new();
        // Whether anything has been parsed in this sequence (global flags
        // must come first; comments do not count, as in CPython).
        while let Some(c) = self.peek() {
            let this = ch(c);
            if this == '|' || this == ')' {
                break;
            }
            let start = self.pos;
            self.pos += 1;
            if local.verbose() {
                if is_space(c) {
                    continue;
                }
                if this == '#' {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == '\n' as u32 {
                            break;
                        }
                    }
                    continue;
                }
            }
            match this {
                '\\' => {
                    let node = self.escape(start, local)?;
                    items.push(node);
                }
                '[' => {
                    let node = self.class(start, local)?;
                    items.push(node);
                }
                '.' => items.push(Node::Any(local.flags & DOTALL != 0)),
                '^' => items.push(Node::At(if local.flags & MULTILINE != 0 {
                    At::StartLine
                } else {
                    At::Start
                })),
                '$' => items.push(Node::At(if local.flags & MULTILINE != 0 {
                    At::EndLine
                } else {
                    At::End
                })),
                '*' | '+' | '?' | '{' => self.repeat(this, start, &mut items)?,
                '(' => {
                    if let Some(node) = self.group(start, &mut local, first, items.is_empty())? {
                        items.push(node);
                    }
                }
                _ => items.push(Node::Lit(c)),
            }
        }
        Ok((Node::Cat(items), local))
    }

    /// A repeat after the last item.
    fn repeat(&mut self, this: char, start: usize, items: &mut Vec<Node>) -> Result<(), Fault> {
        let here = self.pos;
        let (min, max) = match this {
            '?' => (0, Some(1)),
            '*' => (0, None),
            '+' => (1, None),
            _ => {
                if self.peek_is('}') {
                    items.push(Node::Lit('{' as u32));
                    return Ok(());
                }
                let lo_start = self.pos;
                while is_digit(self.peek()) {
                    self.pos += 1;
                }
                let lo = self.text(lo_start, self.pos);
                let hi = if self.eat(',') {
                    let hi_start = self.pos;
                    while is_digit(self.peek()) {
                        self.pos += 1;
                    }
                    self.text(hi_start, self.pos)
                } else {
                    lo.clone()
                };
                if !self.eat('}') {
                    items.push(Node::Lit('{' as u32));
                    self.pos = here;
                    return Ok(());
                }
                let count = |s: &str| -> Result<u64, Fault> {
                    match s.parse::<u64>() {
                        Ok(n) if n < MAXREPEAT => Ok(n),
                        _ => Err(Fault::Overflow("the repetition number is too large".into())),
                    }
                };
                let min = if lo.is_empty() { 0 } else { count(&lo)? };
                let max = if hi.is_empty() {
                    None
                } else {
                    let max = count(&hi)?;
                    if max < min {
                        return err("min repeat greater than max repeat", here);
                    }
                    Some(max as u32)
                };
                (min as u32, max)
            }
        };
        match items.last() {
            None => return err("nothing to repeat", start),
            Some(n) if n.is_at() => return err("nothing to repeat", start),
            Some(n) if n.is_repeat() => return err("multiple repeat", start),
            _ => {}
        }
        let mut item = items.pop().unwrap_or(Node::Cat(Vec::new()));
        // A plain non-capturing group is repeated as what it holds.
        if let Node::Scoped(None, body) = item {
            item = *body;
        }
        let greed = if self.eat('?') {
            Greed::Lazy
        } else if self.eat('+') {
            Greed::Possessive
        } else {
            Greed::Greedy
        };
        items.push(Node::Repeat(min, max, greed, Box::new(item)));
        Ok(())
    }

    /// The name up to `term` (`getuntil`): "missing group name" and the
    /// rest as CPython reports them.
    fn name_until(&mut self, term: char) -> Result<String, Fault> {
        let from = self.pos;
        loop {
            let Some(c) = self.peek() else {
                if self.pos == from {
                    return err("missing group name", self.pos);
                }
                return err(format!("missing {term}, unterminated name"), from);
            };
            self.pos += 1;
            if c == term as u32 {
                if self.pos - 1 == from {
                    return err("missing group name", self.pos - 1);
                }
                return Ok(self.text(from, self.pos - 1));
            }
            // A backslash and what follows are one token for CPython.
            if c == '\\' as u32 && self.peek().is_some() {
                self.pos += 1;
            }
        }
    }

    fn check_name(&self, name: &str) -> Result<(), Fault> {
        if is_identifier(name) {
            Ok(())
        } else {
            err(
                format!(
                    "bad character in group name {}",
                    crate::builtins::str_repr(name)
                ),
                self.pos - name.chars().count() - 1,
            )
        }
    }

    fn group_named(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, g)| *g)
    }

    fn check_lookbehind_group(&self, group: usize, at: usize) -> Result<(), Fault> {
        if let Some(before) = self.lookbehind_groups
            && group > before
        {
            return err(
                "cannot refer to group defined in the same lookbehind subpattern",
                at,
            );
        }
        Ok(())
    }

    fn enter(&mut self) -> Result<(), Fault> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Fault::Recursion(format!(
                "maximum recursion depth exceeded: Shoal's re nests groups {MAX_DEPTH} deep at most"
            )));
        }
        Ok(())
    }

    /// After `(`: a group, or `None` for what adds nothing (comments,
    /// global flags).
    fn group(
        &mut self,
        start: usize,
        local: &mut Local,
        first: bool,
        seq_empty: bool,
    ) -> Result<Option<Node>, Fault> {
        let mut name = None;
        let mut capture = true;
        let mut atomic = false;
        let mut scoped: Option<(u32, u32)> = None;
        if self.eat('?') {
            let Some(c) = self.peek() else {
                return err("unexpected end of pattern", self.pos);
            };
            self.pos += 1;
            match ch(c) {
                'P' => {
                    if self.eat('<') {
                        let n = self.name_until('>')?;
                        self.check_name(&n)?;
                        name = Some(n);
                    } else if self.eat('=') {
                        let n = self.name_until(')')?;
                        self.check_name(&n)?;
                        let at = self.pos - n.chars().count() - 1;
                        let Some(g) = self.group_named(&n) else {
                            return err(
                                format!("unknown group name {}", crate::builtins::str_repr(&n)),
                                at,
                            );
                        };
                        if self.open.contains(&g) {
                            return err("cannot refer to an open group", at);
                        }
                        self.check_lookbehind_group(g, self.pos)?;
                        return Ok(Some(Node::Backref(g)));
                    } else {
                        let Some(c) = self.peek() else {
                            return err("unexpected end of pattern", self.pos);
                        };
                        return err(format!("unknown extension ?P{}", ch(c)), self.pos - 2);
                    }
                }
                ':' => capture = false,
                '#' => {
                    loop {
                        let Some(c) = self.peek() else {
                            return err("missing ), unterminated comment", start);
                        };
                        self.pos += 1;
                        if c == ')' as u32 {
                            break;
                        }
                    }
                    return Ok(None);
                }
                '=' | '!' | '<' => {
                    let mut behind = false;
                    let mut kind = ch(c);
                    if kind == '<' {
                        let Some(c2) = self.peek() else {
                            return err("unexpected end of pattern", self.pos);
                        };
                        self.pos += 1;
                        if ch(c2) != '=' && ch(c2) != '!' {
                            return err(format!("unknown extension ?<{}", ch(c2)), self.pos - 3);
                        }
                        kind = ch(c2);
                        behind = true;
                    }
                    let saved = self.lookbehind_groups;
                    if behind && saved.is_none() {
                        self.lookbehind_groups = Some(self.groups);
                    }
                    self.enter()?;
                    let body = self.parse_alt(*local, true)?;
                    self.depth -= 1;
                    self.lookbehind_groups = saved;
                    if !self.eat(')') {
                        return err("missing ), unterminated subpattern", start);
                    }
                    if behind {
                        let (lo, hi) = self.width(&body);
                        if lo != hi {
                            return Err(Fault::Re(
                                "look-behind requires fixed-width pattern".into(),
                                None,
                            ));
                        }
                    }
                    return Ok(Some(Node::Look(behind, kind == '!', Box::new(body))));
                }
                '(' => {
                    let n = self.name_until(')')?;
                    let at = self.pos - n.chars().count() - 1;
                    let group = if is_identifier(&n) {
                        match self.group_named(&n) {
                            Some(g) => g,
                            None => {
                                return err(
                                    format!("unknown group name {}", crate::builtins::str_repr(&n)),
                                    at,
                                );
                            }
                        }
                    } else {
                        let g = match n.parse::<u64>() {
                            Ok(g) if n.bytes().all(|b| b.is_ascii_digit()) => g,
                            _ => {
                                return err(
                                    format!(
                                        "bad character in group name {}",
                                        crate::builtins::str_repr(&n)
                                    ),
                                    at,
                                );
                            }
                        };
                        if g == 0 {
                            return err("bad group number", at);
                        }
                        if g >= MAXREPEAT / 2 {
                            return err(format!("invalid group reference {g}"), at);
                        }
                        if !self.cond_refs.iter().any(|(r, _)| *r == g as usize) {
                            self.cond_refs.push((g as usize, at));
                        }
                        g as usize
                    };
                    self.check_lookbehind_group(group, self.pos)?;
                    self.enter()?;
                    let (yes, _) = self.parse_seq(*local, false)?;
                    let no = if self.eat('|') {
                        let (no, _) = self.parse_seq(*local, false)?;
                        if self.peek_is('|') {
                            return err(
                                "conditional backref with more than two branches",
                                self.pos,
                            );
                        }
                        no
                    } else {
                        Node::Cat(Vec::new())
                    };
                    self.depth -= 1;
                    if !self.eat(')') {
                        return err("missing ), unterminated subpattern", start);
                    }
                    return Ok(Some(Node::Cond(group, Box::new(yes), Box::new(no))));
                }
                '>' => {
                    capture = false;
                    atomic = true;
                }
                f if flag_of(c).is_some() || f == '-' => match self.flags_group(c)? {
                    None => {
                        if !first || !seq_empty {
                            return err("global flags not at the start of the expression", start);
                        }
                        local.flags |= self.flags;
                        return Ok(None);
                    }
                    Some(pair) => {
                        scoped = Some(pair);
                        capture = false;
                    }
                },
                _ => return err(format!("unknown extension ?{}", ch(c)), self.pos - 2),
            }
        }
        let group = if capture {
            self.groups += 1;
            let g = self.groups;
            self.widths.push(None);
            self.close_order.push(0);
            if let Some(n) = &name {
                if let Some(old) = self.group_named(n) {
                    return err(
                        format!(
                            "redefinition of group name {} as group {g}; was group {old}",
                            crate::builtins::str_repr(n)
                        ),
                        self.pos - n.chars().count() - 1,
                    );
                }
                self.names.push((n.clone(), g));
            }
            self.open.push(g);
            Some(g)
        } else {
            None
        };
        let mut inner = *local;
        if let Some((add, del)) = scoped {
            inner.flags = (inner.flags | add) & !del;
            if add & TYPE_FLAGS != 0 {
                inner.flags = (inner.flags & !TYPE_FLAGS) | (add & TYPE_FLAGS);
            }
        }
        self.enter()?;
        let body = self.parse_alt(inner, true)?;
        self.depth -= 1;
        if !self.eat(')') {
            return err("missing ), unterminated subpattern", start);
        }
        if let Some(g) = group {
            self.open.retain(|o| *o != g);
            self.closed += 1;
            self.close_order[g - 1] = self.closed;
            let w = self.width(&body);
            self.widths[g - 1] = Some(w);
            return Ok(Some(Node::Group(g, Box::new(body))));
        }
        if atomic {
            return Ok(Some(Node::Atomic(Box::new(body))));
        }
        let case = scoped.and_then(|(add, del)| {
            if add & IGNORECASE != 0 {
                Some(true)
            } else if del & IGNORECASE != 0 {
                Some(false)
            } else {
                None
            }
        });
        Ok(Some(Node::Scoped(case, Box::new(body))))
    }

    /// The flags of `(?flags)` (global: `None`, the flags go to
    /// `self.flags`) or `(?flags-flags:` (scoped: what is turned on and
    /// off). `first` is the first flag letter or `-`, already read.
    fn flags_group(&mut self, first: u32) -> Result<Option<(u32, u32)>, Fault> {
        let mut add = 0;
        let mut del = 0;
        let mut c = first;
        if ch(c) != '-' {
            loop {
                let flag = flag_of(c).unwrap_or(0);
                if self.is_bytes {
                    if ch(c) == 'u' {
                        return err(
                            "bad inline flags: cannot use 'u' flag with a bytes pattern",
                            self.pos,
                        );
                    }
                } else if ch(c) == 'L' {
                    return err(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        self.pos,
                    );
                }
                add |= flag;
                if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                    return err(
                        "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                        self.pos,
                    );
                }
                let Some(next) = self.peek() else {
                    return err("missing -, : or )", self.pos);
                };
                self.pos += 1;
                c = next;
                if matches!(ch(c), ')' | '-' | ':') {
                    break;
                }
                if flag_of(c).is_none() {
                    let msg = if ch(c).is_alphabetic() {
                        "unknown flag"
                    } else {
                        "missing -, : or )"
                    };
                    return err(msg, self.pos - 1);
                }
            }
        }
        if ch(c) == ')' {
            self.flags |= add;
            return Ok(None);
        }
        if ch(c) == '-' {
            let Some(next) = self.peek() else {
                return err("missing flag", self.pos);
            };
            self.pos += 1;
            c = next;
            if flag_of(c).is_none() {
                let msg = if ch(c).is_alphabetic() {
                    "unknown flag"
                } else {
                    "missing flag"
                };
                return err(msg, self.pos - 1);
            }
            loop {
                let flag = flag_of(c).unwrap_or(0);
                if flag & TYPE_FLAGS != 0 {
                    return err(
                        "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                        self.pos,
                    );
                }
                del |= flag;
                let Some(next) = self.peek() else {
                    return err("missing :", self.pos);
                };
                self.pos += 1;
                c = next;
                if ch(c) == ':' {
                    break;
                }
                if flag_of(c).is_none() {
                    let msg = if ch(c).is_alphabetic() {
                        "unknown flag"
                    } else {
                        "missing :"
                    };
                    return err(msg, self.pos - 1);
                }
            }
        }
        if add & del != 0 {
            return err("bad inline flags: flag turned on and off", self.pos - 1);
        }
        Ok(Some((add, del)))
    }

    /// Hex digits of an escape: exactly `n` of them.
    fn hex_escape(&mut self, start: usize, n: usize) -> Result<u32, Fault> {
        let from = self.pos;
        while self.pos - from < n && self.peek().is_some_and(is_hex) {
            self.pos += 1;
        }
        let text = self.text(start, self.pos);
        if self.pos - from != n {
            return err(format!("incomplete escape {text}"), start);
        }
        let v = u32::from_str_radix(&self.text(from, self.pos), 16).unwrap_or(u32::MAX);
        Ok(v)
    }

    /// The escapes both inside and outside sets: `\x`, `\u`, `\U`, `\N`.
    /// `None` if `c` is none of them.
    fn common_escape(&mut self, start: usize, c: char) -> Result<Option<u32>, Fault> {
        Ok(Some(match c {
            'a' => 7,
            'f' => 12,
            'n' => 10,
            'r' => 13,
            't' => 9,
            'v' => 11,
            '\\' => '\\' as u32,
            'x' => self.hex_escape(start, 2)?,
            'u' if !self.is_bytes => self.hex_escape(start, 4)?,
            'U' if !self.is_bytes => {
                let v = self.hex_escape(start, 8)?;
                if v > 0x10ffff {
                    return err(format!("bad escape {}", self.text(start, self.pos)), start);
                }
                v
            }
            'N' if !self.is_bytes => {
                return Err(Fault::NotImplemented(
                    "\\N{...} escapes in regular expressions are not supported by Shoal's re module"
                        .into(),
                ));
            }
            _ => return Ok(None),
        }))
    }

    /// An escape outside a set; `start` is the backslash.
    fn escape(&mut self, start: usize, local: Local) -> Result<Node, Fault> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.pos += 1;
        let ascii = local.ascii() || self.is_bytes;
        let cat = |cat, neg| Node::Set(false, vec![Item::Cat(cat, neg, ascii)]);
        let e = ch(c);
        Ok(match e {
            'A' => Node::At(At::Start),
            'Z' => Node::At(At::EndText),
            'b' => Node::At(At::Boundary(ascii)),
            'B' => Node::At(At::NotBoundary(ascii)),
            'd' => cat(Cat::Digit, false),
            'D' => cat(Cat::Digit, true),
            's' => cat(Cat::Space, false),
            'S' => cat(Cat::Space, true),
            'w' => cat(Cat::Word, false),
            'W' => cat(Cat::Word, true),
            '0' => {
                let from = self.pos;
                while self.pos - from < 2 && is_octal(self.peek()) {
                    self.pos += 1;
                }
                let v = u32::from_str_radix(&self.text(start + 1, self.pos), 8).unwrap_or(0);
                Node::Lit(v)
            }
            '1'..='9' => {
                if is_digit(self.peek()) {
                    self.pos += 1;
                    if is_octal(Some(c))
                        && is_octal(self.peek())
                        && is_octal(self.src.get(self.pos - 1).copied())
                    {
                        self.pos += 1;
                        let text = self.text(start, self.pos);
                        let v = u32::from_str_radix(&text[1..], 8).unwrap_or(0);
                        if v > 0o377 {
                            return err(
                                format!("octal escape value {text} outside of range 0-0o377"),
                                start,
                            );
                        }
                        return Ok(Node::Lit(v));
                    }
                }
                let group: usize = self.text(start + 1, self.pos).parse().unwrap_or(0);
                if group <= self.groups {
                    if self.open.contains(&group) {
                        return err("cannot refer to an open group", start);
                    }
                    self.check_lookbehind_group(group, self.pos)?;
                    return Ok(Node::Backref(group));
                }
                return err(format!("invalid group reference {group}"), start + 1);
            }
            _ => match self.common_escape(start, e)? {
                Some(v) => Node::Lit(v),
                None if e.is_ascii_alphabetic() => {
                    return err(format!("bad escape \\{e}"), start);
                }
                None => Node::Lit(c),
            },
        })
    }

    /// An escape inside a set: a character or a category.
    fn class_escape(&mut self, start: usize, local: Local) -> Result<Item, Fault> {
        let Some(c) = self.peek() else {
            return err("unterminated character set", start);
        };
        self.pos += 1;
        let ascii = local.ascii() || self.is_bytes;
        let e = ch(c);
        Ok(match e {
            'b' => Item::Char(8),
            'd' => Item::Cat(Cat::Digit, false, ascii),
            'D' => Item::Cat(Cat::Digit, true, ascii),
            's' => Item::Cat(Cat::Space, false, ascii),
            'S' => Item::Cat(Cat::Space, true, ascii),
            'w' => Item::Cat(Cat::Word, false, ascii),
            'W' => Item::Cat(Cat::Word, true, ascii),
            '0'..='7' => {
                let from = self.pos;
                while self.pos - from < 2 && is_octal(self.peek()) {
                    self.pos += 1;
                }
                let text = self.text(start, self.pos);
                let v = u32::from_str_radix(&text[1..], 8).unwrap_or(0);
                if v > 0o377 {
                    return err(
                        format!("octal escape value {text} outside of range 0-0o377"),
                        start,
                    );
                }
                Item::Char(v)
            }
            '8' | '9' => return err(format!("bad escape \\{e}"), start),
            _ => match self.common_escape(start, e)? {
                Some(v) => Item::Char(v),
                None if e.is_ascii_alphabetic() => {
                    return err(format!("bad escape \\{e}"), start);
                }
                None => Item::Char(c),
            },
        })
    }

    /// A set, after its `[` at `start`.
    fn class(&mut self, start: usize, local: Local) -> Result<Node, Fault> {
        let mut items = Vec::new();
        let negate = self.eat('^');
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", start);
            };
            let this_start = self.pos;
            self.pos += 1;
            if c == ']' as u32 && !items.is_empty() {
                break;
            }
            let item = if c == '\\' as u32 {
                if self.peek().is_none() {
                    return err("bad escape (end of pattern)", this_start);
                }
                self.class_escape(this_start, local)?
            } else {
                Item::Char(c)
            };
            if self.eat('-') {
                let Some(c2) = self.peek() else {
                    return err("unterminated character set", start);
                };
                let that_start = self.pos;
                self.pos += 1;
                if c2 == ']' as u32 {
                    items.push(item);
                    items.push(Item::Char('-' as u32));
                    break;
                }
                let item2 = if c2 == '\\' as u32 {
                    if self.peek().is_none() {
                        return err("bad escape (end of pattern)", that_start);
                    }
                    self.class_escape(that_start, local)?
                } else {
                    Item::Char(c2)
                };
                let bad = || {
                    err(
                        format!(
                            "bad character range {}-{}",
                            self.text(this_start, that_start - 1),
                            self.text(that_start, self.pos)
                        ),
                        this_start,
                    )
                };
                match (item, item2) {
                    (Item::Char(lo), Item::Char(hi)) if hi >= lo => items.push(Item::Range(lo, hi)),
                    _ => return bad(),
                }
            } else {
                items.push(item);
            }
        }
        Ok(Node::Set(negate, items))
    }

    /// The width (min, max) of what `node` matches, as CPython computes
    /// it for look-behinds.
    fn width(&self, node: &Node) -> (u64, u64) {
        match node {
            Node::Lit(_) | Node::Any(_) | Node::Set(..) => (1, 1),
            Node::At(_) | Node::Look(..) => (0, 0),
            Node::Cat(items) => items.iter().fold((0, 0), |(a, b), n| {
                let (c, d) = self.width(n);
                ((a + c).min(MAXREPEAT), (b + d).min(MAXREPEAT))
            }),
            Node::Alt(items) => {
                let ws: Vec<_> = items.iter().map(|n| self.width(n)).collect();
                (
                    ws.iter().map(|w| w.0).min().unwrap_or(0),
                    ws.iter().map(|w| w.1).max().unwrap_or(0),
                )
            }
            Node::Group(_, b) | Node::Scoped(_, b) | Node::Atomic(b) => self.width(b),
            Node::Repeat(min, max, _, b) => {
                let (lo, hi) = self.width(b);
                let max = max.map_or(MAXREPEAT, u64::from);
                (
                    (lo * u64::from(*min)).min(MAXREPEAT),
                    hi.saturating_mul(max).min(MAXREPEAT),
                )
            }
            Node::Backref(g) => self
                .widths
                .get(g - 1)
                .copied()
                .flatten()
                .unwrap_or((0, MAXREPEAT)),
            Node::Cond(_, yes, no) => {
                let (a, b) = self.width(yes);
                let (c, d) = self.width(no);
                (a.min(c), b.max(d))
            }
        }
    }
}

/// Parses `src` (a str's characters or a bytes object's bytes) with the
/// given flags and writes it in fancy-regex's syntax.
pub(crate) fn parse(src: &[u32], is_bytes: bool, flags: u32) -> Result<Parsed, Fault> {
    if src.len() > MAX_PATTERN {
        return Err(Fault::Re(
            format!(
                "the pattern is too large for Shoal's re ({} characters; the most is {MAX_PATTERN})",
                src.len()
            ),
            None,
        ));
    }
    let mut p = Parser {
        src,
        pos: 0,
        is_bytes,
        flags,
        groups: 0,
        open: Vec::new(),
        names: Vec::new(),
        close_order: Vec::new(),
        closed: 0,
        widths: Vec::new(),
        cond_refs: Vec::new(),
        lookbehind_groups: None,
        depth: 0,
    };
    let local = Local { flags };
    let node = p.parse_alt(local, false)?;
    let flags = fix_flags(p.flags, is_bytes)?;
    if p.pos < src.len() {
        return err("unbalanced parenthesis", p.pos);
    }
    for (g, at) in &p.cond_refs {
        if *g > p.groups {
            return err(format!("invalid group reference {g}"), *at);
        }
    }
    let mut w = Writer {
        text: String::new(),
        is_bytes,
    };
    if flags & IGNORECASE != 0 {
        w.push("(?i)");
    }
    w.node(&node, false);
    Ok(Parsed {
        text: w.text,
        groups: p.groups,
        names: p.names,
        close_order: p.close_order,
        flags,
    })
}

/// CPython's `fix_flags`: the flags a pattern ends with, or the
/// ValueError for a bad mix.
pub(crate) fn fix_flags(mut flags: u32, is_bytes: bool) -> Result<u32, Fault> {
    if is_bytes {
        if flags & UNICODE != 0 {
            return Err(Fault::Value(
                "cannot use UNICODE flag with a bytes pattern".into(),
            ));
        }
        if flags & LOCALE != 0 && flags & ASCII != 0 {
            return Err(Fault::Value(
                "ASCII and LOCALE flags are incompatible".into(),
            ));
        }
    } else {
        if flags & LOCALE != 0 {
            return Err(Fault::Value(
                "cannot use LOCALE flag with a str pattern".into(),
            ));
        }
        if flags & ASCII == 0 {
            flags |= UNICODE;
        } else if flags & UNICODE != 0 {
            return Err(Fault::Value(
                "ASCII and UNICODE flags are incompatible".into(),
            ));
        }
    }
    Ok(flags)
}

/// Writes the parsed tree in fancy-regex's syntax.
struct Writer {
    text: String,
    is_bytes: bool,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn lit(&mut self, c: u32) {
        if !self.is_bytes && (0xd800..=0xdfff).contains(&c) {
            // No Shoal str holds a surrogate.
            self.push(r"[^\x{0}-\x{10FFFF}]");
            return;
        }
        let s = self.escaped(c);
        self.push(&s);
    }

    /// The class text (without brackets) of a category.
    fn category(cat: Cat, ascii: bool) -> &'static str {
        match (cat, ascii) {
            (Cat::Digit, false) => r"\p{Nd}",
            (Cat::Digit, true) => "0-9",
            (Cat::Word, false) => UNICODE_WORD,
            (Cat::Word, true) => ASCII_WORD,
            (Cat::Space, false) => UNICODE_SPACE,
            (Cat::Space, true) => ASCII_SPACE,
        }
    }

    /// A set. Surrogates (which no Shoal str holds) are dropped.
    fn set(&mut self, negate: bool, items: &[Item]) {
        // A lone category needs no brackets of its own.
        let mut body = String::new();
        let mut any = false;
        for item in items {
            match *item {
                Item::Char(c) => {
                    if !self.is_bytes && (0xd800..=0xdfff).contains(&c) {
                        continue;
                    }
                    any = true;
                    body.push_str(&self.escaped(c));
                }
                Item::Range(lo, hi) => {
                    let (mut lo, mut hi) = (lo, hi);
                    if !self.is_bytes {
                        if (0xd800..=0xdfff).contains(&lo) {
                            lo = 0xe000;
                        }
                        if (0xd800..=0xdfff).contains(&hi) {
                            hi = 0xd7ff;
                        }
                        if lo > hi {
                            continue;
                        }
                    }
                    any = true;
                    body.push_str(&self.escaped(lo));
                    body.push('-');
                    body.push_str(&self.escaped(hi));
                }
                Item::Cat(cat, neg, ascii) => {
                    any = true;
                    let text = Self::category(cat, ascii);
                    if neg {
                        let _ = write!(body, "[^{text}]");
                    } else {
                        body.push_str(text);
                    }
                }
            }
        }
        if !any {
            // Nothing, or everything.
            self.push(if negate {
                "(?s:.)"
            } else if self.is_bytes {
                r"[^\x00-\xFF]"
            } else {
                r"[^\x{0}-\x{10FFFF}]"
            });
            return;
        }
        self.push(if negate { "[^" } else { "[" });
        self.push(&body);
        self.push("]");
    }

    fn escaped(&self, c: u32) -> String {
        if char::from_u32(c).is_some_and(|c| c.is_ascii_alphabetic()) {
            ch(c).to_string()
        } else if self.is_bytes {
            format!("\\x{:02X}", c)
        } else {
            format!("\\x{{{c:X}}}")
        }
    }

    fn at(&mut self, at: At) {
        match at {
            At::Start => self.push(r"\A"),
            At::StartLine => self.push("(?m:^)"),
            At::End => self.text.push(DOLLAR),
            At::EndLine => self.push("(?m:$)"),
            At::EndText => self.push(r"\z"),
            At::Boundary(_) if self.is_bytes => self.push(r"\b"),
            At::Boundary(true) => self.text.push(ASCII_BOUNDARY),
            At::Boundary(false) => self.text.push(BOUNDARY),
            At::NotBoundary(ascii) if ascii && !self.is_bytes => self.text.push(ASCII_NOT_BOUNDARY),
            At::NotBoundary(_) => self.text.push(NOT_BOUNDARY),
        }
    }

    /// Whether `node` never consumes anything.
    fn zero_width(node: &Node) -> bool {
        match node {
            Node::At(_) | Node::Look(..) => true,
            Node::Cat(items) => items.iter().all(Self::zero_width),
            Node::Alt(items) => items.iter().all(Self::zero_width),
            Node::Group(_, b) | Node::Scoped(_, b) | Node::Atomic(b) => Self::zero_width(b),
            Node::Repeat(_, _, _, b) => Self::zero_width(b),
            Node::Cond(_, yes, no) => Self::zero_width(yes) && Self::zero_width(no),
            Node::Lit(_) | Node::Any(_) | Node::Set(..) | Node::Backref(_) => false,
        }
    }

    /// Whether `node` is written as one atom a quantifier can follow.
    fn is_atom(node: &Node) -> bool {
        match node {
            Node::Lit(_)
            | Node::Any(_)
            | Node::Set(..)
            | Node::Group(..)
            | Node::Look(..)
            | Node::Atomic(_)
            | Node::Backref(_)
            | Node::Cond(..) => true,
            Node::Scoped(Some(_), _) => true,
            Node::Scoped(None, b) => Self::is_atom(b),
            Node::Cat(items) => items.len() == 1 && Self::is_atom(&items[0]),
            _ => false,
        }
    }

    /// Writes `node`; `atom` asks for one atom (for a quantifier), `in_cat`
    /// for something a sequence can hold (an alternation is bracketed).
    fn node(&mut self, node: &Node, in_cat: bool) {
        match node {
            Node::Lit(c) => self.lit(*c),
            Node::Any(false) => self.push(r"[^\n]"),
            Node::Any(true) => self.push("(?s:.)"),
            Node::Set(negate, items) => self.set(*negate, items),
            Node::At(at) => self.at(*at),
            Node::Cat(items) => {
                for item in items {
                    self.node(item, true);
                }
            }
            Node::Alt(items) => {
                if in_cat {
                    self.push("(?:");
                }
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.push("|");
                    }
                    self.node(item, false);
                }
                if in_cat {
                    self.push(")");
                }
            }
            Node::Group(_, body) => {
                self.push("(");
                self.node(body, false);
                self.push(")");
            }
            Node::Scoped(None, body) => self.node(body, in_cat),
            Node::Scoped(Some(on), body) => {
                self.push(if *on { "(?i:" } else { "(?-i:" });
                self.node(body, false);
                self.push(")");
            }
            Node::Look(behind, negate, body) => {
                self.push(match (behind, negate) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                self.node(body, false);
                self.push(")");
            }
            Node::Atomic(body) => {
                self.push("(?>");
                self.node(body, false);
                self.push(")");
            }
            Node::Repeat(min, max, greed, body) if Self::zero_width(body) => {
                // fancy-regex repeats nothing that matches nothing: an
                // optional one is tried once (or skipped first, lazily),
                // a required one once.
                match (*min, greed) {
                    (0, Greed::Lazy) => {
                        self.push("(?:|");
                        self.node(body, false);
                        self.push(")");
                    }
                    (0, _) => {
                        self.push("(?:");
                        self.node(body, false);
                        self.push("|)");
                    }
                    _ => self.node(body, in_cat),
                }
            }
            Node::Repeat(min, max, greed, body) => {
                if *greed == Greed::Possessive {
                    self.push("(?>");
                }
                if Self::is_atom(body) {
                    self.node(body, true);
                } else {
                    self.push("(?:");
                    self.node(body, false);
                    self.push(")");
                }
                let q = match (*min, *max) {
                    (0, None) => "*".to_string(),
                    (1, None) => "+".to_string(),
                    (0, Some(1)) => "?".to_string(),
                    (m, None) => format!("{{{m},}}"),
                    (m, Some(n)) if m == n => format!("{{{m}}}"),
                    (m, Some(n)) => format!("{{{m},{n}}}"),
                };
                self.push(&q);
                match greed {
                    Greed::Lazy => self.push("?"),
                    Greed::Possessive => self.push(")"),
                    Greed::Greedy => {}
                }
            }
            Node::Backref(g) => self.push(&format!("\\k<{g}>")),
            Node::Cond(g, yes, no) => {
                self.push(&format!("(?({g})"));
                self.node(yes, false);
                self.push("|");
                self.node(no, false);
                self.push(")");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<Parsed, Fault> {
        let src: Vec<u32> = s.chars().map(|c| c as u32).collect();
        parse(&src, false, 0)
    }

    #[test]
    fn writes_python_syntax_as_fancy_regex() {
        let r = p(r"(?P<x>a|b)+\d$").unwrap();
        assert_eq!(r.groups, 1);
        assert_eq!(r.names, vec![("x".to_string(), 1)]);
        assert_eq!(r.text, "(a|b)+[\\p{Nd}]\u{1}");
        assert_eq!(
            p("a**").unwrap_err(),
            Fault::Re("multiple repeat".into(), Some(2))
        );
        assert_eq!(
            p("(?P<a>x)(?P<a>y)").unwrap_err(),
            Fault::Re(
                "redefinition of group name 'a' as group 2; was group 1".into(),
                Some(12)
            )
        );
    }
}
