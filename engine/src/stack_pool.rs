//! Stacks for native tasklets, kept in a pool for reuse.
//!
//! Mapping a guarded stack costs two system calls (~10 µs); taking one from
//! the pool costs a `Vec::pop`. Each stack is reserved address space with a
//! guard page below it: only the pages a tasklet touches use memory.
//! Linux's default `vm.max_map_count` (65,530) allows about 32,000 guarded
//! stacks in one process, which caps the number of live native tasklets.

use corosensei::stack::{DefaultStack, Stack};

/// Default size of a native tasklet's stack: address space reserved, not
/// memory used. A caught panic with `RUST_BACKTRACE=1` needs ~22 KiB.
pub const DEFAULT_STACK_SIZE: usize = 256 * 1024;

/// Idle stacks kept for reuse by default; more are unmapped when returned.
pub const DEFAULT_POOL_LIMIT: usize = 4096;

/// A pool of guarded stacks of one size.
pub(crate) struct StackPool {
    size: usize,
    limit: usize,
    idle: Vec<DefaultStack>,
    /// Stacks mapped so far (for statistics).
    mapped: usize,
}

impl StackPool {
    pub(crate) fn new(size: usize, limit: usize) -> Self {
        StackPool {
            size,
            limit,
            idle: Vec::new(),
            mapped: 0,
        }
    }

    /// A stack from the pool, or a freshly mapped one.
    pub(crate) fn take(&mut self) -> std::io::Result<DefaultStack> {
        match self.idle.pop() {
            Some(stack) => Ok(stack),
            None => {
                let stack = DefaultStack::new(self.size)?;
                self.mapped += 1;
                Ok(stack)
            }
        }
    }

    /// Returns a stack whose coroutine has finished.
    pub(crate) fn give(&mut self, stack: DefaultStack) {
        if self.idle.len() < self.limit {
            self.idle.push(stack);
        } else {
            self.mapped -= 1;
        }
    }

    /// Stacks mapped and not yet unmapped.
    pub(crate) fn mapped(&self) -> usize {
        self.mapped
    }

    /// Stacks waiting in the pool.
    pub(crate) fn idle(&self) -> usize {
        self.idle.len()
    }

    /// The size of each stack, in bytes.
    pub(crate) fn stack_size(&self) -> usize {
        self.size
    }
}

/// The guard page at the bottom of a stack's mapping: corosensei's
/// `limit()` is the start of the mapping, whose first page is the guard.
pub(crate) fn guard_range(stack: &DefaultStack) -> (usize, usize) {
    let start = stack.limit().get();
    (start, start + page_size())
}

pub(crate) fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 { size as usize } else { 4096 }
}
