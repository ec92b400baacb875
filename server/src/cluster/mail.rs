//! Posts between zones: exactly once, in order per sender.
//!
//! Each post to an entity of another zone carries its sender and a
//! sequence number, counted per (sender, receiver). The receiving side
//! keeps, per receiver, the next number it expects from each sender: a
//! number already seen is a duplicate (a retransmission) and is dropped,
//! one ahead of its turn waits until the gap fills (a post forwarded by
//! the receiver's former zone can arrive after a later one sent
//! straight). Both counters travel with their entity when it changes
//! zone, and are saved with the zone's snapshots.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// The most posts one entity holds ahead of their turn; beyond, the
/// oldest gap is given up on.
pub const MAX_EARLY: usize = 10_000;

/// One entity's counters and early posts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntityMail {
    /// As a sender: the last number used, by receiver.
    pub sent: BTreeMap<u64, u64>,
    /// As a receiver: the next number expected, by sender.
    pub next: BTreeMap<u64, u64>,
    /// Posts ahead of their turn: (sender, number) to (message, the tick
    /// it arrived).
    pub early: BTreeMap<(u64, u64), (String, u64)>,
}

impl EntityMail {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.sent.is_empty() && self.next.is_empty() && self.early.is_empty()
    }
}

/// A post between zones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    /// The sender (an entity; a zone's host posts are `HOST - zone`).
    pub from: u64,
    /// The receiver.
    pub to: u64,
    /// The sender's number for this post to this receiver, from 1.
    pub seq: u64,
    /// The message, pickled.
    pub message: String,
    /// When it was sent: microseconds since the Unix epoch (for the
    /// latency the zones report).
    #[serde(default)]
    pub sent_us: u64,
}

/// Microseconds since the Unix epoch.
pub fn now_us() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// Every entity's mail counters in one zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MailBook {
    /// By entity.
    pub entities: HashMap<u64, EntityMail>,
}

impl MailBook {
    /// The number of `from`'s next post to `to`.
    pub fn stamp(&mut self, from: u64, to: u64) -> u64 {
        let n = self
            .entities
            .entry(from)
            .or_default()
            .sent
            .entry(to)
            .or_insert(0);
        *n += 1;
        *n
    }

    /// Takes in a post for a local entity at tick `now`; returns the
    /// messages to deliver now, in order (none for a duplicate or a post
    /// ahead of its turn).
    pub fn accept(&mut self, post: Post, now: u64) -> Vec<String> {
        if post.seq == 0 || post.seq == u64::MAX {
            return Vec::new();
        }
        let m = self.entities.entry(post.to).or_default();
        let next = m.next.get(&post.from).copied().unwrap_or(1);
        if post.seq < next {
            return Vec::new();
        }
        if post.seq > next {
            if m.early.len() >= MAX_EARLY {
                // Give up on the oldest gap rather than hold forever.
                return give_up_oldest(m, post, now);
            }
            m.early
                .entry((post.from, post.seq))
                .or_insert((post.message, now));
            return Vec::new();
        }
        let mut out = vec![post.message];
        drain_in_turn(m, post.from, next + 1, &mut out);
        out
    }

    /// Gives up on gaps older than `max_wait` ticks (a post lost with a
    /// zone that crashed): the posts behind them are delivered, as
    /// (receiver, message).
    pub fn skip_stale(&mut self, now: u64, max_wait: u64) -> Vec<(u64, String)> {
        let mut out = Vec::new();
        for (&to, m) in &mut self.entities {
            loop {
                let stale = m
                    .early
                    .iter()
                    .find(|(_, (_, at))| now.saturating_sub(*at) > max_wait)
                    .map(|(&(from, seq), _)| (from, seq));
                let Some((from, seq)) = stale else { break };
                let mut msgs = Vec::new();
                drain_in_turn(m, from, seq, &mut msgs);
                out.extend(msgs.into_iter().map(|msg| (to, msg)));
            }
        }
        out.sort_by_key(|(to, _)| *to);
        out
    }

    /// Takes entity `id`'s counters (it leaves this zone).
    pub fn take(&mut self, id: u64) -> EntityMail {
        self.entities.remove(&id).unwrap_or_default()
    }

    /// Puts back counters that came with entity `id`.
    pub fn put(&mut self, id: u64, mail: EntityMail) {
        if mail.is_empty() {
            self.entities.remove(&id);
        } else {
            self.entities.insert(id, mail);
        }
    }
}

/// Delivers `from`'s early posts to `m` from number `seq` on, while they
/// follow one another; records the next number expected.
fn drain_in_turn(m: &mut EntityMail, from: u64, mut seq: u64, out: &mut Vec<String>) {
    while let Some((msg, _)) = m.early.remove(&(from, seq)) {
        out.push(msg);
        seq += 1;
    }
    m.next.insert(from, seq);
}

fn give_up_oldest(m: &mut EntityMail, post: Post, now: u64) -> Vec<String> {
    m.early
        .entry((post.from, post.seq))
        .or_insert((post.message, now));
    let Some((&(from, seq), _)) = m.early.iter().min_by_key(|(_, (_, at))| *at) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    drain_in_turn(m, from, seq, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(from: u64, to: u64, seq: u64) -> Post {
        Post {
            from,
            to,
            seq,
            message: format!("{from}:{seq}"),
            sent_us: 0,
        }
    }

    #[test]
    fn posts_arrive_once_and_in_order() {
        let mut b = MailBook::default();
        assert_eq!(b.accept(post(1, 9, 1), 0), ["1:1"]);
        // A duplicate.
        assert!(b.accept(post(1, 9, 1), 0).is_empty());
        // Ahead of its turn: held.
        assert!(b.accept(post(1, 9, 3), 0).is_empty());
        assert!(b.accept(post(1, 9, 4), 0).is_empty());
        // Another sender is independent.
        assert_eq!(b.accept(post(2, 9, 1), 0), ["2:1"]);
        assert_eq!(b.accept(post(1, 9, 2), 0), ["1:2", "1:3", "1:4"]);
        assert!(b.accept(post(1, 9, 3), 0).is_empty());
    }

    #[test]
    fn counters_travel_with_their_entity() {
        let mut a = MailBook::default();
        assert_eq!(a.stamp(5, 9), 1);
        assert_eq!(a.stamp(5, 9), 2);
        assert_eq!(a.stamp(5, 8), 1);
        let mut b = MailBook::default();
        b.put(5, a.take(5));
        assert_eq!(b.stamp(5, 9), 3);
        assert!(a.entities.is_empty());
    }

    #[test]
    fn a_gap_that_never_fills_is_given_up_after_a_while() {
        let mut b = MailBook::default();
        assert!(b.accept(post(1, 9, 2), 10).is_empty());
        assert!(b.skip_stale(20, 100).is_empty());
        assert_eq!(b.skip_stale(200, 100), [(9, "1:2".to_string())]);
        assert_eq!(b.accept(post(1, 9, 3), 200), ["1:3"]);
    }
}
