//! pMARS's command line: `[options] file1 file2 ...`, with its switches,
//! ranges and messages.
//!
//! Switches may be grouped (`-bk`); one that takes a value must come
//! last in its group and takes the next argument (`-r 100`, `-bF 4000`).
//! A switch without a value toggles (`-b -b` is off again).

use crate::expr::Evaluator;
use crate::settings::{MAX_CORESIZE, MAX_INSTRUCTIONS, MAX_WARRIORS, Settings};

/// pMARS's default score formula: `W` is the number of warriors, `S`
/// the number alive at the end of a round.
pub const DEFAULT_SCORE: &str = "(W*W-1)/S";

/// Where round 1's placement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedChoice {
    /// `-F N`.
    Position(u32),
    /// `-f`.
    Checksum,
    /// Neither: the clock.
    Clock,
}

impl SeedChoice {
    /// The battle's seed: `-F`, `-f`, or the clock's seconds (as pMARS
    /// takes `time(0)`).
    pub fn seed(self) -> crate::battle::Seed {
        use crate::battle::Seed;
        match self {
            SeedChoice::Position(f) => Seed::Position(f),
            SeedChoice::Checksum => Seed::Checksum,
            SeedChoice::Clock => Seed::Random(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_secs() as i64),
            ),
        }
    }
}

/// Everything a `pmars` command line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub settings: Settings,
    /// `-b`: no listing of the assembled warriors.
    pub brief: bool,
    /// `-k`: KotH's output format.
    pub koth: bool,
    /// `-o`: results sorted by score.
    pub sort: bool,
    pub seed: SeedChoice,
    /// `-=`: the score formula.
    pub score_formula: String,
    /// The warrior files, in order.
    pub files: Vec<String>,
    /// `--trace` (Shoal's own): one line per executed instruction.
    pub trace: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            settings: Settings::default(),
            brief: false,
            koth: false,
            sort: false,
            seed: SeedChoice::Clock,
            score_formula: DEFAULT_SCORE.into(),
            files: Vec::new(),
            trace: false,
        }
    }
}

/// The usage text.
pub const USAGE: &str = "\
Usage: shoal corewar [options] file1 [files ..]
Runs a Core War battle as pMARS 0.9.2 (with ICWS'94 extensions) runs it.
Options:
  -r #      Rounds to play [1]               -s #      Size of core [8000]
  -c #      Cycle until tie [80000]          -p #      Max. processes [8000]
  -l #      Max. warrior length [100]        -d #      Min. warriors distance
  -S #      Size of P-space [1/16th core]    -F #      Fixed position of warrior #2
  -f        Fixed position series            -b        Brief mode (no source listings)
  -k        Output in KotH format            -o        Print results sorted by score
  -= $      Score formula [(W*W-1)/S]        --trace   Print each executed instruction
";

/// Parses `args` (without the program name).
pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut f_seed: u32 = 0;
    let mut f_switch = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--trace" {
            o.trace = true;
            continue;
        }
        if arg == "--help" || arg == "-h" {
            return Err(String::new());
        }
        let bytes = arg.as_bytes();
        if bytes.len() > 1 && bytes[0] == b'-' {
            for (k, &c) in bytes.iter().enumerate().skip(1) {
                let last = k == bytes.len() - 1;
                match c {
                    b'b' => o.brief = !o.brief,
                    b'k' => o.koth = !o.koth,
                    b'o' => o.sort = !o.sort,
                    b'f' => f_switch = !f_switch,
                    b'r' | b's' | b'c' | b'p' | b'l' | b'd' | b'F' | b'S' | b'=' => {
                        let c = c as char;
                        if !last {
                            return Err(format!("Bad argument for \"-{c}\" switch"));
                        }
                        let Some(value) = it.next() else {
                            return Err(format!("Bad argument for \"-{c}\" switch"));
                        };
                        if c == '=' {
                            o.score_formula = value.clone();
                            break;
                        }
                        let (min, max): (u64, u64) = match c {
                            'r' => (0, i32::MAX as u64),
                            's' => (1, u64::from(MAX_CORESIZE)),
                            'c' => (1, i64::MAX as u64),
                            'p' => (1, i32::MAX as u64),
                            'l' => (1, u64::from(MAX_INSTRUCTIONS)),
                            'd' => (1, u64::from(MAX_CORESIZE) / MAX_WARRIORS as u64),
                            'F' => (0, u64::from(MAX_CORESIZE)),
                            _ => (1, u64::from(MAX_CORESIZE)),
                        };
                        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                            return Err(format!("Bad argument for \"-{c}\" switch"));
                        }
                        // atol saturates at LONG_MAX, as pMARS reads it.
                        let v = value
                            .parse::<u64>()
                            .unwrap_or(u64::MAX)
                            .min(i64::MAX as u64);
                        if v < min || v > max {
                            return Err(format!(
                                "Option \"-{c}\" value must be in the range {min} - {max}"
                            ));
                        }
                        let s = &mut o.settings;
                        match c {
                            'r' => s.rounds = v as u32,
                            's' => s.coresize = v as u32,
                            'c' => s.cycles = v,
                            'p' => s.processes = v as u32,
                            'l' => s.max_length = v as u32,
                            'd' => s.min_distance = v as u32,
                            'F' => f_seed = v as u32,
                            _ => s.pspace_size = v as u32,
                        }
                    }
                    other => {
                        let _ = other;
                        return Err(format!("Unknown option \"{arg}\""));
                    }
                }
            }
        } else {
            if o.files.len() >= MAX_WARRIORS {
                return Err(format!("Too many parameters \"{arg}\""));
            }
            o.files.push(arg.clone());
        }
    }
    if f_switch && f_seed != 0 {
        return Err("Only one of -f and -F can be given".into());
    }
    o.seed = if f_seed != 0 {
        SeedChoice::Position(f_seed)
    } else if f_switch {
        SeedChoice::Checksum
    } else {
        SeedChoice::Clock
    };
    if o.settings.min_distance != 0 && o.settings.min_distance < o.settings.max_length {
        return Err("Warrior distance cannot be smaller than warrior length".into());
    }
    if u64::from(o.settings.coresize) < o.files.len() as u64 * u64::from(o.settings.distance()) {
        return Err("Core size is too small".into());
    }
    if let SeedChoice::Position(f) = o.seed
        && o.settings.distance() > f
    {
        return Err("Position of warrior #2 cannot be smaller than warrior distance".into());
    }
    let mut e = Evaluator::new();
    e.set_register('W', o.files.len() as i64);
    for s in 1..=o.files.len().max(1) {
        e.set_register('S', s as i64);
        if e.eval(&o.score_formula).is_err() {
            return Err("Bad score formula".into());
        }
    }
    if o.settings.pspace() > o.settings.coresize {
        return Err("P-space is bigger than core".into());
    }
    if o.files.is_empty() {
        return Err("No warrior file specified".into());
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_pmars_switches() {
        let o = parse(&args("-b -r 100 -F 4000 rave.red aeka.red")).unwrap();
        assert!(o.brief);
        assert_eq!(o.settings.rounds, 100);
        assert_eq!(o.seed, SeedChoice::Position(4000));
        assert_eq!(o.files, vec!["rave.red", "aeka.red"]);
        let o = parse(&args("-bkr 5 -s 8192 -p 64 -l 200 -d 200 a b")).unwrap();
        assert!(o.brief && o.koth);
        assert_eq!(o.settings.rounds, 5);
        assert_eq!(o.settings.distance(), 200);
        let o = parse(&args("-b -b -f a b")).unwrap();
        assert!(!o.brief);
        assert_eq!(o.seed, SeedChoice::Checksum);
    }

    #[test]
    fn refuses_what_pmars_refuses() {
        assert!(
            parse(&args("-rb 5 a"))
                .unwrap_err()
                .contains("Bad argument")
        );
        assert!(
            parse(&args("-r -5 a"))
                .unwrap_err()
                .contains("Bad argument")
        );
        assert!(parse(&args("-l 2000 a")).unwrap_err().contains("range"));
        assert!(
            parse(&args("-f -F 300 a b"))
                .unwrap_err()
                .contains("-f and -F")
        );
        assert!(parse(&args("-d 50 a b")).unwrap_err().contains("distance"));
        assert!(
            parse(&args("-F 50 a b"))
                .unwrap_err()
                .contains("warrior #2")
        );
        assert!(parse(&args("-x a")).unwrap_err().contains("Unknown option"));
        assert!(parse(&args("-b")).unwrap_err().contains("No warrior"));
        assert!(
            parse(&args("-= W+ a"))
                .unwrap_err()
                .contains("score formula")
        );
        assert!(
            parse(&args("-s 150 a b"))
                .unwrap_err()
                .contains("too small")
        );
    }
}
