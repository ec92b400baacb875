//! CPython 3.11's `hash()` of a dict or set key ([`Key`]), so that a set
//! lays out its hash table, and so iterates and prints, as CPython's does
//! (see [`crate::set_table`]).
//!
//! Ints, bools, floats and tuples of them hash exactly as in CPython;
//! str and bytes as CPython does with `PYTHONHASHSEED=0` (SipHash-1-3
//! with a zero key; CPython randomizes them otherwise, so no order is
//! promised for them); frozensets from their members' hashes. None and
//! objects hashed by identity, which CPython hashes by address, get a
//! hash of their own.

use crate::value::Key;

/// `2**61 - 1`, the modulus of numeric hashes.
const MODULUS: u64 = (1 << 61) - 1;
/// The bits of [`MODULUS`].
const BITS: u32 = 61;

/// CPython's hash of a key.
pub(crate) fn key_hash(k: &Key) -> i64 {
    match k {
        // CPython 3.11 hashes None by address: any fixed value will do.
        Key::None => 0x7f4c_9e2a_3f10 >> 4,
        Key::Int(i) => int_hash(*i),
        Key::Big(n) => crate::builtins::hash_big(n),
        Key::Float(bits) => float_hash(f64::from_bits(*bits)),
        Key::Str(s) => str_hash(s),
        Key::Bytes(b) => bytes_hash(b),
        Key::Tuple(items) => tuple_hash(items.iter().map(key_hash)),
        Key::Frozen(f) => f.hash,
        Key::Id(id) => i64::from(id.0) + 1,
        Key::Custom(hash, _) => *hash,
    }
}

/// `hash(i)` of an int: its value modulo `2**61 - 1`, with its sign.
pub(crate) fn int_hash(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 { -2 } else { h }
}

/// `hash(x)` of a float (equal to the int's for integral values).
pub(crate) fn float_hash(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314_159 } else { -314_159 };
    }
    let (mut m, mut e) = frexp(x);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    // 28 bits of the mantissa at a time, reduced modulo 2**61 - 1.
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | h >> (BITS - 28);
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let bits = BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    h = ((h << e) & MODULUS) | h >> (BITS - e);
    let h = (h as i64).wrapping_mul(sign);
    if h == -1 { -2 } else { h }
}

/// `x = m * 2**e` with `0.5 <= |m| < 1` (x finite and not zero; zero
/// gives (0, 0)).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `hash(s)` of a str: SipHash-1-3 of its characters stored as CPython
/// stores them (one, two or four bytes each, by the widest).
pub(crate) fn str_hash(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let widest = s.chars().map(|c| c as u32).max().unwrap_or(0);
    let mut data = Vec::with_capacity(s.len() * 2);
    for c in s.chars() {
        let c = c as u32;
        match widest {
            0..=0xff => data.push(c as u8),
            0x100..=0xffff => data.extend_from_slice(&(c as u16).to_le_bytes()),
            _ => data.extend_from_slice(&c.to_le_bytes()),
        }
    }
    bytes_hash(&data)
}

/// `hash(b)` of bytes.
pub(crate) fn bytes_hash(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let h = siphash13(b) as i64;
    if h == -1 { -2 } else { h }
}

/// SipHash-1-3 with a zero key (CPython's string hash under
/// `PYTHONHASHSEED=0`).
fn siphash13(data: &[u8]) -> u64 {
    let mut v = [
        0x736f_6d65_7073_6575u64,
        0x646f_7261_6e64_6f6d,
        0x6c79_6765_6e65_7261,
        0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[2] = v[2].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[1]);
        v[0] = v[0].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].rotate_left(32);
    }
    let chunks = data.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let m = u64::from_le_bytes(word);
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, byte) in tail.iter().enumerate() {
        last |= u64::from(*byte) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for _ in 0..3 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// `hash(t)` of a tuple whose items hash to `items` (xxHash's mixing).
pub(crate) fn tuple_hash(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let len = items.len() as u64;
    let mut acc = PRIME_5;
    for lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(len ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// `hash(f)` of a frozenset whose members hash to `members`.
pub(crate) fn frozenset_hash(members: impl ExactSizeIterator<Item = i64>) -> i64 {
    fn shuffle(h: u64) -> u64 {
        ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
    }
    let n = members.len() as u64;
    let mut h: u64 = 0;
    for m in members {
        h ^= shuffle(m as u64);
    }
    h ^= (n + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    if h == u64::MAX { 590_923_713 } else { h as i64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::FrozenKey;
    use std::rc::Rc;

    // Expected values: python3.11 with PYTHONHASHSEED=0.
    #[test]
    fn numbers_hash_as_in_cpython() {
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash(i64::MAX), 3);
        assert_eq!(int_hash(i64::MIN), -4);
        assert_eq!(float_hash(1.5), 1_152_921_504_606_846_977);
        assert_eq!(float_hash(-0.1), -230_584_300_921_369_408);
        assert_eq!(float_hash(1e300), 1_224_995_262_755_759_164);
        assert_eq!(float_hash(5e-324), 16_777_216);
        assert_eq!(float_hash(f64::INFINITY), 314_159);
        assert_eq!(float_hash(7.0), 7);
    }

    #[test]
    fn strings_hash_as_with_a_zero_seed() {
        assert_eq!(str_hash(""), 0);
        assert_eq!(str_hash("a"), 4_644_417_185_603_328_019);
        assert_eq!(str_hash("hello world!"), 839_851_713_330_019_024);
        assert_eq!(str_hash("é"), 6_047_309_291_227_476_195);
        assert_eq!(str_hash("€x"), -483_395_623_852_268_653);
        assert_eq!(str_hash("😀"), -3_536_540_696_076_613_844);
        assert_eq!(bytes_hash(b"abc"), -4_594_863_902_769_663_758);
    }

    #[test]
    fn tuples_and_frozensets_hash_as_in_cpython() {
        let t = |items: Vec<Key>| Key::Tuple(Rc::from(items));
        assert_eq!(
            key_hash(&t(vec![Key::Int(1), Key::Int(2)])),
            -3_550_055_125_485_641_917
        );
        assert_eq!(key_hash(&t(vec![])), 5_740_354_900_026_072_187);
        let inner = t(vec![Key::Float(2.5f64.to_bits()), Key::Str(Rc::from("a"))]);
        assert_eq!(
            key_hash(&t(vec![Key::Int(1), inner])),
            -7_603_776_026_263_996_350
        );
        let members = [Key::Int(1), Key::Int(2)];
        assert_eq!(
            frozenset_hash(members.iter().map(key_hash).collect::<Vec<_>>().into_iter()),
            -1_826_646_154_956_904_602
        );
        assert_eq!(frozenset_hash(Vec::new().into_iter()), 133_146_708_735_736);
        let f = FrozenKey {
            hash: 0,
            keys: vec![Key::Str(Rc::from("a")), t(vec![Key::Int(1), Key::Int(2)])],
        };
        assert_eq!(
            frozenset_hash(f.keys.iter().map(key_hash).collect::<Vec<_>>().into_iter()),
            -3_138_234_825_583_958_797
        );
    }
}
