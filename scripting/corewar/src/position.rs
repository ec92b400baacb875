//! Where warriors are loaded: pMARS's random number generator, its
//! placement of warriors and its seeds.

use crate::asm::Warrior;

/// pMARS's random number generator (Park and Miller's "minimal
/// standard", integer version 2), on 64-bit integers as pMARS computes
/// it on Linux.
pub fn rng(seed: i64) -> i64 {
    let t = 16807i64
        .wrapping_mul(seed % 127_773)
        .wrapping_sub(2836i64.wrapping_mul(seed / 127_773));
    if t < 0 { t + 2_147_483_647 } else { t }
}

/// The checksum of the warriors' code that `-f` seeds from.
pub fn checksum(warriors: &[Warrior]) -> i64 {
    let mut shuffle: i64 = 0;
    let mut sum: i64 = 0;
    for w in warriors {
        for i in &w.code {
            let opcode = i64::from((i.opcode as u8) << 3 | i.modifier as u8);
            let fields = [
                opcode,
                i64::from(i.a_mode.pmars_code()),
                i64::from(i.b_mode.pmars_code()),
                i64::from(i.a),
                i64::from(i.b),
            ];
            for f in fields {
                sum = sum.wrapping_add(f ^ shuffle);
                shuffle += 1;
            }
        }
    }
    sum
}

/// Places warriors 1.. for a round of three or more (warrior 0 is at 0):
/// pMARS's `posit`, falling back to `npos` when it cannot find room.
pub fn place_many(positions: &mut [u32], seed: &mut i64, coresize: u32, distance: u32) {
    if !posit(positions, seed, coresize, distance) {
        npos(positions, seed, coresize, distance);
    }
}

fn posit(positions: &mut [u32], seed: &mut i64, coresize: u32, distance: u32) -> bool {
    let warriors = positions.len();
    let span = i64::from(coresize) - 2 * i64::from(distance) + 1;
    let (mut pos, mut retries1, mut retries2) = (1usize, 20, 4);
    while pos < warriors {
        *seed = rng(*seed);
        positions[pos] = (*seed % span + i64::from(distance)) as u32;
        let clash = (1..pos).find(|&i| {
            (i64::from(positions[pos]) - i64::from(positions[i])).abs() < i64::from(distance)
        });
        match clash {
            None => pos += 1,
            Some(i) => {
                if retries2 == 0 {
                    return false;
                }
                if retries1 == 0 {
                    pos = i;
                    retries2 -= 1;
                    retries1 = 20;
                } else {
                    retries1 -= 1;
                }
            }
        }
    }
    true
}

fn npos(positions: &mut [u32], seed: &mut i64, coresize: u32, distance: u32) {
    let warriors = positions.len();
    let room = i64::from(coresize) - i64::from(distance) * warriors as i64 + 1;
    for i in 1..warriors {
        *seed = rng(*seed);
        let temp = (*seed % room) as u32;
        let mut j = i - 1;
        while j > 0 {
            if temp > positions[j] {
                break;
            }
            positions[j + 1] = positions[j];
            j -= 1;
        }
        positions[j + 1] = temp;
    }
    let mut add = distance;
    for p in positions.iter_mut().skip(1) {
        *p += add;
        add += distance;
    }
    for i in 1..warriors {
        *seed = rng(*seed);
        let j = (*seed % (warriors - i) as i64) as usize + i;
        positions.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_from_a_fixed_seed() {
        // corewar.md: `-F 4000` puts warrior 2 at 4000, 3398, 1376, 5987,
        // 5790, 3395 in rounds 1 to 6.
        let (coresize, d) = (8000i64, 100i64);
        let mut seed = 4000 - d;
        let mut got = Vec::new();
        for _ in 0..6 {
            got.push(d + seed % (coresize + 1 - 2 * d));
            seed = rng(seed);
        }
        assert_eq!(got, vec![4000, 3398, 1376, 5987, 5790, 3395]);
    }

    #[test]
    fn many_warriors_keep_their_distance() {
        let mut seed = 12345;
        for _ in 0..200 {
            let mut p = vec![0u32; 5];
            place_many(&mut p, &mut seed, 8000, 100);
            for i in 0..5 {
                for j in 0..i {
                    let d = (i64::from(p[i]) - i64::from(p[j])).abs();
                    assert!(d >= 100, "{p:?}");
                }
            }
        }
    }
}
