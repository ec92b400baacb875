//! `shoal corewar`: pMARS's command line, run by Shoal's MARS.

use std::io::Write;
use std::path::Path;

use crate::asm::{Severity, assemble_file_in_order};
use crate::battle::{Battle, Observer};
use crate::options::{self, USAGE};
use crate::report;

/// What a run did, for callers that check it (tests, benchmarks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The exit status.
    pub status: i32,
    /// Instructions executed in all rounds.
    pub executed: u64,
}

struct Tracer<'a> {
    out: &'a mut dyn Write,
    coresize: u32,
    failed: bool,
}

impl Observer for Tracer<'_> {
    fn execute(&mut self, _warrior: usize, pc: u32, instruction: &crate::Instruction) {
        if !self.failed
            && writeln!(
                self.out,
                "{}",
                report::trace_line(pc, instruction, self.coresize)
            )
            .is_err()
        {
            self.failed = true;
        }
    }
}

/// Runs `pmars ARGS` with warrior paths relative to `base`; writes what
/// pMARS writes to `out` (standard output) and `err` (standard error).
pub fn run(args: &[String], base: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let opts = match options::parse(args) {
        Ok(o) => o,
        Err(msg) => {
            let _ = write!(err, "{USAGE}");
            if !msg.is_empty() {
                let _ = writeln!(err, "\n{msg}");
            }
            return Outcome {
                status: if msg.is_empty() { 0 } else { 1 },
                executed: 0,
            };
        }
    };
    let n = opts.files.len();
    let mut warriors = Vec::with_capacity(n);
    for (i, file) in opts.files.iter().enumerate() {
        let path = base.join(file);
        let assembled = match assemble_file_in_order(&path, &opts.settings, n, i == 0) {
            Ok(a) => a,
            Err(e) => {
                for d in &e.diagnostics {
                    let _ = writeln!(err, "{d}");
                }
                let errors = e
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                let _ = writeln!(
                    err,
                    "{}: {} error(s), not assembled",
                    path.display(),
                    errors.max(1)
                );
                return Outcome {
                    status: 1,
                    executed: 0,
                };
            }
        };
        for w in &assembled.warnings {
            let _ = writeln!(err, "{w}");
        }
        if !opts.brief {
            let _ = write!(
                out,
                "{}",
                report::listing(&assembled.warrior, opts.settings.coresize)
            );
        }
        warriors.push(assembled.warrior);
    }
    if opts.settings.rounds == 0 {
        return Outcome::default();
    }
    let seed = opts.seed.seed();
    let mut battle = match Battle::new(warriors, opts.settings.clone(), seed) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return Outcome {
                status: 1,
                executed: 0,
            };
        }
    };
    if opts.trace {
        let mut tracer = Tracer {
            out,
            coresize: opts.settings.coresize,
            failed: false,
        };
        let mut budget = u64::MAX;
        battle.run_observed(&mut budget, &mut tracer);
    } else {
        battle.run_to_end();
    }
    let _ = write!(
        out,
        "{}",
        report::results(&battle, &opts.score_formula, opts.koth, opts.sort)
    );
    Outcome {
        status: 0,
        executed: battle.executed(),
    }
}
