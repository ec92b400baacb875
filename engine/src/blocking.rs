//! Calls with no async form (file I/O, name lookup) run on a small pool
//! of OS threads while the calling tasklet parks; the result comes back
//! through the reactor's `mio::Waker`, so the scheduler's thread never
//! blocks on them.
//!
//! ```
//! use shoal_engine::{Scheduler, blocking::call};
//!
//! let _s = Scheduler::new();
//! let len = call("read file", || std::fs::read("Cargo.toml").map(|b| b.len())).unwrap();
//! assert!(len.unwrap() > 0);
//! ```

use std::io;
use std::rc::Rc;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use crate::error::TaskletResult;
use crate::reactor::{self, Direction, IoKey, SourceKind, SourceLabel};

/// Threads in the pool (shared by every scheduler of the process).
pub const POOL_THREADS: usize = 4;

type Job = Box<dyn FnOnce() + Send>;

fn pool() -> io::Result<&'static Mutex<mpsc::Sender<Job>>> {
    static POOL: OnceLock<Mutex<mpsc::Sender<Job>>> = OnceLock::new();
    if let Some(p) = POOL.get() {
        return Ok(p);
    }
    let (tx, rx) = mpsc::channel::<Job>();
    let rx = Arc::new(Mutex::new(rx));
    for i in 0..POOL_THREADS {
        let rx = rx.clone();
        std::thread::Builder::new()
            .name(format!("shoal-blocking-{i}"))
            .spawn(move || {
                loop {
                    let job = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                }
            })?;
    }
    Ok(POOL.get_or_init(|| Mutex::new(tx)))
}

/// A call running on the pool; its tasklet waits on [`BlockingCall::key`].
pub struct BlockingCall<T> {
    key: IoKey,
    slot: Arc<Mutex<Option<T>>>,
}

impl<T: Send + 'static> BlockingCall<T> {
    /// Starts `f` on the pool. `what` names the call for introspection.
    pub fn start(what: &str, f: impl FnOnce() -> T + Send + 'static) -> io::Result<Self> {
        let key = reactor::register_virtual(SourceLabel {
            kind: SourceKind::Call,
            local: None,
            peer: None,
            what: Some(Rc::from(what)),
        })?;
        let call = BlockingCall {
            key,
            slot: Arc::new(Mutex::new(None)),
        };
        let (waker, done) = reactor::pool_waker()?;
        let slot = call.slot.clone();
        let job: Job = Box::new(move || {
            let result = f();
            if let Ok(mut s) = slot.lock() {
                *s = Some(result);
            }
            if let Ok(mut d) = done.lock() {
                d.push(key);
            }
            let _ = waker.wake();
        });
        pool()?
            .lock()
            .map_err(|_| io::Error::other("the blocking pool is poisoned"))?
            .send(job)
            .map_err(|_| io::Error::other("the blocking pool has stopped"))?;
        Ok(call)
    }

    /// The reactor key the caller parks on ([`crate::wait_io_soft`] with
    /// [`Direction::Read`]).
    pub fn key(&self) -> IoKey {
        self.key
    }

    /// The result, once the call has finished.
    pub fn try_take(&self) -> Option<T> {
        self.slot.lock().ok().and_then(|mut s| s.take())
    }

    /// Parks the calling (native or main) tasklet until the result is in.
    pub fn wait(self) -> TaskletResult<T> {
        loop {
            if let Some(v) = self.try_take() {
                return Ok(v);
            }
            reactor::wait_io(self.key, Direction::Read, None)?;
        }
    }
}

impl<T> Drop for BlockingCall<T> {
    fn drop(&mut self) {
        reactor::release(self.key);
    }
}

/// Runs `f` on the pool and parks the calling tasklet until it returns.
pub fn call<T: Send + 'static>(
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> TaskletResult<T> {
    BlockingCall::start(what, f)?.wait()
}
