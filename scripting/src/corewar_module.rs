//! The `corewar` script module: assemble Redcode and hold battles with
//! pMARS's options, so tournaments, evolvers and hill rules can be
//! written as scripts. The work is `shoal-corewar`'s; the script part
//! (`corewar.py`) gives it a Python face.

use shoal_corewar::{Battle, assemble, assemble_in_order, options, report};

use crate::builtins::{expect_str, new_list, new_str, new_tuple};
use crate::heap::Obj;
use crate::module::{Kwargs, NativeModule, NativeResult, arity, ok};
use crate::value::Value;
use crate::vm::Vm;

/// The most work one `corewar.battle` call may do, in instructions
/// (rounds x (cycles x warriors + core size), bounded before it starts):
/// about ten seconds; longer series are split by the script.
pub const MAX_BATTLE_WORK: u64 = 1_000_000_000;
/// The largest core a script's battle may have (its memory is outside
/// the script heap).
pub const MAX_SCRIPT_CORESIZE: u32 = 1 << 20;
/// The most processes a warrior may have in a script's battle.
pub const MAX_SCRIPT_PROCESSES: u32 = 1 << 20;

/// The module, to register in a VM.
pub fn module() -> NativeModule {
    NativeModule::new("corewar")
        .function("_assemble", cw_assemble)
        .function("_battle", cw_battle)
        .prelude("<corewar>", include_str!("corewar.py"))
}

/// pMARS options from a string (no warrior files).
fn parse_options(
    vm: &mut Vm,
    text: &str,
    files: usize,
) -> Result<options::Options, crate::vm::Exc> {
    let mut args: Vec<String> = text.split_whitespace().map(String::from).collect();
    for i in 0..files.max(1) {
        args.push(format!("<warrior {}>", i + 1));
    }
    options::parse(&args)
        .map_err(|e| vm.error("ValueError", format!("bad Core War options {text:?}: {e}")))
}

fn strings(vm: &mut Vm, v: Value, what: &str) -> Result<Vec<String>, crate::vm::Exc> {
    let items = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::List(items) | Obj::Tuple(items) => items.clone(),
            _ => return Err(vm.error("TypeError", format!("{what} must be a list of str"))),
        },
        _ => return Err(vm.error("TypeError", format!("{what} must be a list of str"))),
    };
    items
        .into_iter()
        .map(|x| expect_str(vm, x, what).map(|s| s.to_string()))
        .collect()
}

/// `_assemble(source, filename, options)` -> `(name, author, length,
/// start, listing, warnings)`; ValueError with the assembler's messages.
fn cw_assemble(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_assemble", &args, 3, 3)?;
    let source = expect_str(vm, args[0], "source")?;
    let file = expect_str(vm, args[1], "filename")?;
    let opts = expect_str(vm, args[2], "options")?;
    let o = parse_options(vm, &opts, 1)?;
    match assemble(&source, &file, &o.settings, 1) {
        Err(e) => Err(vm.error("ValueError", e.to_string())),
        Ok(a) => {
            let w = a.warrior;
            let listing = report::listing(&w, o.settings.coresize);
            let warnings: Vec<String> = a.warnings.iter().map(|d| d.to_string()).collect();
            let items = vec![
                new_str(vm, &w.name),
                new_str(vm, &w.author),
                Value::Int(w.code.len() as i64),
                Value::Int(i64::from(w.start)),
                new_str(vm, &listing),
                new_str(vm, &warnings.join("\n")),
            ];
            ok(new_tuple(vm, items))
        }
    }
}

/// `_battle(sources, filenames, options)` -> `(names, scores, results,
/// executed, text)`: `results[i]` is pMARS's score array of warrior `i`
/// (rounds survived with 1, 2, ... alive, then deaths), `text` what
/// pMARS would print.
fn cw_battle(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_battle", &args, 3, 3)?;
    let sources = strings(vm, args[0], "warriors")?;
    let files = strings(vm, args[1], "filenames")?;
    let opts = expect_str(vm, args[2], "options")?;
    if sources.is_empty() {
        return Err(vm.error("ValueError", "a battle needs at least one warrior"));
    }
    let o = parse_options(vm, &opts, sources.len())?;
    if o.settings.coresize > MAX_SCRIPT_CORESIZE || o.settings.processes > MAX_SCRIPT_PROCESSES {
        return Err(vm.error(
            "ValueError",
            format!(
                "a script's battle may have a core of at most {MAX_SCRIPT_CORESIZE} cells and \
                 {MAX_SCRIPT_PROCESSES} processes a warrior"
            ),
        ));
    }
    let work = u64::from(o.settings.rounds).saturating_mul(
        o.settings
            .cycles
            .saturating_mul(sources.len() as u64)
            .saturating_add(u64::from(o.settings.coresize)),
    );
    if work > MAX_BATTLE_WORK {
        return Err(vm.error(
            "ValueError",
            format!(
                "a battle of {} rounds of {} cycles for {} warriors in a core of {} may cost \
                 {work} instructions, more than one call may ({MAX_BATTLE_WORK}): fight fewer \
                 rounds per call",
                o.settings.rounds,
                o.settings.cycles,
                sources.len(),
                o.settings.coresize
            ),
        ));
    }
    let mut warriors = Vec::new();
    for (i, src) in sources.iter().enumerate() {
        let file = files
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("<warrior {}>", i + 1));
        match assemble_in_order(src, &file, &o.settings, sources.len(), i == 0) {
            Ok(a) => warriors.push(a.warrior),
            Err(e) => return Err(vm.error("ValueError", e.to_string())),
        }
    }
    let seed = o.seed.seed();
    let mut battle = Battle::new(warriors, o.settings.clone(), seed)
        .map_err(|e| vm.error("ValueError", e.to_string()))?;
    battle.run_to_end();
    let scores = report::scores(&battle, &o.score_formula);
    let text = report::results(&battle, &o.score_formula, o.koth, o.sort);
    let n = battle.fighters().len();
    let mut names = Vec::with_capacity(n);
    let mut result_values = Vec::with_capacity(n);
    for f in battle.fighters() {
        names.push(new_str(vm, &f.warrior.name));
        let row = f.score[..2 * n - 1]
            .iter()
            .map(|v| Value::Int(i64::from(*v)))
            .collect();
        result_values.push(new_list(vm, row));
    }
    let items = vec![
        new_list(vm, names),
        new_list(vm, scores.into_iter().map(Value::Int).collect()),
        new_list(vm, result_values),
        Value::Int(battle.executed() as i64),
        new_str(vm, &text),
    ];
    ok(new_tuple(vm, items))
}
