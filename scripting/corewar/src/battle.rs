//! The MARS: a battle between warriors, round after round, exactly as
//! pMARS runs it.
//!
//! A [`Battle`] is data (core, process queues, P-spaces, scores, the
//! random seed), so it can be run a few instructions at a time
//! ([`Battle::run`] with a budget), saved with serde and resumed. Inside
//! a round the living warriors take turns, one instruction each, in the
//! order of their numbers starting with the round's first mover (warrior
//! 1 in round 1, the next one each round after).

use serde::{Deserialize, Serialize};

use crate::asm::Warrior;
use crate::instr::{Instruction, Mode, Modifier, Opcode};
use crate::position::{checksum, place_many, rng};
use crate::settings::Settings;

/// Executions a melee round may run on after pMARS's cycle count has
/// gone below zero (pMARS runs on until a warrior dies, for ever if none
/// does).
pub const OVERTIME: u64 = 10_000_000;

/// Where the first round's placement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Seed {
    /// `-F POS`: warrior 2 at `POS` in round 1.
    Position(u32),
    /// `-f`: from a checksum of the warriors' code.
    Checksum,
    /// A seed for pMARS's generator (as the clock gives it).
    Random(i64),
}

/// A warrior's process queue: a ring of program counters, the next to
/// run first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Vec<u32>", into = "Vec<u32>")]
pub struct ProcessQueue {
    /// A power of two long (or empty).
    buf: Vec<u32>,
    head: usize,
    len: usize,
}

impl ProcessQueue {
    /// Processes queued.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether none is queued (the warrior is dead).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The program counters, the next to run first.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mask = self.buf.len().wrapping_sub(1);
        (0..self.len).map(move |k| self.buf[(self.head + k) & mask])
    }

    #[inline(always)]
    fn push(&mut self, pc: u32) {
        if self.len == self.buf.len() {
            self.grow();
        }
        let mask = self.buf.len() - 1;
        self.buf[(self.head + self.len) & mask] = pc;
        self.len += 1;
    }

    #[inline(always)]
    fn pop(&mut self) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let pc = self.buf[self.head];
        self.head = (self.head + 1) & (self.buf.len() - 1);
        self.len -= 1;
        Some(pc)
    }

    fn clear(&mut self) {
        self.head = 0;
        self.len = 0;
    }

    #[cold]
    fn grow(&mut self) {
        let old: Vec<u32> = self.iter().collect();
        let cap = (self.buf.len() * 2).max(64);
        self.buf = vec![0; cap];
        self.buf[..old.len()].copy_from_slice(&old);
        self.head = 0;
    }
}

impl From<Vec<u32>> for ProcessQueue {
    fn from(pcs: Vec<u32>) -> ProcessQueue {
        let mut q = ProcessQueue::default();
        for pc in pcs {
            q.push(pc);
        }
        q
    }
}

impl From<ProcessQueue> for Vec<u32> {
    fn from(q: ProcessQueue) -> Vec<u32> {
        q.iter().collect()
    }
}

/// A warrior in a battle: its code and how it fares.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fighter {
    pub warrior: Warrior,
    /// Where it was loaded this round.
    pub position: u32,
    /// Its processes, the next to run first.
    pub queue: ProcessQueue,
    /// pMARS's score array: `score[k]` counts rounds it survived with
    /// `k + 1` warriors alive; from `score[warriors]` on, the rounds it
    /// died in, by how many were alive then.
    pub score: Vec<u32>,
    /// Which P-space it uses.
    pub pspace: usize,
    /// P-space cell 0: the result of its last round.
    pub last_result: u32,
}

impl Fighter {
    /// Rounds it survived alone.
    pub fn wins(&self) -> u32 {
        self.score[0]
    }
}

/// What an [`Observer`] is told about.
pub trait Observer {
    /// `warrior` is about to execute `instruction` at `pc`.
    #[inline(always)]
    fn execute(&mut self, _warrior: usize, _pc: u32, _instruction: &Instruction) {}
    /// `warrior` wrote to the cell at `addr`.
    #[inline(always)]
    fn write(&mut self, _warrior: usize, _addr: u32) {}
    /// A round ended.
    #[inline(always)]
    fn round_end(&mut self, _round: u32) {}
}

/// An observer that sees nothing (the fast path).
pub struct Unobserved;
impl Observer for Unobserved {}

/// A battle: rounds of warriors in one core.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Battle {
    settings: Settings,
    fighters: Vec<Fighter>,
    core: Vec<Instruction>,
    pspaces: Vec<Vec<u32>>,
    seed: i64,
    /// The round running or next to run (1-based).
    round: u32,
    /// Who moves first this round.
    starter: usize,
    /// Living warriors in turn order (by number).
    live: Vec<usize>,
    /// Index into `live` of who moves next.
    turn: usize,
    /// Executions left in this round.
    cycle: u64,
    in_round: bool,
    /// pMARS's cycle count went below zero (a death on the last cycle of
    /// a melee round): the round goes on until one warrior is left, for
    /// at most another [`OVERTIME`] (or `warriors x cycles`) executions.
    #[serde(default)]
    overtime: bool,
    finished: bool,
    executed: u64,
}

/// Why a battle could not be set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupError(pub String);

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

impl Battle {
    /// Sets up a battle of `warriors` (assembled with the same
    /// `settings`), seeded by `seed`.
    pub fn new(
        warriors: Vec<Warrior>,
        settings: Settings,
        seed: Seed,
    ) -> Result<Battle, SetupError> {
        if warriors.is_empty() {
            return Err(SetupError("No warrior file specified".into()));
        }
        settings.check(warriors.len()).map_err(SetupError)?;
        for w in &warriors {
            if w.code.len() > settings.max_length as usize {
                return Err(SetupError(format!(
                    "{}: {} instructions, more than the length limit {}",
                    w.file,
                    w.code.len(),
                    settings.max_length
                )));
            }
            if w.code
                .iter()
                .any(|i| i.a >= settings.coresize || i.b >= settings.coresize)
            {
                return Err(SetupError(format!(
                    "{}: assembled for another core size",
                    w.file
                )));
            }
        }
        let distance = settings.distance();
        let seed = match seed {
            Seed::Position(f) => {
                if f != 0 && distance > f {
                    return Err(SetupError(
                        "Position of warrior #2 cannot be smaller than warrior distance".into(),
                    ));
                }
                i64::from(f) - i64::from(distance)
            }
            Seed::Checksum => rng(checksum(&warriors)),
            Seed::Random(s) => rng(s),
        };
        let n = warriors.len();
        // P-spaces: one each, shared by warriors with the same PIN.
        let mut index: Vec<Option<usize>> = vec![None; n];
        let mut spaces = 0;
        for i in 0..n {
            if index[i].is_some() {
                continue;
            }
            index[i] = Some(spaces);
            if let Some(pin) = warriors[i].pin {
                for j in i + 1..n {
                    if index[j].is_none() && warriors[j].pin.unwrap_or(0) == pin {
                        index[j] = Some(spaces);
                    }
                }
            }
            spaces += 1;
        }
        let psize = settings.pspace() as usize;
        let fighters = warriors
            .into_iter()
            .zip(index)
            .map(|(warrior, pspace)| Fighter {
                warrior,
                position: 0,
                queue: ProcessQueue::default(),
                score: vec![0; 2 * n],
                pspace: pspace.unwrap_or(0),
                last_result: settings.coresize - 1,
            })
            .collect();
        let mut core = Vec::new();
        core.try_reserve_exact(settings.coresize as usize)
            .map_err(|_| SetupError("Out of memory: the core does not fit".into()))?;
        core.resize(settings.coresize as usize, Instruction::EMPTY);
        Ok(Battle {
            core,
            pspaces: vec![vec![0; psize]; spaces],
            fighters,
            seed,
            round: 1,
            starter: 0,
            live: Vec::new(),
            turn: 0,
            cycle: 0,
            in_round: false,
            overtime: false,
            finished: settings.rounds == 0,
            executed: 0,
            settings,
        })
    }

    /// Checks a battle that was deserialized (from a file, a network)
    /// before running it: every address in core and queues, every index.
    pub fn validate(&self) -> Result<(), SetupError> {
        let bad = |what: &str| {
            Err(SetupError(format!(
                "a saved battle is inconsistent: {what}"
            )))
        };
        let n = self.fighters.len();
        let m = self.settings.coresize;
        if self.settings.check(n).is_err() || n == 0 {
            return bad("its settings");
        }
        if self.core.len() != m as usize || self.core.iter().any(|c| c.a >= m || c.b >= m) {
            return bad("its core");
        }
        let psize = self.settings.pspace() as usize;
        if self.pspaces.is_empty()
            || self
                .pspaces
                .iter()
                .any(|p| p.len() != psize || p.iter().any(|v| *v >= m))
        {
            return bad("its P-spaces");
        }
        for f in &self.fighters {
            if f.score.len() != 2 * n
                || f.pspace >= self.pspaces.len()
                || f.position >= m
                || f.warrior.start >= m
                || f.queue.len() > self.settings.processes as usize
                || f.queue.iter().any(|pc| pc >= m)
                || f.warrior.code.len() > self.settings.max_length as usize
                || f.warrior.code.iter().any(|c| c.a >= m || c.b >= m)
            {
                return bad("a warrior");
            }
        }
        if self.starter >= n {
            return bad("who starts");
        }
        if self.in_round {
            let mut seen = vec![false; n];
            for &w in &self.live {
                if w >= n || seen[w] || self.fighters[w].queue.is_empty() {
                    return bad("the living warriors");
                }
                seen[w] = true;
            }
            if self.live.is_empty() || self.turn >= self.live.len() || self.cycle == 0 {
                return bad("the turn");
            }
        }
        Ok(())
    }

    /// The settings it runs under.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The warriors, in the order given.
    pub fn fighters(&self) -> &[Fighter] {
        &self.fighters
    }

    /// The core.
    pub fn core(&self) -> &[Instruction] {
        &self.core
    }

    /// The round running, or next to run (1-based); past the last when
    /// finished.
    pub fn round(&self) -> u32 {
        self.round
    }

    /// Whether a round is under way.
    pub fn in_round(&self) -> bool {
        self.in_round
    }

    /// Executions left in the round.
    pub fn cycles_left(&self) -> u64 {
        self.cycle
    }

    /// Whether every round has been fought.
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// Instructions executed so far, in all rounds.
    pub fn executed(&self) -> u64 {
        self.executed
    }

    /// The warrior that moves next, if a round is under way.
    pub fn next_warrior(&self) -> Option<usize> {
        self.in_round.then(|| self.live[self.turn])
    }

    /// Runs to the end.
    pub fn run_to_end(&mut self) {
        let mut budget = u64::MAX;
        self.run(&mut budget);
    }

    /// Executes at most `*budget` instructions, taking from the budget
    /// what it used; returns whether the battle is over.
    pub fn run(&mut self, budget: &mut u64) -> bool {
        self.run_observed(budget, &mut Unobserved)
    }

    /// [`Battle::run`], telling `observer` what happens.
    pub fn run_observed<O: Observer>(&mut self, budget: &mut u64, observer: &mut O) -> bool {
        while !self.finished && *budget > 0 {
            if !self.in_round {
                self.start_round();
            }
            let done = self.run_round(budget, observer);
            if done {
                self.end_round();
                observer.round_end(self.round - 1);
            }
        }
        self.finished
    }

    /// Loads the next round (placement, core, processes) if none is
    /// under way, so that it can be shown before its first instruction.
    pub fn prepare_round(&mut self) {
        if !self.in_round && !self.finished {
            self.start_round();
        }
    }

    fn start_round(&mut self) {
        let n = self.fighters.len();
        let coresize = self.settings.coresize;
        let distance = self.settings.distance();
        if n == 2 {
            let span = i64::from(coresize) + 1 - 2 * i64::from(distance);
            self.fighters[1].position = (i64::from(distance) + self.seed % span) as u32;
            self.seed = rng(self.seed);
        } else if n > 2 {
            let mut positions: Vec<u32> = self.fighters.iter().map(|f| f.position).collect();
            place_many(&mut positions, &mut self.seed, coresize, distance);
            for (f, p) in self.fighters.iter_mut().zip(positions) {
                f.position = p;
            }
        }
        self.core.fill(Instruction::EMPTY);
        for f in &mut self.fighters {
            let pos = f.position as usize;
            for (k, instr) in f.warrior.code.iter().enumerate() {
                self.core[(pos + k) % coresize as usize] = *instr;
            }
            f.queue.clear();
            f.queue.push(
                ((u64::from(f.position) + u64::from(f.warrior.start)) % u64::from(coresize)) as u32,
            );
        }
        self.live = (0..n).collect();
        self.turn = self.starter;
        // pMARS multiplies in 64 bits, wrapping.
        self.cycle = (n as u64).wrapping_mul(self.settings.cycles);
        self.overtime = self.cycle == 0;
        if self.overtime {
            self.cycle = self.settings.cycles.max(OVERTIME);
        }
        self.in_round = true;
    }

    fn end_round(&mut self) {
        let left = self.live.len() as u32;
        for f in &mut self.fighters {
            if f.queue.is_empty() {
                f.last_result = 0;
            } else {
                f.score[left as usize - 1] += 1;
                f.last_result = left;
            }
        }
        self.in_round = false;
        self.overtime = false;
        self.starter = (self.starter + 1) % self.fighters.len();
        self.round += 1;
        if self.round > self.settings.rounds {
            self.finished = true;
        }
    }

    /// Runs the round until it ends (true) or the budget is spent.
    fn run_round<O: Observer>(&mut self, budget: &mut u64, observer: &mut O) -> bool {
        let m = self.settings.coresize;
        let max_processes = self.settings.processes as usize;
        let psize = self.pspaces.first().map_or(1, |p| p.len() as u32);
        let warriors = self.fighters.len();
        let core = &mut self.core[..];
        let start_budget = *budget;
        let mut cycle = self.cycle;
        let mut turn = self.turn;
        let mut remaining = *budget;
        let ended = loop {
            if remaining == 0 {
                break false;
            }
            remaining -= 1;
            let w = self.live[turn];
            let fighter = &mut self.fighters[w];
            let Some(pc) = fighter.queue.pop() else {
                // Only a battle that skipped `validate` gets here: end
                // the round rather than run a warrior with no process.
                break true;
            };
            let ir = core[pc as usize];
            observer.execute(w, pc, &ir);
            let add = |x: u32, y: u32| {
                let s = x + y;
                if s >= m { s - m } else { s }
            };
            // The operands, A then B (A's side effects come first).
            let (addr_a, aa, a_b) = operand(core, &ir, ir.a_mode, ir.a, pc, m, w, observer);
            let (addr_b, ab, b_b) = operand(core, &ir, ir.b_mode, ir.b, pc, m, w, observer);
            let next = add(pc, 1);
            let skip = add(pc, 2);
            use Modifier as M;
            use Opcode as O;
            // What happens to the process: Some(address) to queue it, None
            // when it dies.
            let outcome: Option<u32> = match ir.opcode {
                O::Mov => {
                    if ir.modifier == M::I {
                        let mut copy = core[addr_a as usize];
                        copy.b = a_b;
                        copy.a = aa;
                        core[addr_b as usize] = copy;
                    } else {
                        let b = &mut core[addr_b as usize];
                        match ir.modifier {
                            M::A => b.a = aa,
                            M::B => b.b = a_b,
                            M::AB => b.b = aa,
                            M::BA => b.a = a_b,
                            M::F => {
                                b.a = aa;
                                b.b = a_b;
                            }
                            M::X | M::I => {
                                b.b = aa;
                                b.a = a_b;
                            }
                        }
                    }
                    observer.write(w, addr_b);
                    Some(next)
                }
                O::Add | O::Sub | O::Mul => {
                    let op = ir.opcode;
                    let f = |x: u32, y: u32| arith(op, x, y, m);
                    let b = &mut core[addr_b as usize];
                    match ir.modifier {
                        M::A => b.a = f(ab, aa),
                        M::B => b.b = f(b_b, a_b),
                        M::AB => b.b = f(b_b, aa),
                        M::BA => b.a = f(ab, a_b),
                        M::F | M::I => {
                            b.a = f(ab, aa);
                            b.b = f(b_b, a_b);
                        }
                        M::X => {
                            b.b = f(b_b, aa);
                            b.a = f(ab, a_b);
                        }
                    }
                    observer.write(w, addr_b);
                    Some(next)
                }
                O::Div | O::Mod => {
                    let op = ir.opcode;
                    let f = |x: u32, y: u32| arith(op, x, y, m);
                    observer.write(w, addr_b);
                    let b = &mut core[addr_b as usize];
                    match ir.modifier {
                        M::A => (aa != 0).then(|| b.a = f(ab, aa)).map(|_| next),
                        M::B => (a_b != 0).then(|| b.b = f(b_b, a_b)).map(|_| next),
                        M::AB => (aa != 0).then(|| b.b = f(b_b, aa)).map(|_| next),
                        M::BA => (a_b != 0).then(|| b.a = f(ab, a_b)).map(|_| next),
                        M::F | M::I => {
                            if aa != 0 {
                                b.a = f(ab, aa);
                            }
                            if a_b != 0 {
                                b.b = f(b_b, a_b);
                            }
                            (aa != 0 && a_b != 0).then_some(next)
                        }
                        M::X => {
                            if a_b != 0 {
                                b.a = f(ab, a_b);
                            }
                            if aa != 0 {
                                b.b = f(b_b, aa);
                            }
                            (aa != 0 && a_b != 0).then_some(next)
                        }
                    }
                }
                O::Jmp => Some(addr_a),
                O::Jmz => {
                    let zero = match ir.modifier {
                        M::A | M::BA => ab == 0,
                        M::B | M::AB => b_b == 0,
                        M::F | M::X | M::I => ab == 0 && b_b == 0,
                    };
                    Some(if zero { addr_a } else { next })
                }
                O::Jmn => {
                    let nonzero = match ir.modifier {
                        M::A | M::BA => ab != 0,
                        M::B | M::AB => b_b != 0,
                        M::F | M::X | M::I => ab != 0 || b_b != 0,
                    };
                    Some(if nonzero { addr_a } else { next })
                }
                O::Djn => {
                    let b = &mut core[addr_b as usize];
                    let dec = |v: &mut u32| *v = if *v == 0 { m - 1 } else { *v - 1 };
                    let stop = match ir.modifier {
                        M::A | M::BA => {
                            dec(&mut b.a);
                            ab == 1
                        }
                        M::B | M::AB => {
                            dec(&mut b.b);
                            b_b == 1
                        }
                        M::F | M::X | M::I => {
                            dec(&mut b.b);
                            dec(&mut b.a);
                            ab == 1 && b_b == 1
                        }
                    };
                    observer.write(w, addr_b);
                    Some(if stop { next } else { addr_a })
                }
                O::Cmp | O::Seq | O::Sne => {
                    let equal = match ir.modifier {
                        M::A => ab == aa,
                        M::B => b_b == a_b,
                        M::AB => b_b == aa,
                        M::BA => ab == a_b,
                        M::F => ab == aa && b_b == a_b,
                        M::X => b_b == aa && ab == a_b,
                        M::I => {
                            let (x, y) = (&core[addr_a as usize], &core[addr_b as usize]);
                            x.opcode == y.opcode
                                && x.modifier == y.modifier
                                && x.a_mode == y.a_mode
                                && x.b_mode == y.b_mode
                                && ab == aa
                                && b_b == a_b
                        }
                    };
                    let jump = if ir.opcode == O::Sne { !equal } else { equal };
                    Some(if jump { skip } else { next })
                }
                O::Slt => {
                    let less = match ir.modifier {
                        M::A => aa < ab,
                        M::B => a_b < b_b,
                        M::AB => aa < b_b,
                        M::BA => a_b < ab,
                        M::F | M::I => aa < ab && a_b < b_b,
                        M::X => aa < b_b && a_b < ab,
                    };
                    Some(if less { skip } else { next })
                }
                O::Spl => {
                    let fighter = &mut self.fighters[w];
                    fighter.queue.push(next);
                    if fighter.queue.len() < max_processes {
                        fighter.queue.push(addr_a);
                    }
                    // Both queued already.
                    Some(u32::MAX)
                }
                O::Dat => None,
                O::Nop => Some(next),
                O::Ldp => {
                    let f = &self.fighters[w];
                    let space = &self.pspaces[f.pspace];
                    let get = |i: u32| {
                        let k = i % psize;
                        if k == 0 {
                            f.last_result
                        } else {
                            space[k as usize]
                        }
                    };
                    let b = &mut core[addr_b as usize];
                    match ir.modifier {
                        M::A => b.a = get(aa),
                        M::B | M::F | M::X | M::I => b.b = get(a_b),
                        M::AB => b.b = get(aa),
                        M::BA => b.a = get(a_b),
                    }
                    observer.write(w, addr_b);
                    Some(next)
                }
                O::Stp => {
                    let (index, value) = match ir.modifier {
                        M::A => (ab, aa),
                        M::B | M::F | M::X | M::I => (b_b, a_b),
                        M::AB => (b_b, aa),
                        M::BA => (ab, a_b),
                    };
                    let k = index % psize;
                    let f = &mut self.fighters[w];
                    if k == 0 {
                        f.last_result = value;
                    } else {
                        self.pspaces[f.pspace][k as usize] = value;
                    }
                    Some(next)
                }
            };
            let fighter = &mut self.fighters[w];
            match outcome {
                Some(u32::MAX) => {}
                Some(addr) => fighter.queue.push(addr),
                None => {}
            }
            if fighter.queue.is_empty() {
                // The warrior is dead.
                let left = self.live.len() as u64;
                fighter.score[self.live.len() + warriors - 2] += 1;
                if !self.overtime {
                    cycle = cycle - 1 - (cycle - 1) / left;
                }
                self.live.remove(turn);
                if self.live.len() < 2 {
                    break true;
                }
                if turn == self.live.len() {
                    turn = 0;
                }
                if cycle == 0 {
                    // pMARS's count goes below zero here: the round runs
                    // on until one warrior is left (for ever if none
                    // dies; Shoal stops after another OVERTIME executions,
                    // or warriors x cycles if that is more).
                    self.overtime = true;
                    cycle = (self.live.len() as u64)
                        .saturating_mul(self.settings.cycles)
                        .max(OVERTIME)
                        .saturating_add(1);
                }
            } else {
                turn += 1;
                if turn == self.live.len() {
                    turn = 0;
                }
            }
            cycle -= 1;
            if cycle == 0 {
                break true;
            }
        };
        self.cycle = cycle;
        self.turn = turn;
        self.executed += start_budget - remaining;
        *budget = remaining;
        ended
    }
}

/// The arithmetic of ADD, SUB, MUL, DIV and MOD on fields (DIV and MOD
/// by zero are checked by the caller).
#[inline(always)]
fn arith(op: Opcode, x: u32, y: u32, m: u32) -> u32 {
    match op {
        Opcode::Add => {
            let s = x + y;
            if s >= m { s - m } else { s }
        }
        Opcode::Sub => {
            if x >= y {
                x - y
            } else {
                x + m - y
            }
        }
        Opcode::Mul => ((u64::from(x) * u64::from(y)) % u64::from(m)) as u32,
        Opcode::Div => x / y,
        _ => x % y,
    }
}

/// Evaluates an operand of `ir` (at `pc`) with `mode` and `field`: its
/// address and the A- and B-fields found there, after any decrement and
/// before any increment of the pointer. An immediate operand is the
/// instruction itself.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
fn operand<O: Observer>(
    core: &mut [Instruction],
    ir: &Instruction,
    mode: Mode,
    field: u32,
    pc: u32,
    m: u32,
    w: usize,
    observer: &mut O,
) -> (u32, u32, u32) {
    let add = |x: u32, y: u32| {
        let s = x + y;
        if s >= m { s - m } else { s }
    };
    match mode {
        Mode::Immediate => (pc, ir.a, ir.b),
        Mode::Direct => {
            let t = add(field, pc);
            let c = &core[t as usize];
            (t, c.a, c.b)
        }
        mode => {
            let ptr = add(field, pc);
            let target = indirect(core, ptr, mode, m);
            if !matches!(mode, Mode::IndirectA | Mode::IndirectB) {
                observer.write(w, ptr);
            }
            let c = &core[target as usize];
            let (va, vb) = (c.a, c.b);
            post_increment(core, ptr, mode, m);
            (target, va, vb)
        }
    }
}

/// Resolves an indirect operand through the pointer cell at `ptr`
/// (decrementing its field first for `<` and `{`); returns the target.
#[inline(always)]
fn indirect(core: &mut [Instruction], ptr: u32, mode: Mode, m: u32) -> u32 {
    let cell = &mut core[ptr as usize];
    let field = match mode {
        Mode::IndirectA | Mode::PredecA | Mode::PostincA => &mut cell.a,
        _ => &mut cell.b,
    };
    if matches!(mode, Mode::PredecA | Mode::PredecB) {
        *field = if *field == 0 { m - 1 } else { *field - 1 };
    }
    let t = *field + ptr;
    if t >= m { t - m } else { t }
}

/// Increments the pointer cell's field after use for `>` and `}`.
#[inline(always)]
fn post_increment(core: &mut [Instruction], ptr: u32, mode: Mode, m: u32) {
    let cell = &mut core[ptr as usize];
    let field = match mode {
        Mode::PostincA => &mut cell.a,
        Mode::PostincB => &mut cell.b,
        _ => return,
    };
    *field += 1;
    if *field == m {
        *field = 0;
    }
}
