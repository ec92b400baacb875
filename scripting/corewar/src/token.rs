//! Redcode's tokens, scanned as pMARS scans them: one token at a time
//! from a position in a line.

/// What kind of token starts at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// End of the text.
    None,
    /// A run of digits.
    Number,
    /// A letter or `_`, then letters, digits and `_`.
    Ident,
    /// An expression operator: one of `()/+-%!=`, or `&&`, `||`.
    Expr,
    /// An addressing-mode symbol: one of `#$@<>*{}`.
    Addr,
    /// A single `&` (string concatenation in `FOR` bodies).
    Append,
    /// `;`
    Comment,
    /// `,`
    Separator,
    /// `.`
    Modifier,
    /// Any other character.
    Misc,
}

/// C's `isspace` (Rust's ASCII whitespace lacks `\v`).
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Skips spaces from `i`.
pub fn skip_space(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    i
}

/// Scans the token at `*pos` (after any spaces), moves `*pos` past it and
/// returns its kind and text.
pub fn next<'a>(s: &'a str, pos: &mut usize) -> (Kind, &'a str) {
    let b = s.as_bytes();
    let start = skip_space(b, *pos);
    if start >= b.len() {
        *pos = b.len();
        return (Kind::None, "");
    }
    let c = b[start];
    let mut end = start + 1;
    let kind = if c.is_ascii_digit() {
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        Kind::Number
    } else if is_ident_start(c) {
        while end < b.len() && is_ident(b[end]) {
            end += 1;
        }
        Kind::Ident
    } else {
        match c {
            b'(' | b')' | b'/' | b'+' | b'-' | b'%' | b'!' | b'=' => Kind::Expr,
            b'#' | b'$' | b'@' | b'<' | b'>' | b'*' | b'{' | b'}' => Kind::Addr,
            b'&' if b.get(start + 1) == Some(&b'&') => {
                end += 1;
                Kind::Expr
            }
            b'&' => Kind::Append,
            b';' => Kind::Comment,
            b',' => Kind::Separator,
            b'.' => Kind::Modifier,
            b'|' if b.get(start + 1) == Some(&b'|') => {
                end += 1;
                Kind::Expr
            }
            _ => {
                // One character, whole: keep UTF-8 sequences together.
                while end < b.len() && !s.is_char_boundary(end) {
                    end += 1;
                }
                Kind::Misc
            }
        }
    };
    *pos = end;
    (kind, &s[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_like_pmars() {
        let s = "mov.ab #x1+2, {a&&b ; c";
        let mut p = 0;
        let mut out = Vec::new();
        loop {
            let (k, t) = next(s, &mut p);
            if k == Kind::None {
                break;
            }
            out.push((k, t));
        }
        assert_eq!(
            out,
            vec![
                (Kind::Ident, "mov"),
                (Kind::Modifier, "."),
                (Kind::Ident, "ab"),
                (Kind::Addr, "#"),
                (Kind::Ident, "x1"),
                (Kind::Expr, "+"),
                (Kind::Number, "2"),
                (Kind::Separator, ","),
                (Kind::Addr, "{"),
                (Kind::Ident, "a"),
                (Kind::Expr, "&&"),
                (Kind::Ident, "b"),
                (Kind::Comment, ";"),
                (Kind::Ident, "c"),
            ]
        );
        let mut p = 0;
        assert_eq!(next("é", &mut p), (Kind::Misc, "é"));
    }
}
