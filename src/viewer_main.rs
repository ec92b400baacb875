//! `shoal-viewer`: the desktop viewer (see `viewer/` and
//! `shoal-viewer --help`).

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    shoal_viewer::cli::main()
}
