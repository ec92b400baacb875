//! The hash of world states: specified, so that two machines, two
//! builds or two Rust versions give the same number for the same world.
//!
//! [`StableHasher`] is FNV-1a (64 bits: offset basis
//! `0xcbf29ce484222325`, prime `0x100000001b3`) over the little-endian
//! bytes of what is written; every integer is widened to 64 bits first
//! (`usize` included), so neither the platform's word size nor its byte
//! order changes the result. Strings are written as their length (u64)
//! then their UTF-8 bytes. Rust's `DefaultHasher` promises none of this.

use std::hash::Hasher;

/// FNV-1a over little-endian 64-bit integers (see the module docs).
#[derive(Clone, Debug)]
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    /// A hasher at FNV-1a's offset basis.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes a string: its length, then its bytes.
    pub fn write_text(&mut self, s: &str) {
        self.write_u64(s.len() as u64);
        self.write(s.as_bytes());
    }
}

impl Hasher for StableHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u16(&mut self, i: u16) {
        self.write_u64(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.write(&i.to_le_bytes());
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_i8(&mut self, i: i8) {
        self.write_u64(i as u64);
    }

    fn write_i16(&mut self, i: i16) {
        self.write_u64(i as u64);
    }

    fn write_i32(&mut self, i: i32) {
        self.write_u64(i as u64);
    }

    fn write_i64(&mut self, i: i64) {
        self.write_u64(i as u64);
    }

    fn write_isize(&mut self, i: isize) {
        self.write_u64(i as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // FNV-1a 64 of no bytes, and of "a" (published test vectors).
        assert_eq!(StableHasher::new().finish(), 0xcbf2_9ce4_8422_2325);
        let mut h = StableHasher::new();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
        // Integers are widened and little-endian.
        let (mut a, mut b) = (StableHasher::new(), StableHasher::new());
        a.write_u8(7);
        b.write(&[7, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(a.finish(), b.finish());
    }
}
