//! A clear message, naming the tasklet, when a native tasklet overflows its
//! stack.
//!
//! A stack overflow on a coroutine stack hits the guard page below it and
//! raises SIGSEGV, which Rust's own handler does not recognise (it only
//! knows thread stacks), so the process would die with a bare
//! "Segmentation fault". Shoal installs a SIGSEGV/SIGBUS handler, on an
//! alternate signal stack, that checks whether the faulting address lies in
//! the guard page of the native tasklet running on this thread. If it does,
//! it writes `shoal: tasklet #ID 'NAME' overflowed its stack (N KiB)` to
//! stderr and aborts. Any other fault goes to the handler that was there
//! before (Rust's), so ordinary crashes look as they always did.
//!
//! The handler only reads a thread-local record that the scheduler fills
//! in before each resume (guard range, id and name in a fixed buffer), and
//! only calls async-signal-safe functions (`write`, `abort`).

use std::cell::UnsafeCell;
use std::sync::Once;

/// What the signal handler needs to know about the running native tasklet.
struct Running {
    guard_lo: usize,
    guard_hi: usize,
    stack_size: usize,
    id: u64,
    /// The tasklet's name: points into its record, which outlives its run.
    name: *const u8,
    name_len: usize,
}

thread_local! {
    static RUNNING: UnsafeCell<Running> = const {
        UnsafeCell::new(Running {
            guard_lo: 0,
            guard_hi: 0,
            stack_size: 0,
            id: 0,
            name: std::ptr::null(),
            name_len: 0,
        })
    };
}

static INSTALL: Once = Once::new();
static mut PREVIOUS_SEGV: Option<libc::sigaction> = None;
static mut PREVIOUS_BUS: Option<libc::sigaction> = None;

/// Records which native tasklet is about to run on this thread. `name`
/// must stay valid while it runs (it lives in the tasklet's record).
pub(crate) fn set_running(guard: (usize, usize), stack_size: usize, id: u64, name: &str) {
    RUNNING.with(|cell| {
        // SAFETY: only this thread touches its record; the signal handler
        // runs on this thread and only reads.
        let running = unsafe { &mut *cell.get() };
        running.guard_lo = guard.0;
        running.guard_hi = guard.1;
        running.stack_size = stack_size;
        running.id = id;
        running.name = name.as_ptr();
        running.name_len = name.len();
    });
}

/// The running native tasklet was renamed: point at its new name.
pub(crate) fn rename_running(name: &str) {
    RUNNING.with(|cell| {
        // SAFETY: as in `set_running`.
        let running = unsafe { &mut *cell.get() };
        running.name = name.as_ptr();
        running.name_len = name.len();
    });
}

/// Records that no native tasklet runs on this thread.
pub(crate) fn clear_running() {
    RUNNING.with(|cell| {
        // SAFETY: as in `set_running`.
        let running = unsafe { &mut *cell.get() };
        running.guard_lo = 0;
        running.guard_hi = 0;
    });
}

/// Installs the handler once per process and makes sure this thread has an
/// alternate signal stack to run it on.
pub(crate) fn install() {
    INSTALL.call_once(|| {
        // SAFETY: plain sigaction calls; the previous handlers are saved
        // before ours can run, and only read by our handler.
        unsafe {
            PREVIOUS_SEGV = install_for(libc::SIGSEGV);
            PREVIOUS_BUS = install_for(libc::SIGBUS);
        }
    });
    ensure_alt_stack();
}

unsafe fn install_for(signal: libc::c_int) -> Option<libc::sigaction> {
    // SAFETY: zeroed sigaction is a valid "no handler" value; we fill it in.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler as *const () as usize;
        action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        let mut previous: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signal, &action, &mut previous) == 0 {
            Some(previous)
        } else {
            None
        }
    }
}

/// Rust gives the main thread and the threads it spawns an alternate
/// signal stack; a thread made some other way may have none.
fn ensure_alt_stack() {
    // SAFETY: querying and setting this thread's alternate stack; the stack
    // we map is leaked on purpose (it must outlive the thread's signals).
    unsafe {
        let mut current: libc::stack_t = std::mem::zeroed();
        if libc::sigaltstack(std::ptr::null(), &mut current) != 0 {
            return;
        }
        if current.ss_flags & libc::SS_DISABLE == 0 {
            return;
        }
        let size = 64 * 1024;
        let memory = libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if memory == libc::MAP_FAILED {
            return;
        }
        let stack = libc::stack_t {
            ss_sp: memory,
            ss_flags: 0,
            ss_size: size,
        };
        libc::sigaltstack(&stack, std::ptr::null_mut());
    }
}

fn write_stderr(bytes: &[u8]) {
    // SAFETY: write(2) is async-signal-safe.
    unsafe {
        libc::write(2, bytes.as_ptr().cast(), bytes.len());
    }
}

fn write_u64(mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    write_stderr(&buf[i..]);
}

extern "C" fn handler(signal: libc::c_int, info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let hit = RUNNING
        .try_with(|cell| {
            // SAFETY: read-only access to this thread's record.
            let running = unsafe { &*cell.get() };
            if running.guard_hi != 0 && addr >= running.guard_lo && addr < running.guard_hi {
                write_stderr(b"\nshoal: tasklet #");
                write_u64(running.id);
                if running.name_len > 0 {
                    write_stderr(b" '");
                    // SAFETY: the name outlives the tasklet's run (see `set_running`).
                    write_stderr(unsafe {
                        std::slice::from_raw_parts(running.name, running.name_len)
                    });
                    write_stderr(b"'");
                }
                write_stderr(b" overflowed its stack (");
                write_u64((running.stack_size / 1024) as u64);
                write_stderr(
                    b" KiB); give it a bigger stack (SchedulerConfig::stack_size) or recurse less\n",
                );
                true
            } else {
                false
            }
        })
        .unwrap_or(false);
    if hit {
        // SAFETY: abort is async-signal-safe.
        unsafe { libc::abort() };
    }
    // Not ours: hand over to the previous handler, or to the default action.
    // SAFETY: the previous actions were saved once before this handler was
    // installed and are never written again.
    unsafe {
        let previous = if signal == libc::SIGBUS {
            (*std::ptr::addr_of!(PREVIOUS_BUS)).as_ref()
        } else {
            (*std::ptr::addr_of!(PREVIOUS_SEGV)).as_ref()
        };
        match previous {
            Some(prev) if prev.sa_sigaction == libc::SIG_IGN => {}
            Some(prev) if prev.sa_sigaction != libc::SIG_DFL => {
                if prev.sa_flags & libc::SA_SIGINFO != 0 {
                    let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                        std::mem::transmute(prev.sa_sigaction);
                    f(signal, info, context);
                } else {
                    let f: extern "C" fn(libc::c_int) = std::mem::transmute(prev.sa_sigaction);
                    f(signal);
                }
            }
            _ => {
                // Restore the default action; returning re-executes the
                // faulting instruction, which now kills the process.
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }
}
