//! Redcode's expression evaluator, with pMARS's operators, precedence
//! rules and registers.
//!
//! Operators, from the tightest: `* / %`, `+ -`, the comparisons
//! `== != < > <= >=`, `&&`, `||`; unary `- + !`; parentheses; 26
//! registers `a`..`z` (case-insensitive) assigned with `=`. Arithmetic is
//! on 64-bit integers and wraps, flagging an overflow warning.
//!
//! pMARS evaluates with a precedence scheme of its own that differs from
//! C's in a few mixed-precedence chains (`10-2*3-1` is 5 there, not 3).
//! Warriors are tuned against pMARS, so this evaluator follows the same
//! scheme step for step.

/// An expression that could not be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprError {
    /// Malformed: a missing operand, an unknown operator, text left over.
    Bad,
    /// `/` or `%` by zero.
    DivisionByZero,
}

/// The value of an expression, with whether an operation overflowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluated {
    pub value: i64,
    pub overflow: bool,
}

// Two-character operators get codes below any operator character; an
// operator code of 0 is pMARS's `==`, which its "saved operator" check
// cannot tell from "none": kept so that results agree.
const EQUAL: u8 = 0;
const NOT_EQUAL: u8 = 1;
const GREATER_EQUAL: u8 = 2;
const LESS_EQUAL: u8 = 3;
const AND: u8 = 4;
const OR: u8 = 5;
const IDENT: u8 = 6;
const UNKNOWN: u8 = 255;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Ok,
    Overflow,
    Bad,
    DivZero,
}

/// Evaluates expressions; the registers live as long as the evaluator
/// (one warrior's assembly, as in pMARS).
#[derive(Debug, Clone, Default)]
pub struct Evaluator {
    registers: [i64; 26],
}

struct Run<'a> {
    text: &'a [u8],
    registers: &'a mut [i64; 26],
    status: Status,
    saved: u8,
    depth: u32,
}

fn precedence(op: u8) -> i32 {
    match op {
        b'*' | b'/' | b'%' => 5,
        b'+' | b'-' => 4,
        b'>' | b'<' | EQUAL | NOT_EQUAL | GREATER_EQUAL | LESS_EQUAL => 3,
        AND => 2,
        OR => 1,
        _ => 0,
    }
}

/// Nesting deeper than this is refused as a bad expression (pMARS would
/// overflow its stack).
const MAX_DEPTH: u32 = 2_000;

impl Evaluator {
    /// A fresh evaluator, every register 0.
    pub fn new() -> Evaluator {
        Evaluator::default()
    }

    /// Sets register `name` (`'A'..='Z'`, any case).
    pub fn set_register(&mut self, name: char, value: i64) {
        let i = name.to_ascii_uppercase() as usize;
        if (b'A' as usize..=b'Z' as usize).contains(&i) {
            self.registers[i - b'A' as usize] = value;
        }
    }

    /// Evaluates `text`.
    pub fn eval(&mut self, text: &str) -> Result<Evaluated, ExprError> {
        let mut run = Run {
            text: text.as_bytes(),
            registers: &mut self.registers,
            status: Status::Ok,
            saved: 0,
            depth: 0,
        };
        let (rest, value) = run.eval(-1, 0, IDENT, 0);
        if rest < run.text.len() {
            run.status = Status::Bad;
        }
        match run.status {
            Status::Ok => Ok(Evaluated {
                value,
                overflow: false,
            }),
            Status::Overflow => Ok(Evaluated {
                value,
                overflow: true,
            }),
            Status::Bad => Err(ExprError::Bad),
            Status::DivZero => Err(ExprError::DivisionByZero),
        }
    }
}

impl Run<'_> {
    fn at(&self, i: usize) -> u8 {
        self.text.get(i).copied().unwrap_or(0)
    }

    fn skip_space(&self, mut i: usize) -> usize {
        while self.at(i).is_ascii_whitespace() {
            i += 1;
        }
        i
    }

    fn calc(&mut self, x: i64, y: i64, op: u8) -> i64 {
        let ok = self.status == Status::Ok;
        match op {
            b'+' => {
                let (z, o) = x.overflowing_add(y);
                if ok && o {
                    self.status = Status::Overflow;
                }
                z
            }
            b'-' => {
                let (z, o) = x.overflowing_sub(y);
                if ok && o {
                    self.status = Status::Overflow;
                }
                z
            }
            b'*' => {
                if ok && x != 0 && y != 0 && x != -1 && y != -1 {
                    let fits = if (x > 0) == (y > 0) {
                        i64::MAX / y / x != 0
                    } else {
                        i64::MIN / y / x != 0
                    };
                    if !fits {
                        self.status = Status::Overflow;
                    }
                }
                x.wrapping_mul(y)
            }
            b'/' | b'%' if y == 0 => {
                self.status = Status::DivZero;
                0
            }
            b'/' => x.wrapping_div(y),
            b'%' => x.wrapping_rem(y),
            AND => i64::from(x != 0 && y != 0),
            OR => i64::from(x != 0 || y != 0),
            EQUAL => i64::from(x == y),
            NOT_EQUAL => i64::from(x != y),
            b'<' => i64::from(x < y),
            b'>' => i64::from(x > y),
            LESS_EQUAL => i64::from(x <= y),
            GREATER_EQUAL => i64::from(x >= y),
            IDENT => y,
            _ => {
                self.status = Status::Bad;
                0
            }
        }
    }

    /// Reads an operator at `i`: its code and where the text goes on.
    fn operator(&self, i: usize) -> (usize, u8) {
        let c = self.at(i);
        let next = self.at(i + 1);
        match c {
            b'&' => (i + 2, if next == b'&' { AND } else { UNKNOWN }),
            b'|' => (i + 2, if next == b'|' { OR } else { UNKNOWN }),
            b'=' => (i + 2, if next == b'=' { EQUAL } else { UNKNOWN }),
            b'!' => (i + 2, if next == b'=' { NOT_EQUAL } else { UNKNOWN }),
            b'<' if next == b'=' => (i + 2, LESS_EQUAL),
            b'>' if next == b'=' => (i + 2, GREATER_EQUAL),
            0 => (i, UNKNOWN),
            c => (i + 1, c),
        }
    }

    fn value(&mut self, i: usize) -> (usize, i64) {
        let i = self.skip_space(i);
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.status = Status::Bad;
            return (self.text.len(), 0);
        }
        let out = match self.at(i) {
            b'(' => {
                let (rest, v) = self.eval(-1, 0, IDENT, i + 1);
                if self.at(rest) != b')' {
                    self.status = Status::Bad;
                }
                ((rest + 1).min(self.text.len()), v)
            }
            b'-' => {
                let (rest, v) = self.value(i + 1);
                (rest, v.wrapping_neg())
            }
            b'!' => {
                let (rest, v) = self.value(i + 1);
                (rest, i64::from(v == 0))
            }
            b'+' => self.value(i + 1),
            c if c.is_ascii_alphabetic() => {
                let reg = (c.to_ascii_uppercase() - b'A') as usize;
                let j = self.skip_space(i + 1);
                if self.at(j) == b'=' && self.at(j + 1) != b'=' {
                    let (rest, v) = self.eval(-1, 0, IDENT, j + 1);
                    self.registers[reg] = v;
                    (rest, v)
                } else {
                    (j, self.registers[reg])
                }
            }
            _ => {
                let mut j = i;
                let mut v: i64 = 0;
                while self.at(j).is_ascii_digit() {
                    v = v
                        .saturating_mul(10)
                        .saturating_add(i64::from(self.at(j) - b'0'));
                    j += 1;
                }
                if j == i {
                    self.status = Status::Bad;
                }
                (j, v)
            }
        };
        self.depth -= 1;
        out
    }

    fn eval(&mut self, prev: i32, val1: i64, op1: u8, i: usize) -> (usize, i64) {
        let (i, val2) = self.value(i);
        let i = self.skip_space(i);
        let c = self.at(i);
        if c == b')' || i >= self.text.len() {
            return (i, self.calc(val1, val2, op1));
        }
        let (i, op2) = self.operator(i);
        self.saved = 0;
        let (p1, p2) = (precedence(op1), precedence(op2));
        if self.depth > MAX_DEPTH {
            self.status = Status::Bad;
            return (self.text.len(), 0);
        }
        self.depth += 1;
        let out = if p1 >= p2 {
            if p2 >= prev || p1 <= prev {
                let left = self.calc(val1, val2, op1);
                self.eval(p1, left, op2, i)
            } else {
                let result = self.calc(val1, val2, op1);
                self.saved = op2;
                (i, result)
            }
        } else {
            let (i, right) = self.eval(p1, val2, op2, i);
            let mut result = self.calc(val1, right, op1);
            let mut i = i;
            if self.saved != 0 && precedence(self.saved) >= prev {
                let saved = self.saved;
                let (j, r) = self.eval(p2, result, saved, i);
                i = j;
                result = r;
                self.saved = 0;
            }
            (i, result)
        };
        self.depth -= 1;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str) -> Result<i64, ExprError> {
        Evaluator::new().eval(s).map(|e| e.value)
    }

    #[test]
    fn arithmetic_and_precedence() {
        assert_eq!(ev("1+2*3"), Ok(7));
        assert_eq!(ev("2*3+4*5"), Ok(26));
        assert_eq!(ev("1-2-3"), Ok(-4));
        assert_eq!(ev("(1+2)*3"), Ok(9));
        assert_eq!(ev("3--2"), Ok(5));
        assert_eq!(ev("-7/2"), Ok(-3));
        assert_eq!(ev("-7%3"), Ok(-1));
        assert_eq!(ev("8000/3"), Ok(2666));
    }

    #[test]
    fn pmars_mixed_precedence_chain() {
        // What pMARS 0.9.2 assembles `DAT 10-2*3-1` to.
        assert_eq!(ev("10-2*3-1"), Ok(5));
    }

    #[test]
    fn comparisons_logic_registers() {
        assert_eq!(ev("8000==8000"), Ok(1));
        assert_eq!(ev("3<2||2<3"), Ok(1));
        assert_eq!(ev("1&&0"), Ok(0));
        assert_eq!(ev("!0"), Ok(1));
        assert_eq!(ev("x=4"), Ok(4));
        let mut e = Evaluator::new();
        e.set_register('W', 2);
        e.set_register('s', 1);
        assert_eq!(e.eval("(W*W-1)/S").map(|v| v.value), Ok(3));
    }

    #[test]
    fn errors() {
        assert_eq!(ev("1/0"), Err(ExprError::DivisionByZero));
        assert_eq!(ev("5%0"), Err(ExprError::DivisionByZero));
        assert_eq!(ev("1+"), Err(ExprError::Bad));
        assert_eq!(ev("(1+2"), Err(ExprError::Bad));
        assert_eq!(ev("1 2"), Err(ExprError::Bad));
        assert_eq!(ev(""), Err(ExprError::Bad));
        let deep = "(".repeat(100_000);
        assert_eq!(ev(&deep), Err(ExprError::Bad));
        assert!(
            Evaluator::new()
                .eval("9223372036854775807+1")
                .unwrap()
                .overflow
        );
    }
}
