//! Damaging RON text the way a bad disk, a bad copy or a forger would:
//! digits changed, numbers swapped or set to edge values, words swapped,
//! items deleted or repeated, the text cut short. Shared by the damaged-
//! input tests of `scripting` and `server`.

#![allow(dead_code)]

use proptest::prelude::*;

/// One change to a text: what, and two positions that pick where.
#[derive(Debug, Clone)]
pub struct Damage {
    pub kind: u8,
    pub at: usize,
    pub other: usize,
}

pub fn damage_strategy() -> impl Strategy<Value = Vec<Damage>> {
    prop::collection::vec(
        (0u8..12, any::<usize>(), any::<usize>()).prop_map(|(kind, at, other)| Damage {
            kind,
            at,
            other,
        }),
        1..4,
    )
}

/// Spans of maximal runs of characters matching `f`.
pub fn runs(text: &str, f: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if f(b[i]) {
            let start = i;
            while i < b.len() && f(b[i]) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// The text of the item of a list or tuple around `at`: from a comma (or
/// an opening bracket) to the next comma at the same depth.
pub fn item_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let commas: Vec<usize> = (0..b.len()).filter(|i| b[*i] == b',').collect();
    if commas.is_empty() {
        return None;
    }
    let start = commas[at % commas.len()];
    let mut depth = 0i32;
    let mut in_str = false;
    let mut i = start + 1;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return Some((start, i));
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => return Some((start, i)),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

pub fn apply(text: &str, d: &Damage) -> String {
    let mut t = text.to_string();
    match d.kind {
        // A digit of a number changed.
        0..=2 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, e) = nums[d.at % nums.len()];
                let i = s + d.other % (e - s);
                let old = t.as_bytes()[i] - b'0';
                let new = (old + 1 + (d.other / 7 % 9) as u8) % 10;
                t.replace_range(i..i + 1, &new.to_string());
            }
        }
        // Two numbers swapped.
        3 | 4 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if nums.len() >= 2 {
                let (a, b) = (nums[d.at % nums.len()], nums[d.other % nums.len()]);
                let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
                if a != b {
                    let (ta, tb) = (t[a.0..a.1].to_string(), t[b.0..b.1].to_string());
                    t.replace_range(b.0..b.1, &ta);
                    t.replace_range(a.0..a.1, &tb);
                }
            }
        }
        // A number replaced by an edge value.
        5 | 6 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, e) = nums[d.at % nums.len()];
                let edge = [
                    "0",
                    "1",
                    "4294967295",
                    "4294967294",
                    "18446744073709551615",
                    "9223372036854775807",
                    "65535",
                    "100000",
                ][d.other % 8];
                t.replace_range(s..e, edge);
            }
        }
        // Text cut short.
        7 => {
            let mut at = d.at % t.len().max(1);
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            t.truncate(at);
        }
        // An item deleted.
        8 => {
            if let Some((s, e)) = item_around(&t, d.at) {
                t.replace_range(s..e, "");
            }
        }
        // An item repeated.
        9 => {
            if let Some((s, e)) = item_around(&t, d.at) {
                let item = t[s..e].to_string();
                t.insert_str(e, &item);
            }
        }
        // Two words (enum variants, field names, Some/None) swapped.
        10 => {
            let words = runs(&t, |c| c.is_ascii_alphabetic() || c == b'_');
            if words.len() >= 2 {
                let (a, b) = (words[d.at % words.len()], words[d.other % words.len()]);
                let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
                if a != b && a.1 <= b.0 {
                    let (ta, tb) = (t[a.0..a.1].to_string(), t[b.0..b.1].to_string());
                    t.replace_range(b.0..b.1, &ta);
                    t.replace_range(a.0..a.1, &tb);
                }
            }
        }
        // A number negated or made a float.
        _ => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, _) = nums[d.at % nums.len()];
                t.insert_str(s, if d.other.is_multiple_of(2) { "-" } else { "0." });
            }
        }
    }
    t
}

/// `text` with `damage` done to it, leaving the spans `keep` alone.
pub fn damaged_keeping(text: &str, damage: &[Damage], keep: &[(usize, usize)]) -> String {
    let mut spans = keep.to_vec();
    spans.sort_unstable();
    let mut body = text.to_string();
    let mut kept = Vec::new();
    for (i, (s, e)) in spans.iter().enumerate().rev() {
        let mark = format!("@{}@", "#".repeat(i + 1));
        kept.push((mark.clone(), text[*s..*e].to_string()));
        body.replace_range(*s..*e, &mark);
    }
    let mut t = damage.iter().fold(body, |t, d| apply(&t, d));
    for (mark, original) in kept {
        t = t.replacen(&mark, &original, 1);
    }
    t
}

/// The span of a VM snapshot's random generator state: 624 numbers that
/// any value fits, which damage is better spent elsewhere than on.
pub fn rng_span(text: &str) -> Option<(usize, usize)> {
    let start = text.find("rng:(")?;
    let end = start + text[start..].find(')')? + 1;
    Some((start, end))
}

/// `text` with `damage` done to it, the random generator's state left
/// alone.
pub fn damaged(text: &str, damage: &[Damage]) -> String {
    let keep: Vec<(usize, usize)> = rng_span(text).into_iter().collect();
    damaged_keeping(text, damage, &keep)
}
