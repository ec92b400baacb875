//! pMARS's output: the listing of an assembled warrior, the results of a
//! battle, and the trace line of one instruction.

use std::fmt::Write;

use crate::asm::Warrior;
use crate::battle::Battle;
use crate::expr::Evaluator;
use crate::instr::Instruction;

/// An instruction as pMARS's listings and `cdb` show it (with its
/// trailing blanks).
pub fn cell(instruction: &Instruction, coresize: u32) -> String {
    format!("{}     ", instruction.display(coresize))
}

/// `Program "name" (length n) by "author"` and the listing, as pMARS
/// prints them when not in brief mode.
pub fn listing(w: &Warrior, coresize: u32) -> String {
    let mut out = format!(
        "Program \"{}\" (length {}) by \"{}\"\n\n",
        w.name,
        w.code.len(),
        w.author
    );
    if (w.start as usize) < w.code.len() {
        let _ = writeln!(out, "{:<6} {:>3}{:>3}  {:>6}", "", "ORG", "", "START");
    }
    for (i, instr) in w.code.iter().enumerate() {
        let label = if i == w.start as usize { "START" } else { "" };
        let _ = writeln!(out, "{label:<6} {}", cell(instr, coresize));
    }
    out.push('\n');
    out
}

/// One line of `--trace`: the cell about to execute, as `cdb` prints it
/// (an empty cell, `DAT.F $0, $0`, shows as nothing).
pub fn trace_line(pc: u32, instruction: &Instruction, coresize: u32) -> String {
    if *instruction == Instruction::EMPTY {
        format!("{pc:05}   ")
    } else {
        format!("{pc:05}   {}", cell(instruction, coresize))
    }
}

/// Each warrior's score under `formula` (`W` warriors, `S` survivors).
pub fn scores(battle: &Battle, formula: &str) -> Vec<i64> {
    let n = battle.fighters().len();
    let mut e = Evaluator::new();
    e.set_register('W', n as i64);
    battle
        .fighters()
        .iter()
        .map(|f| {
            let mut total: i64 = 0;
            for s in 1..=n {
                e.set_register('S', s as i64);
                let Ok(v) = e.eval(formula) else {
                    return i64::from(i32::MIN);
                };
                total = total.wrapping_add(i64::from(f.score[s - 1]).wrapping_mul(v.value));
            }
            // pMARS sums into a C int.
            i64::from(total as i32)
        })
        .collect()
}

/// Rounds a warrior died in.
pub fn deaths(battle: &Battle, warrior: usize) -> u32 {
    let n = battle.fighters().len();
    battle.fighters()[warrior].score[n..2 * n - 1].iter().sum()
}

/// The results as pMARS prints them: `-k` selects KotH's format, `sort`
/// (`-o`) orders warriors by score.
pub fn results(battle: &Battle, formula: &str, koth: bool, sort: bool) -> String {
    let n = battle.fighters().len();
    let f = battle.fighters();
    let scores = scores(battle, formula);
    let mut out = String::new();
    if koth {
        if n == 2 {
            let _ = writeln!(
                out,
                "{} {}\n{} {}",
                f[0].score[0], f[0].score[1], f[1].score[0], f[1].score[1]
            );
        } else {
            for i in 0..n {
                let _ = write!(out, "{} ", scores[i]);
                for j in 0..n {
                    let _ = write!(out, "{} ", f[i].score[j]);
                }
                let _ = writeln!(out, "{}", deaths(battle, i));
            }
        }
        return out;
    }
    let mut order: Vec<usize> = (0..n).collect();
    if sort {
        // pMARS's bubble sort, highest first, stable among equals.
        loop {
            let mut sorted = true;
            for i in 0..n.saturating_sub(1) {
                if scores[order[i]] < scores[order[i + 1]] {
                    order.swap(i, i + 1);
                    sorted = false;
                }
            }
            if sorted {
                break;
            }
        }
    }
    for &i in &order {
        let _ = writeln!(
            out,
            "{} by {} scores {}",
            f[i].warrior.name, f[i].warrior.author, scores[i]
        );
        if n > 2 {
            out.push_str("  Results:");
            for j in 0..n {
                let _ = write!(out, " {}", f[i].score[j]);
            }
            let _ = writeln!(out, " {}", deaths(battle, i));
        }
    }
    if n == 2 {
        let first = &f[order[0]];
        let _ = writeln!(
            out,
            "Results: {} {} {}",
            first.score[0], first.score[2], first.score[1]
        );
    }
    out
}
