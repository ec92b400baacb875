//! The `random` module's generator: MT19937 with CPython's seeding and
//! derivations, so a seeded script draws the same numbers under Shoal as
//! under `python3`. Its state is plain data (saved with the VM).

const N: usize = 624;
/// The bytes a generator holds.
pub(crate) const STATE_BYTES: usize = N * 4 + 32;
const M: usize = 397;

/// A Mersenne Twister, seeded as CPython seeds it, with the second
/// normal deviate `gauss()` keeps for its next call.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Mt {
    state: Vec<u32>,
    index: usize,
    /// `Random.gauss_next`.
    #[serde(default)]
    pub(crate) gauss_next: Option<f64>,
}

impl Mt {
    /// A hash of the generator's state (FNV-1a over its words).
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in self.state.iter().copied().chain([self.index as u32]) {
            for b in w.to_le_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    }

    /// Whether the state is one the generator can draw from (checked on
    /// loading).
    pub(crate) fn is_sound(&self) -> bool {
        self.state.len() == N && self.index <= N
    }

    /// Seeded from an integer (`random.seed(n)`).
    pub fn from_seed(seed: i64) -> Mt {
        let n = seed.unsigned_abs();
        Mt::from_key(&[n as u32, (n >> 32) as u32])
    }

    /// Seeded from bytes as `random.seed(b)` does for str (encoded as
    /// UTF-8), bytes and bytearray: the int whose big-endian bytes are
    /// `b` followed by its SHA-512.
    pub fn from_bytes_seed(b: &[u8]) -> Mt {
        use sha2::Digest;
        let mut all = b.to_vec();
        all.extend_from_slice(&sha2::Sha512::digest(b));
        // The int's 32-bit words, least significant first.
        let key: Vec<u32> = all
            .rchunks(4)
            .map(|c| c.iter().fold(0u32, |w, byte| (w << 8) | u32::from(*byte)))
            .collect();
        Mt::from_key(&key)
    }

    /// CPython's `init_by_array` with the 32-bit words of |n|, least
    /// significant first (high zero words are dropped).
    fn from_key(words: &[u32]) -> Mt {
        let used = words.iter().rposition(|w| *w != 0).map_or(0, |i| i + 1);
        let key: Vec<u32> = if used == 0 {
            vec![0]
        } else {
            words[..used].to_vec()
        };
        let mut mt = Mt::init_genrand(19_650_218);
        let s = &mut mt.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        mt
    }

    fn init_genrand(seed: u32) -> Mt {
        let mut state = vec![0u32; N];
        state[0] = seed;
        for i in 1..N {
            let prev = state[i - 1] ^ (state[i - 1] >> 30);
            state[i] = 1_812_433_253u32.wrapping_mul(prev).wrapping_add(i as u32);
        }
        Mt {
            state,
            index: N,
            gauss_next: None,
        }
    }

    /// `getstate()`'s internal state: the 624 words and the position.
    pub(crate) fn words(&self) -> (&[u32], usize) {
        (&self.state, self.index)
    }

    /// A generator from `setstate()`'s words and position (`None` when
    /// they are not a state: 624 words, a position up to 624).
    pub(crate) fn from_words(words: Vec<u32>, index: usize, gauss_next: Option<f64>) -> Option<Mt> {
        (words.len() == N && index <= N).then_some(Mt {
            state: words,
            index,
            gauss_next,
        })
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(k + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: 53 random bits in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.getrandbits(k)` for k <= 64.
    pub fn getrandbits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return (self.next_u32() >> (32 - k)) as u64;
        }
        let low = self.next_u32() as u64;
        let high = (self.next_u32() >> (64 - k.min(64))) as u64;
        low | (high << 32)
    }

    /// A uniform integer in [0, n) by rejection, as CPython's
    /// `_randbelow_with_getrandbits`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_cpython_for_a_str_seed() {
        // python3 -c "import random; random.seed('shoal'); print(random.random())"
        assert_eq!(Mt::from_bytes_seed(b"shoal").random(), 0.46927235184615024);
        // Leading zero bytes make a smaller int.
        // python3 -c "import random; random.seed(b'\0\0\0\0\0x'); print(random.random())"
        assert_eq!(
            Mt::from_bytes_seed(b"\0\0\0\0\0x").random(),
            0.23262509104741158
        );
    }

    #[test]
    fn matches_cpython_for_seed_42() {
        // python3 -c "import random; random.seed(42); print(random.random(), random.getrandbits(32))"
        let mut mt = Mt::from_seed(42);
        assert_eq!(mt.random(), 0.6394267984578837);
        assert_eq!(mt.getrandbits(32), 107_420_369);
        // python3: random.seed(2**40 + 5), random.seed(-7), random.seed(0)
        assert_eq!(Mt::from_seed((1 << 40) + 5).random(), 0.5043802970418443);
        assert_eq!(Mt::from_seed(-7).random(), 0.32383276483316237);
        assert_eq!(Mt::from_seed(0).random(), 0.8444218515250481);
    }
}
