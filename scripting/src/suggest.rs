//! "Did you mean" suggestions for misspelt names, chosen as CPython 3.11
//! chooses them: the closest candidate by an edit distance where changing
//! a letter's case costs 1 and any other edit 2, within a limit that
//! grows with the lengths of both names.

/// The cost of inserting, deleting or replacing a character.
const MOVE_COST: usize = 2;
/// The cost of replacing a character by itself in the other case.
const CASE_COST: usize = 1;
/// Longer names are not compared.
const MAX_STRING_SIZE: usize = 40;
/// Larger namespaces are not searched.
const MAX_CANDIDATES: usize = 750;

/// The candidate closest to `name` (the first of equals), if any is
/// close enough.
pub(crate) fn suggestion<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() > MAX_CANDIDATES || name.chars().count() > MAX_STRING_SIZE {
        return None;
    }
    let name: Vec<char> = name.chars().collect();
    let mut best: Option<(&str, usize)> = None;
    for candidate in candidates {
        let other: Vec<char> = candidate.chars().collect();
        if other == name {
            continue;
        }
        let mut limit = (name.len() + other.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            limit = limit.min(d.saturating_sub(1));
        }
        let d = distance(&name, &other, limit);
        if d <= limit && best.is_none_or(|(_, b)| d < b) {
            best = Some((candidate, d));
        }
    }
    best.map(|(c, _)| c)
}

/// The edit distance of `a` and `b`, or anything above `limit` once it
/// is certain to exceed it.
fn distance(a: &[char], b: &[char], limit: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len().max(b.len()) > MAX_STRING_SIZE {
        return limit + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > limit {
        return limit + 1;
    }
    // One row of the table, over the shorter string.
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, bc) in b.iter().enumerate() {
        let mut diagonal = bi * MOVE_COST;
        result = diagonal + MOVE_COST;
        let mut row_min = result;
        for (ai, ac) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(*ac, *bc);
            diagonal = row[ai];
            let insert_delete = result.min(diagonal) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            row_min = row_min.min(result);
        }
        if row_min > limit {
            return limit + 1;
        }
    }
    result
}

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

#[cfg(test)]
mod tests {
    use super::suggestion;

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(suggestion("totl", ["total", "count"]), Some("total"));
        assert_eq!(suggestion("Total", ["total"]), Some("total"));
        assert_eq!(suggestion("prnt", ["print", "len"]), Some("print"));
    }

    #[test]
    fn far_names_and_the_name_itself_are_not() {
        assert_eq!(suggestion("x", ["y"]), None);
        assert_eq!(suggestion("spam", ["spam"]), None);
        assert_eq!(suggestion("completely", ["different"]), None);
    }

    #[test]
    fn the_first_of_equally_close_candidates_wins() {
        assert_eq!(suggestion("ab", ["ax", "ay"]), Some("ax"));
    }
}
