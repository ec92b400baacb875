//! The table of a `set` or `frozenset`: CPython 3.11's open-addressing
//! hash table, step for step, so that a set iterates and prints its
//! members in the order CPython's does (for members whose hash Shoal
//! computes as CPython does, see [`crate::key_hash`]).
//!
//! The table has a power-of-two number of slots (8 at first), each empty,
//! a dummy left by a removal, or full. A key's probe sequence starts at
//! `hash & mask`, looks at up to [`LINEAR_PROBES`] following slots when
//! they fit before the end, then jumps by `i * 5 + 1 + perturb` with the
//! hash's high bits shifted into `perturb`. Adding fills the first empty
//! slot of the sequence (or the last dummy met on the way); when 3/5 of
//! the slots are filled the table grows to the smallest size above four
//! times the members, reinserting them in slot order. Iteration is slot
//! order; `pop` takes the first member at or after a moving finger.
//! Slots are four bytes (an index into the members), so a table costs
//! about what CPython's does.

use std::rc::Rc;

use crate::key_hash::{frozenset_hash, key_hash};
use crate::value::{FrozenKey, Key, Value};

/// The slots of a new table.
const MIN_SIZE: usize = 8;
/// Slots looked at one after another before jumping.
const LINEAR_PROBES: usize = 9;
/// How fast the hash's high bits enter the probe sequence.
const PERTURB_SHIFT: u32 = 5;

/// A member: its value, the key it is found by, and the key's hash.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// CPython's hash of `key`.
    pub hash: i64,
    /// The member's key.
    pub key: Key,
    /// The member as added.
    pub value: Value,
}

/// A slot never used since the table was made.
const EMPTY: u32 = u32::MAX;
/// A slot whose member was removed: probe sequences go on past it.
const DUMMY: u32 = u32::MAX - 1;

/// A set's (or frozenset's) members in CPython's hash table. The table
/// proper is `slots`, four bytes each: EMPTY, DUMMY, or the index of
/// the member in `entries` (where removed members leave holes until the
/// next rebuild).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SetTable {
    slots: Box<[u32]>,
    entries: Vec<Option<Entry>>,
    /// Slots not empty (full or dummy).
    fill: u32,
    /// Full slots.
    used: u32,
    /// Where `pop` starts looking.
    finger: u32,
    /// A frozenset (immutable, hashable).
    frozen: bool,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![EMPTY; MIN_SIZE].into_boxed_slice(),
            entries: Vec::new(),
            fill: 0,
            used: 0,
            finger: 0,
            frozen: false,
        }
    }
}

/// The bytes a table of `slots` slots holding `members` members costs.
pub(crate) fn table_bytes(slots: usize, members: usize) -> usize {
    slots * size_of::<u32>() + members * size_of::<Option<Entry>>()
}

impl SetTable {
    /// An empty set.
    pub fn new() -> SetTable {
        SetTable::default()
    }

    /// An empty frozenset.
    pub fn new_frozen() -> SetTable {
        SetTable {
            frozen: true,
            ..SetTable::default()
        }
    }

    /// Whether this is a frozenset.
    pub fn is_frozen(&self) -> bool {
        self.frozen
    }

    /// Makes this a frozenset (or a set).
    pub fn set_frozen(&mut self, frozen: bool) {
        self.frozen = frozen;
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.used as usize
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The number of slots.
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// The bytes the table costs.
    pub fn bytes(&self) -> usize {
        table_bytes(self.slots.len(), self.entries.capacity())
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The member in slot `j`, if it holds one.
    fn entry_at(&self, j: usize) -> Option<&Entry> {
        match self.slots[j] {
            EMPTY | DUMMY => None,
            e => self.entries.get(e as usize)?.as_ref(),
        }
    }

    /// The slot holding `key`, if it is a member.
    fn find(&self, key: &Key, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                if self.slots[j] == EMPTY {
                    return None;
                }
                if let Some(e) = self.entry_at(j)
                    && e.hash == hash
                    && e.key == *key
                {
                    return Some(j);
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Whether `key` is a member.
    pub fn contains(&self, key: &Key) -> bool {
        self.find(key, key_hash(key)).is_some()
    }

    /// Whether `key`, whose hash is `hash`, is a member.
    pub fn contains_hashed(&self, key: &Key, hash: i64) -> bool {
        self.find(key, hash).is_some()
    }

    /// The member whose key is `key`.
    pub fn get(&self, key: &Key) -> Option<Value> {
        let at = self.find(key, key_hash(key))?;
        self.entry_at(at).map(|e| e.value)
    }

    /// Adds `value` under `key` unless a member has that key; returns
    /// whether it was added.
    pub fn add(&mut self, key: Key, value: Value) -> bool {
        let hash = key_hash(&key);
        self.add_entry(Entry { hash, key, value })
    }

    /// Stores `entry`; returns its index.
    fn store(&mut self, entry: Entry) -> u32 {
        // Removed members' holes are squeezed out before they pile up.
        if self.entries.len() >= 2 * self.len() + 8 {
            self.compact();
        }
        self.entries.push(Some(entry));
        (self.entries.len() - 1) as u32
    }

    /// Drops the holes of `entries`, renumbering the slots.
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        let mut old: Vec<Option<Entry>> = old;
        for slot in &mut self.slots {
            if *slot != EMPTY && *slot != DUMMY {
                match old.get_mut(*slot as usize).and_then(Option::take) {
                    Some(e) => {
                        self.entries.push(Some(e));
                        *slot = (self.entries.len() - 1) as u32;
                    }
                    None => *slot = DUMMY,
                }
            }
        }
    }

    /// CPython's `set_add_entry`.
    fn add_entry(&mut self, entry: Entry) -> bool {
        let mask = self.mask();
        let mut perturb = entry.hash as u64;
        let mut i = entry.hash as u64 as usize & mask;
        let mut free = None;
        let empty = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in i..=i + probes {
                match self.slots[j] {
                    EMPTY => {
                        found = Some(j);
                        break;
                    }
                    DUMMY => free = Some(j),
                    _ => match self.entry_at(j) {
                        Some(e) if e.hash == entry.hash && e.key == entry.key => return false,
                        Some(_) => {}
                        None => free = Some(j),
                    },
                }
            }
            if let Some(j) = found {
                break j;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        self.used += 1;
        let index = self.store(entry);
        if let Some(j) = free {
            self.slots[j] = index;
            return true;
        }
        self.slots[empty] = index;
        self.fill += 1;
        if self.fill as usize * 5 >= mask * 3 {
            self.grow();
        }
        true
    }

    /// The resize after an insertion fills the table.
    fn grow(&mut self) {
        let used = self.len();
        self.resize(if used > 50_000 { used * 2 } else { used * 4 });
    }

    /// CPython's `set_insert_clean`: index `e` into the first empty slot
    /// of its hash's probe sequence (the table has no dummies).
    fn insert_clean(slots: &mut [u32], hash: i64, e: u32) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            if let Some(j) = (i..=i + probes).find(|j| slots[*j] == EMPTY) {
                slots[j] = e;
                return;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// CPython's `set_table_resize`: a table of the smallest power of two
    /// above `min_used` slots, the members reinserted in slot order.
    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size <= min_used {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old_slots = std::mem::replace(&mut self.slots, vec![EMPTY; size].into_boxed_slice());
        let mut old = std::mem::take(&mut self.entries);
        for &slot in old_slots.iter() {
            if slot == EMPTY || slot == DUMMY {
                continue;
            }
            if let Some(e) = old.get_mut(slot as usize).and_then(Option::take) {
                let hash = e.hash;
                self.entries.push(Some(e));
                Self::insert_clean(&mut self.slots, hash, (self.entries.len() - 1) as u32);
            }
        }
        self.used = self.entries.len() as u32;
        self.fill = self.used;
    }

    /// Removes the member whose key is `key`; returns it.
    pub fn discard(&mut self, key: &Key) -> Option<Value> {
        self.discard_hashed(key, key_hash(key))
    }

    /// Removes the member whose key is `key` (hashed to `hash`).
    pub fn discard_hashed(&mut self, key: &Key, hash: i64) -> Option<Value> {
        let at = self.find(key, hash)?;
        Some(self.remove_at(at)?.value)
    }

    /// Empties slot `j` (a dummy now); returns its member.
    fn remove_at(&mut self, j: usize) -> Option<Entry> {
        let e = std::mem::replace(&mut self.slots[j], DUMMY);
        let entry = self.entries.get_mut(e as usize)?.take()?;
        self.used -= 1;
        Some(entry)
    }

    /// `set.pop()`: the first member at or after the finger.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let start = self.finger as usize & mask;
        let i = (0..=mask)
            .map(|k| (start + k) & mask)
            .find(|i| self.entry_at(*i).is_some())?;
        let e = self.remove_at(i)?;
        self.finger = (i + 1) as u32;
        Some(e.value)
    }

    /// Removes every member (back to the first table size; `pop`'s
    /// finger stays where it was, as in CPython).
    pub fn clear(&mut self) {
        self.replace_members(SetTable::new());
    }

    /// Takes `other`'s members and table, keeping this set's kind and
    /// `pop`'s finger (CPython swaps the bodies of two sets so).
    pub fn replace_members(&mut self, other: SetTable) {
        let (frozen, finger) = (self.frozen, self.finger);
        *self = other;
        self.frozen = frozen;
        self.finger = finger;
    }

    /// The members with their keys and hashes, in slot order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        (0..self.slots.len()).filter_map(|j| self.entry_at(j))
    }

    /// The members in iteration order.
    pub fn values(&self) -> impl Iterator<Item = Value> + '_ {
        self.entries().map(|e| e.value)
    }

    /// The members' keys in iteration order.
    pub fn keys(&self) -> impl Iterator<Item = &Key> {
        self.entries().map(|e| &e.key)
    }

    /// The members mutably (for the collector's walk).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Value> {
        self.entries.iter_mut().flatten().map(|e| &mut e.value)
    }

    /// The first member at slot `pos` or after, with the slot after it:
    /// one step of an iterator.
    pub fn next_from(&self, pos: usize) -> Option<(Value, usize)> {
        (pos..self.slots.len()).find_map(|j| self.entry_at(j).map(|e| (e.value, j + 1)))
    }

    /// How many members sit at slot `pos` or after (what an iterator
    /// there has left).
    pub fn members_from(&self, pos: usize) -> usize {
        (pos..self.slots.len())
            .filter(|j| self.entry_at(*j).is_some())
            .count()
    }

    /// CPython's `set_merge`: adds `other`'s members (`s.update(t)` for a
    /// set `t`), growing the table once first.
    pub fn merge(&mut self, other: &SetTable) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) as usize * 5 >= self.mask() * 3 {
            self.resize((self.len() + other.len()) * 2);
        }
        if self.fill == 0 && self.slots.len() == other.slots.len() && other.fill == other.used {
            // An empty table the same size: the same layout.
            for (j, mine) in self.slots.iter_mut().enumerate() {
                if let Some(e) = other.entry_at(j) {
                    self.entries.push(Some(e.clone()));
                    *mine = (self.entries.len() - 1) as u32;
                }
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            for e in other.entries() {
                self.entries.push(Some(e.clone()));
                Self::insert_clean(&mut self.slots, e.hash, (self.entries.len() - 1) as u32);
            }
            self.fill = other.used;
            self.used = other.used;
            return;
        }
        for e in other.entries() {
            self.add_entry(e.clone());
        }
    }

    /// Adds the keys of a dict of `n` entries, growing the table once
    /// first (`s.update(d)` for a dict `d`).
    pub fn extend_from_dict(&mut self, keys: impl ExactSizeIterator<Item = (Key, Value)>) {
        let n = keys.len();
        if (self.fill as usize + n) * 5 >= self.mask() * 3 {
            self.resize((self.len() + n) * 2);
        }
        for (key, value) in keys {
            self.add(key, value);
        }
    }

    /// Removes a member whose key is `key` or adds it (one step of
    /// `symmetric_difference_update`).
    pub fn toggle(&mut self, entry: &Entry) {
        if self.discard_hashed(&entry.key, entry.hash).is_none() {
            self.add_entry(entry.clone());
        }
    }

    /// Adds a copy of `entry` (a member of another set).
    pub fn add_copy(&mut self, entry: &Entry) -> bool {
        self.add_entry(entry.clone())
    }

    /// After removals: rebuilds the table when more than a quarter of
    /// its slots are dummies, as `difference_update` does.
    pub fn shrink_after_removals(&mut self) {
        if (self.fill - self.used) as usize > self.mask() / 4 {
            self.grow();
        }
    }

    /// A copy laid out as CPython's `set.copy()` lays it out (a new set
    /// merged from this one).
    pub fn copy(&self) -> SetTable {
        let mut t = SetTable::new();
        t.merge(self);
        t.frozen = self.frozen;
        t
    }

    /// A set display of constants as CPython 3.11 builds it: a frozenset
    /// of the items in source order, made again from its own iteration
    /// order (when the compiler stores it), then merged into a new set.
    pub fn folded_display(items: Vec<(Key, Value)>) -> SetTable {
        let constant: SetTable = items.into_iter().collect();
        let stored: SetTable = constant
            .entries()
            .map(|e| (e.key.clone(), e.value))
            .collect();
        let mut t = SetTable::new();
        t.merge(&stored);
        t
    }

    /// The frozenset's key: its members' keys and CPython's hash.
    pub fn frozen_key(&self) -> Key {
        Key::Frozen(Rc::new(FrozenKey {
            hash: frozenset_hash(
                self.entries()
                    .map(|e| e.hash)
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            keys: self.keys().cloned().collect(),
        }))
    }

    /// Rebuilds the table with each key changed by `f` (pickle's
    /// renumbering of objects hashed by identity), members in slot order.
    pub fn rekey(&mut self, f: &mut dyn FnMut(&Key) -> Key) {
        let old = std::mem::take(self);
        self.frozen = old.frozen;
        for e in old.entries() {
            self.add(f(&e.key), e.value);
        }
    }

    /// What is wrong with a loaded table, if anything: the counts, the
    /// size, each member's hash, a free slot to end searches.
    pub fn check(&self) -> Result<(), String> {
        let n = self.slots.len();
        if n < MIN_SIZE || !n.is_power_of_two() {
            return Err(format!("its table has {n} slots"));
        }
        let used = self.entries().count();
        let stored = self.entries.iter().flatten().count();
        let fill = self.slots.iter().filter(|s| **s != EMPTY).count();
        if used != self.len() || stored != used || fill != self.fill as usize || fill >= n {
            return Err(format!(
                "its table counts {} members in {} slots but holds {used} in {fill} of {n}",
                self.used, self.fill
            ));
        }
        if let Some(e) = self.entries().find(|e| e.hash != key_hash(&e.key)) {
            return Err(format!(
                "a member's hash is {} (should be {})",
                e.hash,
                key_hash(&e.key)
            ));
        }
        Ok(())
    }
}

impl FromIterator<(Key, Value)> for SetTable {
    fn from_iter<I: IntoIterator<Item = (Key, Value)>>(items: I) -> Self {
        let mut t = SetTable::new();
        for (k, v) in items {
            t.add(k, v);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(t: &SetTable) -> Vec<i64> {
        t.values()
            .map(|v| match v {
                Value::Int(i) => i,
                _ => panic!("ints only"),
            })
            .collect()
    }

    fn ints(items: &[i64]) -> SetTable {
        items
            .iter()
            .map(|i| (Key::Int(*i), Value::Int(*i)))
            .collect()
    }

    #[test]
    fn small_ints_take_cpythons_slots() {
        // python3: {9, 3, 5, 1}, then {1, 2, 3, 5, 9} after adding 2.
        let mut t = ints(&[5, 3, 9, 1]);
        assert_eq!(order(&t), [9, 3, 5, 1]);
        t.add(Key::Int(2), Value::Int(2));
        assert_eq!(order(&t), [1, 2, 3, 5, 9]);
        assert_eq!(t.capacity(), 32);
    }

    #[test]
    fn a_removed_slot_is_reused() {
        // python3: s = {1, 9}; s.discard(1); s.add(17) -> {17, 9}
        let mut t = ints(&[1, 9]);
        t.discard(&Key::Int(1));
        t.add(Key::Int(17), Value::Int(17));
        assert_eq!(order(&t), [17, 9]);
    }
}
