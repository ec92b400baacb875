//! Script values: small immediates (None, bools, ints, floats) held
//! inline, everything else on the VM's heap and referred to by index.
//!
//! A `Value` is `Copy` and never holds a Rust pointer, so frames, stacks
//! and the heap are plain data that can be saved and loaded.

use std::rc::Rc;

/// The index of an object on the VM heap.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct ObjId(pub u32);

impl ObjId {
    /// No object: where an id field is empty (an instance that holds no
    /// built-in value).
    pub const NONE: ObjId = ObjId(u32::MAX);

    /// Whether this is [`ObjId::NONE`].
    pub fn is_none(self) -> bool {
        self == ObjId::NONE
    }

    /// [`ObjId::is_none`] by reference (for serde's `skip_serializing_if`).
    pub fn is_none_ref(&self) -> bool {
        self.is_none()
    }
}

/// The default of an empty id field in saved data.
/// `Value::None`, for serde defaults.
pub(crate) fn none_value() -> Value {
    Value::None
}

pub(crate) fn no_object() -> ObjId {
    ObjId::NONE
}

/// A script value.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Value {
    /// `None`.
    #[default]
    None,
    /// `True` / `False`.
    Bool(bool),
    /// A 64-bit integer (overflow raises OverflowError).
    Int(i64),
    /// A float.
    Float(f64),
    /// An object on the heap.
    Obj(ObjId),
}

impl Value {
    /// Whether this is `None`.
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The marker [`crate::code::Instr::LoadMethod`] leaves on the value
    /// stack under a callable that takes no `self`; never seen by scripts.
    pub(crate) const NULL: Value = Value::Obj(ObjId(u32::MAX));
}

/// A dictionary or set key: the hashable content of a value, so that
/// lookups compare keys without reaching into the heap. Equal Python
/// values give equal keys (`1`, `1.0` and `True` are one key).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Key {
    /// `None`.
    None,
    /// An int, a bool, or a float with an integral value.
    Int(i64),
    /// An int (or integral float) outside the 64-bit range.
    Big(Rc<num_bigint::BigInt>),
    /// Any other float, by its bits.
    Float(u64),
    /// A string.
    Str(Rc<str>),
    /// A tuple of hashable values.
    Tuple(Rc<[Key]>),
    /// A bytes object.
    Bytes(Rc<[u8]>),
    /// A frozenset: the keys of its members.
    Frozen(Rc<FrozenKey>),
    /// An object hashed by identity (functions, classes, instances).
    Id(ObjId),
    /// An instance whose class defines `__hash__`: the hash it returned,
    /// and the first live instance it is equal to (by `__eq__`), which
    /// stands for every instance equal to it (see `Vm::custom_key`).
    Custom(i64, ObjId),
}

impl Key {
    /// Calls `f` on every object a key names (an identity key, a
    /// representative of `__eq__`-equal instances), nested keys included.
    pub fn objects(&self, f: &mut dyn FnMut(ObjId)) {
        match self {
            Key::Id(id) | Key::Custom(_, id) => f(*id),
            Key::Tuple(items) => items.iter().for_each(|k| k.objects(f)),
            Key::Frozen(fk) => fk.keys.iter().for_each(|k| k.objects(f)),
            _ => {}
        }
    }
}

/// The key of a frozenset: its members' keys, equal to another's when
/// they hold the same members in any order, with CPython's hash of them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FrozenKey {
    /// CPython's `hash()` of the frozenset.
    pub hash: i64,
    /// Its members' keys, in its table's order.
    pub keys: Vec<Key>,
}

impl PartialEq for FrozenKey {
    fn eq(&self, other: &FrozenKey) -> bool {
        if self.keys.len() != other.keys.len() || self.hash != other.hash {
            return false;
        }
        let theirs: std::collections::HashSet<&Key, rustc_hash::FxBuildHasher> =
            other.keys.iter().collect();
        self.keys.iter().all(|k| theirs.contains(k))
    }
}

impl Eq for FrozenKey {}

impl std::hash::Hash for FrozenKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_i64(self.hash);
    }
}

impl Key {
    /// The key of a float.
    pub fn float(x: f64) -> Key {
        if x.fract() == 0.0
            && x.is_finite()
            && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&x)
        {
            Key::Int(x as i64)
        } else if x.fract() == 0.0 && x.is_finite() {
            Key::Big(Rc::new(crate::builtins::float_to_big(x)))
        } else if x == 0.0 {
            Key::Int(0)
        } else {
            Key::Float(x.to_bits())
        }
    }
}

/// Python's `repr` of a float: the shortest digits that round-trip, in
/// positional notation for exponents from -4 to 15, scientific otherwise.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddde[-]x".
    // Where two such strings are equally near, Python takes the one
    // with the even last digit: the value correctly rounded (ties to
    // even) to that many digits, which is what `{:.*e}` gives.
    let shortest = format!("{x:e}");
    let digits = shortest
        .split_once('e')
        .map_or(1, |(m, _)| m.chars().filter(|c| c.is_ascii_digit()).count());
    let sci = format!("{x:.*e}", digits.saturating_sub(1));
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            let (int, frac) = digits.split_at(point as usize);
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        for (x, text) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.25e-7, "1.25e-07"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0f64.powi(70), "1.1805916207174113e+21"),
            (-0.0, "-0.0"),
            // Halfway between two shortest strings: the even digit.
            (6_191_568_381_409_618.0 / 8.0, "773946047676202.2"),
        ] {
            assert_eq!(float_repr(x), text, "{x:e}");
        }
    }

    #[test]
    fn equal_numbers_share_a_key() {
        assert_eq!(Key::float(1.0), Key::Int(1));
        assert_eq!(Key::float(-0.0), Key::Int(0));
        assert_ne!(Key::float(1.5), Key::Int(1));
    }
}
