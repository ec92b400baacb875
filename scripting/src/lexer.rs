//! The lexer: source text to tokens, with Python's indentation rules.
//!
//! Produces `Newline`, `Indent` and `Dedent` tokens for the logical-line
//! structure, joins lines inside brackets and after a backslash, and
//! splits f-strings into literal parts and expression parts (whose source
//! the parser parses). Every token carries the line and column where it
//! starts (both 1-based), which errors and tracebacks report.

use std::fmt;

use crate::error::{ErrorKind, SyntaxError};

/// A token with where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: Tok,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters).
    pub col: u32,
}

/// The token of an integer literal's digits: inline up to 64 bits, a
/// big int past that, and an error past the size Shoal's ints allow.
fn int_token(digits: &str, radix: u32, line: u32, col: u32) -> Result<Tok, SyntaxError> {
    if let Ok(i) = i64::from_str_radix(digits, radix) {
        return Ok(Tok::Int(i));
    }
    let too_big = || {
        SyntaxError::new(
            ErrorKind::OverflowError,
            "integer literal too large for Shoal's ints",
            line,
            col,
        )
    };
    if digits.len() as f64 * (radix as f64).log2() > crate::builtins::MAX_INT_BITS as f64 {
        return Err(too_big());
    }
    num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix)
        .map(|n| Tok::BigInt(std::rc::Rc::new(n)))
        .ok_or_else(too_big)
}

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier.
    Name(String),
    /// A reserved word.
    Keyword(Keyword),
    /// An integer literal.
    Int(i64),
    /// An integer literal past 64 bits.
    BigInt(std::rc::Rc<num_bigint::BigInt>),
    /// A float literal.
    Float(f64),
    /// A string literal, escapes resolved.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// An f-string, split into parts.
    FString(Vec<FPart>),
    /// An operator or delimiter.
    Op(Op),
    /// The end of a logical line.
    Newline,
    /// The start of a more indented block.
    Indent,
    /// The end of an indented block.
    Dedent,
    /// The end of the source.
    Eof,
    /// The lexer stopped here with this error. Like CPython's tokenizer,
    /// which runs on demand, the error surfaces only if the parser gets
    /// this far without finding an error of its own.
    Error(Box<SyntaxError>),
}

/// A piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FPart {
    /// Literal text.
    Literal(String),
    /// A replacement field `{expr!conv:spec}`.
    Field {
        /// The expression's source text.
        source: String,
        /// Line and column of the expression's first character.
        line: u32,
        /// Column of the expression's first character.
        col: u32,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The format spec, which may itself hold fields.
        spec: Vec<FPart>,
        /// `{expr=}`: the text printed before the value (the expression
        /// as written, the `=` and the spaces after it).
        debug: Option<String>,
    },
}

macro_rules! keywords {
    ($($name:ident = $text:literal),* $(,)?) => {
        /// Python's reserved words.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Keyword { $($name),* }

        impl Keyword {
            fn from_str(s: &str) -> Option<Keyword> {
                match s { $($text => Some(Keyword::$name),)* _ => None }
            }

            /// The word as written.
            pub fn text(self) -> &'static str {
                match self { $(Keyword::$name => $text),* }
            }
        }
    };
}

keywords! {
    False = "False", None = "None", True = "True", And = "and", As = "as",
    Assert = "assert", Async = "async", Await = "await", Break = "break",
    Class = "class", Continue = "continue", Def = "def", Del = "del",
    Elif = "elif", Else = "else", Except = "except", Finally = "finally",
    For = "for", From = "from", Global = "global", If = "if",
    Import = "import", In = "in", Is = "is", Lambda = "lambda",
    Nonlocal = "nonlocal", Not = "not", Or = "or", Pass = "pass",
    Raise = "raise", Return = "return", Try = "try", While = "while",
    With = "with", Yield = "yield",
}

macro_rules! ops {
    ($($name:ident = $text:literal),* $(,)?) => {
        /// Operators and delimiters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Op { $($name),* }

        impl Op {
            /// The operator as written.
            pub fn text(self) -> &'static str {
                match self { $(Op::$name => $text),* }
            }

            /// Every operator, longest first (for longest-match lexing).
            const ALL: &'static [Op] = &[$(Op::$name),*];
        }
    };
}

// Listed longest first: the lexer takes the first that matches.
ops! {
    Ellipsis = "...", PowAssign = "**=", FloorDivAssign = "//=",
    ShlAssign = "<<=", ShrAssign = ">>=",
    Arrow = "->", Pow = "**", FloorDiv = "//", Shl = "<<", Shr = ">>",
    Le = "<=", Ge = ">=", EqEq = "==", Ne = "!=", PlusAssign = "+=",
    MinusAssign = "-=", StarAssign = "*=", SlashAssign = "/=",
    PercentAssign = "%=", AmpAssign = "&=", PipeAssign = "|=",
    CaretAssign = "^=", AtAssign = "@=", Walrus = ":=",
    Plus = "+", Minus = "-", Star = "*", Slash = "/", Percent = "%",
    At = "@", Amp = "&", Pipe = "|", Caret = "^", Tilde = "~", Lt = "<",
    Gt = ">", LParen = "(", RParen = ")", LBracket = "[", RBracket = "]",
    LBrace = "{", RBrace = "}", Comma = ",", Colon = ":", Dot = ".",
    Semicolon = ";", Assign = "=",
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Name(n) => write!(f, "name '{n}'"),
            Tok::Keyword(k) => write!(f, "'{}'", k.text()),
            Tok::Int(i) => write!(f, "number {i}"),
            Tok::BigInt(i) => write!(f, "number {i}"),
            Tok::Float(x) => write!(f, "number {x}"),
            Tok::Str(_) | Tok::FString(_) | Tok::Bytes(_) => write!(f, "string"),
            Tok::Op(op) => write!(f, "'{}'", op.text()),
            Tok::Newline => write!(f, "end of line"),
            Tok::Indent => write!(f, "indent"),
            Tok::Dedent => write!(f, "dedent"),
            Tok::Eof => write!(f, "end of file"),
            Tok::Error(e) => write!(f, "{}", e.message),
        }
    }
}

/// Splits `source` into tokens. A lexical error ends the list with a
/// [`Tok::Error`] token at the place of the error.
pub fn tokenize(source: &str) -> Vec<Token> {
    let mut lexer = Lexer::new(source);
    match lexer.run() {
        Ok(()) => lexer.tokens,
        Err(e) => {
            let (line, col) = (e.line, e.col);
            lexer.tokens.push(Token {
                kind: Tok::Error(Box::new(e)),
                line,
                col,
            });
            lexer.tokens
        }
    }
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    col: u32,
    tokens: Vec<Token>,
    indents: Vec<u32>,
    /// Open brackets: inside them, newlines and indentation don't count.
    depth: Vec<(char, u32, u32)>,
    at_line_start: bool,
}

impl Lexer {
    fn new(source: &str) -> Lexer {
        Lexer {
            chars: source.chars().collect(),
            pos: 0,
            line: 1,
            col: 1,
            tokens: Vec::new(),
            indents: vec![0],
            depth: Vec::new(),
            at_line_start: true,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn error(&self, msg: impl Into<String>, line: u32, col: u32) -> SyntaxError {
        SyntaxError::new(ErrorKind::SyntaxError, msg, line, col)
    }

    fn push(&mut self, kind: Tok, line: u32, col: u32) {
        self.tokens.push(Token { kind, line, col });
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        // A byte-order mark is not part of the program.
        if self.peek() == Some('\u{feff}') {
            self.pos += 1;
        }
        loop {
            if self.at_line_start && self.depth.is_empty() {
                if !self.indentation()? {
                    break;
                }
                continue;
            }
            let Some(c) = self.peek() else { break };
            let (line, col) = (self.line, self.col);
            match c {
                ' ' | '\t' | '\x0c' | '\r' => {
                    self.bump();
                }
                '#' => self.skip_comment(),
                '\n' => {
                    self.bump();
                    if self.depth.is_empty() {
                        self.push(Tok::Newline, line, col);
                        self.at_line_start = true;
                    }
                }
                '\\' => {
                    self.bump();
                    while matches!(self.peek(), Some('\r')) {
                        self.bump();
                    }
                    if self.peek() != Some('\n') {
                        return Err(self.error(
                            "unexpected character after line continuation character",
                            line,
                            col,
                        ));
                    }
                    self.bump();
                    if self.peek().is_none() {
                        return Err(self.error("unexpected EOF while parsing", line, col));
                    }
                }
                c if c.is_ascii_digit()
                    || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) =>
                {
                    let tok = self.number()?;
                    self.push(tok, line, col);
                }
                c if is_id_start(c) => {
                    let word = self.word();
                    if let Some(quote) = self.peek().filter(|q| *q == '"' || *q == '\'')
                        && let Some(prefix) = string_prefix(&word)
                    {
                        let tok = self.string(prefix, quote, line, col)?;
                        self.push(tok, line, col);
                    } else {
                        let tok = match Keyword::from_str(&word) {
                            Some(k) => Tok::Keyword(k),
                            None => Tok::Name(word),
                        };
                        self.push(tok, line, col);
                    }
                }
                '"' | '\'' => {
                    let tok = self.string(Prefix::default(), c, line, col)?;
                    self.push(tok, line, col);
                }
                _ => {
                    let op = self.operator().ok_or_else(|| {
                        let msg = if c == '$' || c == '?' || c == '`' || c == '!' {
                            format!("invalid syntax: unexpected character '{c}'")
                        } else if c.is_control() {
                            format!("invalid non-printable character U+{:04X}", c as u32)
                        } else {
                            format!("invalid character '{c}' (U+{:04X})", c as u32)
                        };
                        self.error(msg, line, col)
                    })?;
                    self.track_brackets(op, line, col)?;
                    self.push(Tok::Op(op), line, col);
                }
            }
        }
        if let Some((open, line, col)) = self.depth.last() {
            return Err(self.error(format!("'{open}' was never closed"), *line, *col));
        }
        let (line, col) = (self.line, self.col);
        if !matches!(
            self.tokens.last().map(|t| &t.kind),
            None | Some(Tok::Newline) | Some(Tok::Dedent)
        ) {
            self.push(Tok::Newline, line, col);
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, line, col);
        }
        self.push(Tok::Eof, line, col);
        Ok(())
    }

    fn skip_comment(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    /// Measures the indentation of a new line and emits Indent/Dedent.
    /// Returns false at the end of the source.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        let mut width = 0u32;
        loop {
            match self.peek() {
                Some(' ') => width += 1,
                Some('\t') => width = (width / 8 + 1) * 8,
                Some('\x0c') => width = 0,
                Some('\r') => {}
                _ => break,
            }
            self.bump();
        }
        match self.peek() {
            None => return Ok(false),
            // Blank and comment-only lines don't count.
            Some('\n') => {
                self.bump();
                return Ok(true);
            }
            Some('#') => {
                self.skip_comment();
                return Ok(true);
            }
            _ => {}
        }
        self.at_line_start = false;
        let (line, col) = (self.line, self.col);
        let current = *self.indents.last().unwrap_or(&0);
        if width > current {
            self.indents.push(width);
            self.push(Tok::Indent, line, col);
        } else if width < current {
            while width < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.push(Tok::Dedent, line, col);
            }
            if width != *self.indents.last().unwrap_or(&0) {
                return Err(SyntaxError::new(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    line,
                    col,
                ));
            }
        }
        Ok(true)
    }

    fn word(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if is_id_continue(c) {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn operator(&mut self) -> Option<Op> {
        for &op in Op::ALL {
            let text = op.text();
            if text
                .chars()
                .enumerate()
                .all(|(i, c)| self.peek_at(i) == Some(c))
            {
                for _ in 0..text.chars().count() {
                    self.bump();
                }
                return Some(op);
            }
        }
        None
    }

    fn track_brackets(&mut self, op: Op, line: u32, col: u32) -> Result<(), SyntaxError> {
        let close = match op {
            Op::LParen | Op::LBracket | Op::LBrace => {
                let open = op.text().chars().next().unwrap_or('(');
                self.depth.push((open, line, col));
                return Ok(());
            }
            Op::RParen => '(',
            Op::RBracket => '[',
            Op::RBrace => '{',
            _ => return Ok(()),
        };
        let closing = op.text();
        match self.depth.pop() {
            Some((open, _, _)) if open == close => Ok(()),
            Some((open, oline, _)) => Err(self.error(
                if oline == line {
                    format!("closing parenthesis '{closing}' does not match opening parenthesis '{open}'")
                } else {
                    format!(
                        "closing parenthesis '{closing}' does not match opening parenthesis '{open}' on line {oline}"
                    )
                },
                line,
                col,
            )),
            None => Err(self.error(format!("unmatched '{closing}'"), line, col)),
        }
    }

    fn number(&mut self) -> Result<Tok, SyntaxError> {
        let (line, col) = (self.line, self.col);
        let mut text = String::new();
        let radix = if self.peek() == Some('0') {
            match self.peek_at(1) {
                Some('x' | 'X') => 16,
                Some('o' | 'O') => 8,
                Some('b' | 'B') => 2,
                _ => 10,
            }
        } else {
            10
        };
        if radix != 10 {
            self.bump();
            self.bump();
            while let Some(c) = self.peek() {
                if c == '_' {
                    self.bump();
                } else if c.is_digit(radix) {
                    text.push(c);
                    self.bump();
                } else if c.is_ascii_alphanumeric() {
                    return Err(self.error(format!("invalid digit '{c}' in literal"), line, col));
                } else {
                    break;
                }
            }
            if text.is_empty() {
                return Err(self.error("invalid literal", line, col));
            }
            return int_token(&text, radix, line, col);
        }
        let mut is_float = false;
        let digits = |lexer: &mut Lexer, text: &mut String| {
            while let Some(c) = lexer.peek() {
                if c.is_ascii_digit() {
                    text.push(c);
                    lexer.bump();
                } else if c == '_' && lexer.peek_at(1).is_some_and(|d| d.is_ascii_digit()) {
                    lexer.bump();
                } else {
                    break;
                }
            }
        };
        digits(self, &mut text);
        if self.peek() == Some('.') {
            is_float = true;
            text.push('.');
            self.bump();
            digits(self, &mut text);
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = self.peek_at(1);
            let exp_digit = match sign {
                Some('+' | '-') => self.peek_at(2),
                other => other,
            };
            if exp_digit.is_some_and(|d| d.is_ascii_digit()) {
                is_float = true;
                text.push('e');
                self.bump();
                if let Some(s @ ('+' | '-')) = self.peek() {
                    text.push(s);
                    self.bump();
                }
                digits(self, &mut text);
            }
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            return Err(SyntaxError::new(
                ErrorKind::NotImplementedError,
                "complex numbers are not supported",
                line,
                col,
            ));
        }
        if self.peek().is_some_and(is_id_start) {
            return Err(self.error("invalid decimal literal", line, col));
        }
        if is_float {
            text.parse::<f64>()
                .map(Tok::Float)
                .map_err(|_| self.error("invalid float literal", line, col))
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(self.error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
            int_token(&text, 10, line, col)
        }
    }

    /// Reads a string literal whose opening quote is next.
    fn string(
        &mut self,
        prefix: Prefix,
        quote: char,
        line: u32,
        col: u32,
    ) -> Result<Tok, SyntaxError> {
        let triple = self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote);
        let quotes = if triple { 3 } else { 1 };
        for _ in 0..quotes {
            self.bump();
        }
        // Collect the raw body first; escapes and f-string fields are
        // resolved afterwards.
        let mut raw: Vec<(char, u32, u32)> = Vec::new();
        loop {
            let (cl, cc) = (self.line, self.col);
            let Some(c) = self.peek() else {
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                return Err(self.error(
                    format!("{what} (detected at line {})", self.line),
                    line,
                    col,
                ));
            };
            if c == quote
                && (!triple || (self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote)))
            {
                for _ in 0..quotes {
                    self.bump();
                }
                break;
            }
            if c == '\n' && !triple {
                return Err(self.error(
                    format!("unterminated string literal (detected at line {line})"),
                    line,
                    col,
                ));
            }
            if c == '\\' {
                self.bump();
                raw.push(('\\', cl, cc));
                if let Some(next) = self.peek() {
                    let (nl, nc) = (self.line, self.col);
                    self.bump();
                    raw.push((next, nl, nc));
                }
                continue;
            }
            self.bump();
            raw.push((c, cl, cc));
        }
        if prefix.bytes {
            let chars: Vec<char> = raw.iter().map(|(c, _, _)| *c).collect();
            Ok(Tok::Bytes(unescape_bytes(&chars, prefix.raw, line, col)?))
        } else if prefix.format {
            let parts = fstring_parts(&raw, prefix.raw, quote, line, col)?;
            Ok(Tok::FString(parts))
        } else {
            let chars: Vec<char> = raw.iter().map(|(c, _, _)| *c).collect();
            Ok(Tok::Str(unescape(&chars, prefix.raw, line, col)?))
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Prefix {
    raw: bool,
    format: bool,
    bytes: bool,
}

fn string_prefix(word: &str) -> Option<Prefix> {
    if word.len() > 2 {
        return None;
    }
    let mut prefix = Prefix::default();
    for c in word.chars() {
        match c.to_ascii_lowercase() {
            'r' if !prefix.raw => prefix.raw = true,
            'f' if !prefix.format && !prefix.bytes => prefix.format = true,
            'b' if !prefix.bytes && !prefix.format => prefix.bytes = true,
            'u' if word.len() == 1 => {}
            _ => return None,
        }
    }
    Some(prefix)
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_id_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Resolves the escapes of a string body.
/// The bytes of a `b"..."` literal: ASCII only; `\x` escapes give any
/// byte, `\u` is not an escape in bytes.
fn unescape_bytes(chars: &[char], raw: bool, line: u32, col: u32) -> Result<Vec<u8>, SyntaxError> {
    if chars.iter().any(|c| !c.is_ascii()) {
        return Err(SyntaxError::new(
            ErrorKind::SyntaxError,
            "bytes can only contain ASCII literal characters",
            line,
            col,
        ));
    }
    if raw {
        return Ok(chars.iter().map(|c| *c as u8).collect());
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 == chars.len() {
            out.push(c as u8);
            i += 1;
            continue;
        }
        let e = chars[i + 1];
        i += 2;
        match e {
            'x' => {
                let hex: String = chars.iter().skip(i).take(2).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(b) if hex.len() == 2 => {
                        out.push(b);
                        i += 2;
                    }
                    _ => {
                        return Err(SyntaxError::new(
                            ErrorKind::SyntaxError,
                            format!("(value error) invalid \\x escape at position {}", out.len()),
                            line,
                            col,
                        ));
                    }
                }
            }
            '0'..='7' => {
                let value = octal_escape(e, chars, &mut i);
                out.push((value & 0xff) as u8);
            }
            _ => {
                let simple: String = ['\\', e].iter().collect();
                match unescape(&['\\', e], false, line, col) {
                    Ok(s) if s != simple => out.extend(s.bytes()),
                    _ => out.extend(simple.bytes()),
                }
            }
        }
    }
    Ok(out)
}

/// The value of an octal escape `\first..`: up to three digits in all,
/// the rest read from `chars` at `*i` (which moves past them).
fn octal_escape(first: char, chars: &[char], i: &mut usize) -> u32 {
    let mut value = first.to_digit(8).unwrap_or(0);
    let mut n = 1;
    while n < 3 && *i < chars.len() && chars[*i].is_digit(8) {
        value = value * 8 + chars[*i].to_digit(8).unwrap_or(0);
        *i += 1;
        n += 1;
    }
    value
}

fn unescape(chars: &[char], raw: bool, line: u32, col: u32) -> Result<String, SyntaxError> {
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || raw {
            out.push(c);
            i += 1;
            continue;
        }
        let Some(&e) = chars.get(i + 1) else {
            out.push('\\');
            break;
        };
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let value = octal_escape(e, chars, &mut i);
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let len = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.iter().skip(i).take(len).collect();
                let value = (hex.len() == len)
                    .then(|| u32::from_str_radix(&hex, 16).ok())
                    .flatten()
                    .and_then(char::from_u32)
                    .ok_or_else(|| {
                        SyntaxError::new(
                            ErrorKind::SyntaxError,
                            format!("(unicode error) truncated \\{e} escape"),
                            line,
                            col,
                        )
                    })?;
                out.push(value);
                i += len;
            }
            'N' => {
                return Err(SyntaxError::new(
                    ErrorKind::NotImplementedError,
                    "\\N{...} escapes are not supported",
                    line,
                    col,
                ));
            }
            other => {
                // Python keeps unknown escapes as they are.
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Splits an f-string body into literal text and replacement fields.
fn fstring_parts(
    raw: &[(char, u32, u32)],
    is_raw: bool,
    quote: char,
    line: u32,
    col: u32,
) -> Result<Vec<FPart>, SyntaxError> {
    let mut parts = Vec::new();
    let mut literal: Vec<char> = Vec::new();
    let mut i = 0;
    let flush = |literal: &mut Vec<char>, parts: &mut Vec<FPart>| -> Result<(), SyntaxError> {
        if !literal.is_empty() {
            parts.push(FPart::Literal(unescape(literal, is_raw, line, col)?));
            literal.clear();
        }
        Ok(())
    };
    while i < raw.len() {
        let (c, cl, cc) = raw[i];
        match c {
            '{' if raw.get(i + 1).map(|r| r.0) == Some('{') => {
                literal.push('{');
                i += 2;
            }
            '}' if raw.get(i + 1).map(|r| r.0) == Some('}') => {
                literal.push('}');
                i += 2;
            }
            '}' => {
                return Err(SyntaxError::new(
                    ErrorKind::SyntaxError,
                    "f-string: single '}' is not allowed",
                    cl,
                    cc,
                ));
            }
            '{' => {
                flush(&mut literal, &mut parts)?;
                let (field, next) = fstring_field(raw, i + 1, is_raw, quote, line, col)?;
                parts.push(field);
                i = next;
            }
            _ => {
                literal.push(c);
                i += 1;
            }
        }
    }
    flush(&mut literal, &mut parts)?;
    Ok(parts)
}

/// Reads one `{...}` field starting after the `{`; returns it and the
/// index after its `}`.
fn fstring_field(
    raw: &[(char, u32, u32)],
    start: usize,
    is_raw: bool,
    quote: char,
    line: u32,
    col: u32,
) -> Result<(FPart, usize), SyntaxError> {
    let err = |msg: &str, at: usize| {
        let (l, c) = raw.get(at).map_or((line, col), |r| (r.1, r.2));
        SyntaxError::new(ErrorKind::SyntaxError, format!("f-string: {msg}"), l, c)
    };
    let mut i = start;
    let mut depth = 0i32;
    let mut in_string: Option<char> = None;
    // The expression ends at a top-level '!', ':', '=' (debug) or '}'.
    while i < raw.len() {
        let c = raw[i].0;
        if let Some(q) = in_string {
            if c == q {
                in_string = None;
            }
            i += 1;
            continue;
        }
        match c {
            '\'' | '"' => {
                if c == quote {
                    return Err(err("expecting '}'", i));
                }
                in_string = Some(c);
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' => depth -= 1,
            '}' if depth > 0 => depth -= 1,
            '}' | ':' if depth == 0 => break,
            '!' if depth == 0 && raw.get(i + 1).map(|r| r.0) != Some('=') => break,
            '=' if depth == 0
                && raw.get(i + 1).map(|r| r.0) != Some('=')
                && !matches!(
                    raw.get(i.wrapping_sub(1)).map(|r| r.0),
                    Some('=' | '!' | '<' | '>')
                ) =>
            {
                break;
            }
            _ => {}
        }
        i += 1;
    }
    let source: String = raw[start..i.min(raw.len())].iter().map(|r| r.0).collect();
    if source.trim().is_empty() {
        return Err(err("empty expression not allowed", start));
    }
    let (eline, ecol) = raw.get(start).map_or((line, col), |r| (r.1, r.2));
    let mut debug = None;
    if raw.get(i).map(|r| r.0) == Some('=') {
        i += 1;
        while raw.get(i).is_some_and(|r| r.0 == ' ') {
            i += 1;
        }
        debug = Some(raw[start..i].iter().map(|r| r.0).collect());
    }
    let mut conversion = None;
    if raw.get(i).map(|r| r.0) == Some('!') {
        match raw.get(i + 1).map(|r| r.0) {
            Some(c @ ('r' | 's' | 'a')) => conversion = Some(c),
            _ => {
                return Err(err(
                    "invalid conversion character: expected 's', 'r', or 'a'",
                    i + 1,
                ));
            }
        }
        i += 2;
    }
    let mut spec = Vec::new();
    if raw.get(i).map(|r| r.0) == Some(':') {
        // The spec runs to the matching '}', and may hold fields.
        let spec_start = i + 1;
        let mut j = spec_start;
        let mut depth = 0;
        while j < raw.len() {
            match raw[j].0 {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        spec = fstring_parts(&raw[spec_start..j.min(raw.len())], is_raw, quote, line, col)?;
        i = j;
    }
    if raw.get(i).map(|r| r.0) != Some('}') {
        return Err(err("expecting '}'", i));
    }
    Ok((
        FPart::Field {
            source,
            line: eline,
            col: ecol,
            conversion,
            spec,
            debug,
        },
        i + 1,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        let toks: Vec<Tok> = tokenize(src).into_iter().map(|t| t.kind).collect();
        if let Some(Tok::Error(e)) = toks.last() {
            panic!("{src:?}: {e}");
        }
        toks
    }

    fn lex_error(src: &str) -> SyntaxError {
        match tokenize(src).pop().map(|t| t.kind) {
            Some(Tok::Error(e)) => *e,
            other => panic!("{src:?} lexed without error: {other:?}"),
        }
    }

    #[test]
    fn indentation_makes_indent_and_dedent() {
        let toks = kinds("if x:\n    y = 1\nz\n");
        assert_eq!(
            toks,
            vec![
                Tok::Keyword(Keyword::If),
                Tok::Name("x".into()),
                Tok::Op(Op::Colon),
                Tok::Newline,
                Tok::Indent,
                Tok::Name("y".into()),
                Tok::Op(Op::Assign),
                Tok::Int(1),
                Tok::Newline,
                Tok::Dedent,
                Tok::Name("z".into()),
                Tok::Newline,
                Tok::Eof,
            ]
        );
    }

    #[test]
    fn brackets_join_lines_and_comments_vanish() {
        let toks = kinds("x = (1,  # one\n     2)\n");
        assert!(!toks[..toks.len() - 2].contains(&Tok::Newline));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("0x_ff 0o17 0b101 1_000 3.5 .5 1e3 2E-2")[..8],
            [
                Tok::Int(255),
                Tok::Int(15),
                Tok::Int(5),
                Tok::Int(1000),
                Tok::Float(3.5),
                Tok::Float(0.5),
                Tok::Float(1000.0),
                Tok::Float(0.02),
            ]
        );
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            kinds(r#"'a\tb' "c\"d" r'\n' '\x41\u00e9'"#)[..4],
            [
                Tok::Str("a\tb".into()),
                Tok::Str("c\"d".into()),
                Tok::Str("\\n".into()),
                Tok::Str("Aé".into()),
            ]
        );
        assert_eq!(kinds("'''a\nb'''")[0], Tok::Str("a\nb".into()));
    }

    #[test]
    fn fstring_fields() {
        let toks = kinds("f'x={x!r:>{w}} {{lit}} {y=}'");
        let Tok::FString(parts) = &toks[0] else {
            panic!("not an f-string: {toks:?}")
        };
        assert_eq!(parts[0], FPart::Literal("x=".into()));
        let FPart::Field {
            source,
            conversion,
            spec,
            ..
        } = &parts[1]
        else {
            panic!()
        };
        assert_eq!(source, "x");
        assert_eq!(*conversion, Some('r'));
        assert_eq!(spec.len(), 2);
        assert_eq!(parts[2], FPart::Literal(" {lit} ".into()));
        assert!(
            matches!(&parts[3], FPart::Field { debug: Some(d), source, .. } if source == "y" && d == "y=")
        );
    }

    #[test]
    fn errors_have_locations() {
        let e = lex_error("x = 'abc\n");
        assert_eq!((e.line, e.col), (1, 5));
        assert!(e.message.starts_with("unterminated string literal"));
        let e = lex_error("if x:\n    y\n  z\n");
        assert_eq!(e.kind, ErrorKind::IndentationError);
        assert_eq!(e.line, 3);
        let e = lex_error("x = (1,\n");
        assert_eq!(e.message, "'(' was never closed");
        // Past 64 bits a literal is a big int; past Shoal's limit, an error.
        assert!(matches!(
            kinds("x = 99999999999999999999\n")[2],
            Tok::BigInt(_)
        ));
        let huge = format!("x = 0x{}\n", "f".repeat(1 << 20 | 1));
        assert_eq!(lex_error(&huge).kind, ErrorKind::OverflowError);
        let e = lex_error("x = 1j\n");
        assert_eq!(e.kind, ErrorKind::NotImplementedError);
    }
}
