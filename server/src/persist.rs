//! The server's data directory: autosaved world snapshots (written
//! atomically, the newest K kept), loading the newest one that is valid,
//! and the admin token.
//!
//! Snapshots are named `snapshot-TICK.ron` with the tick zero-padded, so
//! their names sort by age. Each is written to a temporary file, synced
//! and renamed ([`crate::snapshot::write_atomically`]): a crash mid-write
//! leaves the previous snapshot as the newest, never half a file.

use std::io;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::Sim;
use crate::snapshot::{SnapshotError, write_atomically};

/// The file, in the data directory, holding a generated admin token.
pub const TOKEN_FILE: &str = "admin.token";

/// The server's data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    dir: PathBuf,
}

/// A world loaded from a snapshot, and the snapshot's file.
pub type Loaded = (Sim, PathBuf);

/// A snapshot that could not be loaded and was skipped.
#[derive(Debug)]
pub struct Skipped {
    /// Its file.
    pub path: PathBuf,
    /// Why.
    pub error: SnapshotError,
    /// Where it was moved (out of the snapshots' names, kept for
    /// inspection), if it could be.
    pub moved_to: Option<PathBuf>,
}

/// The suffix a snapshot that does not load gets.
pub const UNLOADABLE: &str = ".unloadable";

impl DataDir {
    /// Opens (creating if need be) the data directory at `dir`, removing
    /// the temporary files of saves a crash interrupted.
    pub fn open(dir: &Path) -> io::Result<DataDir> {
        std::fs::create_dir_all(dir)?;
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let interrupted = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".snapshot-") && n.contains(".ron.tmp"));
            if interrupted {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(DataDir {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The snapshot file for `tick`.
    pub fn snapshot_path(&self, tick: u64) -> PathBuf {
        self.dir.join(format!("snapshot-{tick:012}.ron"))
    }

    /// The snapshots in the directory, oldest first.
    pub fn snapshots(&self) -> io::Result<Vec<PathBuf>> {
        let mut found: Vec<(u64, PathBuf)> = Vec::new();
        for entry in std::fs::read_dir(&self.dir)? {
            let path = entry?.path();
            let tick = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix("snapshot-"))
                .and_then(|n| n.strip_suffix(".ron"))
                .and_then(|n| n.parse::<u64>().ok());
            if let Some(tick) = tick {
                found.push((tick, path));
            }
        }
        found.sort();
        Ok(found.into_iter().map(|(_, p)| p).collect())
    }

    /// Saves `sim` as the snapshot of its tick and removes all but the
    /// newest `keep`. Returns the file written.
    pub fn save(&self, sim: &Sim, keep: usize) -> Result<PathBuf, SnapshotError> {
        let text = sim.save()?;
        let path = self.snapshot_path(sim.tick_count());
        write_atomically(&path, &text)
            .map_err(|e| SnapshotError::Io(path.display().to_string(), e))?;
        self.prune(keep, &path)
            .map_err(|e| SnapshotError::Io(self.dir.display().to_string(), e))?;
        Ok(path)
    }

    /// Removes all but the newest `keep` snapshots (at least one stays),
    /// never `just_written`.
    pub fn prune(&self, keep: usize, just_written: &Path) -> io::Result<()> {
        let all: Vec<PathBuf> = self
            .snapshots()?
            .into_iter()
            .filter(|p| p != just_written)
            .collect();
        let extra = all.len().saturating_sub(keep.max(1) - 1);
        for old in &all[..extra] {
            std::fs::remove_file(old)?;
        }
        Ok(())
    }

    /// Loads the newest snapshot that loads, newest first; the ones
    /// skipped on the way (damaged, truncated, another format) are
    /// renamed with [`UNLOADABLE`] appended (so that they never count as
    /// newer than what the server saves next) and returned with why.
    /// `None` when there is no loadable snapshot.
    ///
    /// Loading needs a thread with no scheduler (see [`Sim::load`]).
    pub fn load_newest(
        &self,
        embedded: Rc<[(String, String)]>,
    ) -> io::Result<(Option<Loaded>, Vec<Skipped>)> {
        let mut skipped = Vec::new();
        for path in self.snapshots()?.into_iter().rev() {
            match Sim::load_from(&path, embedded.clone()) {
                Ok(sim) => return Ok((Some((sim, path)), skipped)),
                Err(error) => {
                    let aside = PathBuf::from(format!("{}{UNLOADABLE}", path.display()));
                    let moved_to = std::fs::rename(&path, &aside).ok().map(|()| aside);
                    skipped.push(Skipped {
                        path,
                        error,
                        moved_to,
                    })
                }
            }
        }
        Ok((None, skipped))
    }

    /// The admin token: `configured` if given; else the one in
    /// `DATA_DIR/admin.token`, generated (and written with mode 0600)
    /// if there is none. The path is returned when the token is in it.
    pub fn admin_token(&self, configured: Option<&str>) -> io::Result<(String, Option<PathBuf>)> {
        if let Some(t) = configured {
            return Ok((t.to_string(), None));
        }
        let path = self.dir.join(TOKEN_FILE);
        if let Ok(text) = std::fs::read_to_string(&path) {
            let t = text.trim();
            if t.len() >= 16 && !t.chars().any(char::is_whitespace) {
                return Ok((t.to_string(), Some(path)));
            }
        }
        let token = new_token()?;
        write_private(&path, &format!("{token}\n"))?;
        Ok((token, Some(path)))
    }
}

/// 32 random hex digits from the operating system's generator.
fn new_token() -> io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes `text` to `path` readable by its owner only.
fn write_private(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    // A file made earlier with wider permissions is narrowed too.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("shoal-persist-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn snapshots_sort_by_tick_and_only_k_stay() {
        let d = temp_dir("prune");
        let data = DataDir::open(&d).expect("dir");
        for t in [5u64, 100, 20, 7] {
            std::fs::write(data.snapshot_path(t), "x").expect("write");
        }
        std::fs::write(d.join("notes.txt"), "not a snapshot").expect("write");
        let names: Vec<String> = data
            .snapshots()
            .expect("list")
            .iter()
            .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "snapshot-000000000005.ron",
                "snapshot-000000000007.ron",
                "snapshot-000000000020.ron",
                "snapshot-000000000100.ron"
            ]
        );
        data.prune(2, &data.snapshot_path(100)).expect("prune");
        assert_eq!(data.snapshots().expect("list").len(), 2);
        assert!(data.snapshot_path(100).exists() && data.snapshot_path(20).exists());
        // What was just written stays, even when higher ticks are there.
        std::fs::write(data.snapshot_path(500), "x").expect("write");
        data.prune(1, &data.snapshot_path(20)).expect("prune");
        let left = data.snapshots().expect("list");
        assert_eq!(left, vec![data.snapshot_path(20)]);
        assert!(d.join("notes.txt").exists());
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn a_generated_token_is_private_and_kept() {
        let d = temp_dir("token");
        let data = DataDir::open(&d).expect("dir");
        let (t1, path) = data.admin_token(None).expect("token");
        assert_eq!(t1.len(), 32);
        let path = path.expect("written to a file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let (t2, _) = data.admin_token(None).expect("token");
        assert_eq!(t1, t2, "the token is reused, not regenerated");
        let (t3, p3) = data
            .admin_token(Some("configured-token-123"))
            .expect("token");
        assert_eq!((t3.as_str(), p3), ("configured-token-123", None));
        let _ = std::fs::remove_dir_all(&d);
    }
}
