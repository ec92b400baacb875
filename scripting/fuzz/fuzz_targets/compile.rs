//! Any bytes: the lexer, parser and compiler return an error or code,
//! and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(module) = shoal_scripting::parse_module(&text) {
        let mut codes = Vec::new();
        let _ = shoal_scripting::compiler::compile_module(&module, "fuzz.py", &mut codes);
    }
});
