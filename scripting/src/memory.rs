//! What the script heap costs in bytes, and the limit on it.
//!
//! Every object's size is estimated from what it holds (a string's text,
//! a list's items, a dict's entries, a frame's stack and locals); the
//! collector sums the live objects exactly, and between collections the
//! heap adds what was allocated or grown, so a script that fills memory
//! meets the limit before the machine does. Going over the limit raises
//! `MemoryError` in the tasklet that was running.

use std::mem::size_of;

use crate::heap::{Iter, Obj};
use crate::value::Value;
use crate::vm::{Exc, SavedFrame, Vm};

/// The default limit of `shoal run` and of worlds: 4 GiB.
pub const DEFAULT_MAX_HEAP: usize = 4 << 30;

/// Bytes per dict, set or attribute entry beyond its key's text (the
/// index map keeps the entry, its hash and an index slot).
const ENTRY: usize = 48;

/// Bytes a new dict entry costs.
pub(crate) const DICT_ENTRY: usize = ENTRY + 2 * size_of::<Value>();

impl Obj {
    /// The bytes this object costs: its heap slot and what it owns.
    pub(crate) fn approx_bytes(&self) -> usize {
        let values = |n: usize| n * size_of::<Value>();
        size_of::<Option<Obj>>()
            + match self {
                Obj::Str(s) => s.len() + 16,
                Obj::Bytes(b) => b.len() + 16,
                Obj::BigInt(n) => (n.bits() / 8) as usize + 32,
                Obj::ByteArray(b) => b.capacity() + 16,
                Obj::List(items) => values(items.capacity()),
                Obj::Tuple(items) => values(items.len()),
                Obj::Dict(d) => d.len() * (ENTRY + 2 * size_of::<Value>()),
                Obj::Set(s) => s.bytes(),
                Obj::Function(f) => {
                    size_of::<crate::heap::Function>()
                        + values(f.defaults.len())
                        + f.kwdefaults.len() * 32
                        + f.closure.len() * 4
                }
                Obj::Class(c) => size_of::<crate::heap::Class>() + c.attrs.len() * ENTRY,
                Obj::Instance(i) => i.attrs.len() * ENTRY,
                Obj::Module(m) => m.attrs.len() * ENTRY,
                Obj::Generator(g) => {
                    size_of::<crate::heap::Generator>() + g.frame.as_ref().map_or(0, frame_bytes)
                }
                Obj::Iter(Iter::Values { items, .. }) => values(items.len()),
                Obj::Random(_) => crate::random::STATE_BYTES,
                Obj::Pattern(p) => p.approx_bytes(),
                Obj::Match(m) => m.approx_bytes(),
                _ => 0,
            }
    }
}

/// The bytes a frame holds beyond its slot in the frame stack.
pub(crate) fn frame_bytes(f: &SavedFrame) -> usize {
    size_of::<SavedFrame>()
        + f.stack.capacity() * size_of::<Value>()
        + f.locals.capacity() * size_of::<Option<Value>>()
        + f.cells.len() * 4
        + f.blocks.len() * 8
}

/// Parses a size such as `4GiB`, `512MiB`, `100MB`, `64k` or `1000000`
/// (bytes).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a size (try 4GiB, 512MiB or a number of bytes)"))?;
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "kib" => 1024.0,
        "m" | "mb" => 1e6,
        "mib" => 1024.0 * 1024.0,
        "g" | "gb" => 1e9,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tb" => 1e12,
        "tib" => 1024.0f64.powi(4),
        other => {
            return Err(format!(
                "'{other}' is not a size unit (B, KiB, MiB, GiB, kB, MB, GB)"
            ));
        }
    };
    let bytes = number * scale;
    if !bytes.is_finite() || bytes < 1.0 || bytes > usize::MAX as f64 {
        return Err(format!("'{text}' is not a usable size"));
    }
    Ok(bytes as usize)
}

impl Vm {
    /// Refuses, before a built-in makes it at once (`'x' * n`, `[0] * n`,
    /// padding to a width), an object that could never fit under the heap
    /// limit; anything smaller is counted when it is allocated, and the
    /// next collection decides.
    pub(crate) fn reserve(&mut self, bytes: usize) -> Result<(), Exc> {
        match self.max_heap {
            Some(limit) if bytes > limit => Err(self.memory_error(limit)),
            _ => Ok(()),
        }
    }

    /// The MemoryError for going over `limit`.
    pub(crate) fn memory_error(&mut self, limit: usize) -> Exc {
        self.error(
            "MemoryError",
            format!("the script heap is over its limit of {}", show_size(limit)),
        )
    }
}

/// `4 GiB`, `512 MiB`, `1000 bytes`.
pub fn show_size(bytes: usize) -> String {
    const UNITS: [(&str, usize); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("4GiB"), Ok(4 << 30));
        assert_eq!(parse_size("512 MiB"), Ok(512 << 20));
        assert_eq!(parse_size("100MB"), Ok(100_000_000));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("0").is_err());
        assert_eq!(show_size(4 << 30), "4 GiB");
        assert_eq!(show_size(1000), "1000 bytes");
    }
}
