//! The parameters of a battle, with pMARS's defaults (the '94 hill's).

use serde::{Deserialize, Serialize};

/// The most warriors in one battle (pMARS's limit).
pub const MAX_WARRIORS: usize = 36;
/// The longest a warrior may be, whatever `max_length` says.
pub const MAX_INSTRUCTIONS: u32 = 1000;
/// The largest core pMARS accepts.
pub const MAX_CORESIZE: u32 = 1 << 30;

/// What pMARS's options set: core, limits and rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Cells in core (`-s`).
    pub coresize: u32,
    /// Cycles per warrior before a round is a tie (`-c`): the round counts
    /// down `warriors x cycles` executions.
    pub cycles: u64,
    /// Processes per warrior (`-p`).
    pub processes: u32,
    /// Longest warrior (`-l`).
    pub max_length: u32,
    /// Least distance between warriors (`-d`); 0 means `max_length`.
    pub min_distance: u32,
    /// P-space cells per warrior (`-S`); 0 means the largest divisor of
    /// `coresize` not above `coresize/16`, as pMARS picks.
    pub pspace_size: u32,
    /// Rounds to fight (`-r`).
    pub rounds: u32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            coresize: 8000,
            cycles: 80_000,
            processes: 8000,
            max_length: 100,
            min_distance: 0,
            pspace_size: 0,
            rounds: 1,
        }
    }
}

impl Settings {
    /// The distance between warriors in effect.
    pub fn distance(&self) -> u32 {
        if self.min_distance == 0 {
            self.max_length
        } else {
            self.min_distance
        }
    }

    /// The P-space size in effect.
    pub fn pspace(&self) -> u32 {
        if self.pspace_size != 0 {
            return self.pspace_size;
        }
        (1..=16)
            .rev()
            .find(|i| self.coresize.is_multiple_of(*i))
            .map_or(1, |i| self.coresize / i)
    }

    /// Checks the settings for `warriors` warriors, with pMARS's messages.
    pub fn check(&self, warriors: usize) -> Result<(), String> {
        if self.coresize == 0 || self.coresize > MAX_CORESIZE {
            return Err(format!("Core size must be in the range 1 - {MAX_CORESIZE}"));
        }
        if self.cycles == 0 {
            return Err("Cycles must be at least 1".into());
        }
        if self.processes == 0 {
            return Err("Processes must be at least 1".into());
        }
        if self.max_length == 0 || self.max_length > MAX_INSTRUCTIONS {
            return Err(format!(
                "Warrior length must be in the range 1 - {MAX_INSTRUCTIONS}"
            ));
        }
        let max_distance = MAX_CORESIZE / MAX_WARRIORS as u32;
        if self.min_distance > max_distance {
            return Err(format!(
                "Warrior distance must be in the range 1 - {max_distance}"
            ));
        }
        if self.distance() < self.max_length {
            return Err("Warrior distance cannot be smaller than warrior length".into());
        }
        if warriors > MAX_WARRIORS {
            return Err(format!("Too many warriors (at most {MAX_WARRIORS})"));
        }
        if u64::from(self.coresize) < warriors as u64 * u64::from(self.distance()) {
            return Err("Core size is too small".into());
        }
        if self.pspace() > self.coresize {
            return Err("P-space is bigger than core".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_derived_values() {
        let s = Settings::default();
        assert_eq!(s.distance(), 100);
        assert_eq!(s.pspace(), 500);
        let odd = Settings {
            coresize: 8191,
            ..Settings::default()
        };
        // 8191 is prime: no divisor up to 16 but 1.
        assert_eq!(odd.pspace(), 8191);
        let s55440 = Settings {
            coresize: 55440,
            ..Settings::default()
        };
        assert_eq!(s55440.pspace(), 3465);
        assert!(s.check(2).is_ok());
        assert!(
            Settings {
                coresize: 150,
                ..Settings::default()
            }
            .check(2)
            .is_err()
        );
    }
}
