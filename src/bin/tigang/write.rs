//! Writing files without losing them (README, "Safety").
//!
//! Every file tigang writes goes to a temporary file in its destination's
//! folder, is flushed to disk and renamed over the destination, so that a
//! reader sees the old file or the new one, never part of one. The temporary
//! file
//!
//! - is created unnamed on Linux (`O_TMPFILE`) and given a name only just
//!   before the rename, so that even SIGKILL leaves nothing behind; elsewhere
//!   (or on a file system without `O_TMPFILE`) it is `.NAME.tigang-PID-N.tmp`;
//! - is readable by its owner only (0600) until it has the mode it is meant to have;
//! - is removed on every error, and on SIGINT, SIGTERM and SIGHUP: a thread
//!   waits for those signals once the first temporary file has a name,
//!   removes every named one, then lets the signal end the process.
//!
//! [`replace`] (`fmt --write`) keeps the replaced file's mode, owner and
//! group (where the system permits) and extended attributes (ACLs are
//! extended attributes on Linux), and refuses a file that changed after it
//! was read. [`create`] (`parse -o`) never writes through a symbolic link.
//!
//! In debug builds (what `cargo test` runs), and only there, two environment
//! variables exist for the tests (`tests/cli_safety.rs`); a release binary
//! has no such hooks:
//! `TIGANG_TEST_PAUSE_AT=link|rename` with `TIGANG_TEST_PAUSE_FLAG=PATH`
//! creates `PATH` at that step and waits until it is removed, so that a
//! test can kill the process or change the file there;
//! `TIGANG_TEST_FAIL_AT=rename` fails at that step.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use crate::report::{io_message, shown};

/// A file named for `fmt --write`, resolved and checked before it is read.
#[derive(Debug)]
pub struct Original {
    /// The file itself: symbolic links resolved.
    pub path: PathBuf,
    /// Whether the name given was a symbolic link (messages name both).
    pub via_link: bool,
    meta: fs::Metadata,
}

/// Resolves `path` for replacing: a symbolic link is followed to the file
/// it names, which is what gets written (the link stays a link); anything
/// but a regular file with one name is refused.
pub fn resolve(path: &Path) -> Result<Original, String> {
    let name = shown(path);
    let real = fs::canonicalize(path).map_err(|e| io_message(path, &e))?;
    let meta = fs::symlink_metadata(&real).map_err(|e| io_message(path, &e))?;
    if meta.is_dir() {
        return Err(format!("{name}: is a directory; give a text file"));
    }
    if !meta.is_file() {
        return Err(format!(
            "{name}: not a regular file; --write replaces regular files only"
        ));
    }
    if meta.nlink() > 1 {
        return Err(format!(
            "{name}: has {} hard links; replacing it would leave the other names with the old text, \
             so --write refuses (`tigang fmt {name}` prints the result) / 该文件有多个硬链接，未改写",
            meta.nlink()
        ));
    }
    let via_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    Ok(Original {
        path: real,
        via_link,
        meta,
    })
}

/// Replaces `orig` with `bytes` atomically, keeping its mode, owner and
/// group where permitted, and extended attributes. Returns notes for what
/// could not be kept (another user's ownership, an attribute the system
/// refused); the file is written all the same.
pub fn replace(orig: &Original, bytes: &[u8]) -> Result<Vec<String>, String> {
    let name = shown(&orig.path);
    let unchanged = |when: &str| -> Result<(), String> {
        let now = fs::symlink_metadata(&orig.path).map_err(|e| {
            format!("{name}: cannot read it again {when}: {e}; nothing was changed")
        })?;
        // The ctime too: an edit can keep the size and put the mtime back
        // (`touch -r`, `cp -p`), but cannot set the ctime.
        let same = now.dev() == orig.meta.dev()
            && now.ino() == orig.meta.ino()
            && now.len() == orig.meta.len()
            && now.mtime() == orig.meta.mtime()
            && now.mtime_nsec() == orig.meta.mtime_nsec()
            && now.ctime() == orig.meta.ctime()
            && now.ctime_nsec() == orig.meta.ctime_nsec();
        if same {
            Ok(())
        } else {
            Err(format!(
                "{name}: changed while tigang was working on it; nothing was changed (run again)"
            ))
        }
    };
    unchanged("before writing")?;
    let mut notes = Vec::new();
    let meta = &orig.meta;
    let finish = |file: &File, notes: &mut Vec<String>| -> io::Result<()> {
        notes.clear();
        if std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            let group = std::os::unix::fs::fchown(file, None, Some(meta.gid())).is_ok();
            notes.push(format!(
                "{name}: now belongs to you{}: only its owner or root can keep user {}'s ownership",
                if group { "" } else { " and your group" },
                meta.uid()
            ));
        }
        file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))?;
        for attr in xattr::copy(&orig.path, file) {
            notes.push(format!(
                "{name}: extended attribute {attr} could not be kept"
            ));
        }
        Ok(())
    };
    let how = How {
        mode: 0o600,
        fresh: false,
        sync_later: false,
    };
    write_via_temp(&orig.path, bytes, how, &mut notes, &finish, &|| {
        unchanged("before renaming").map_err(io::Error::other)
    })
    .map_err(|e| format!("{name}: cannot write (the file is unchanged): {e}"))?;
    Ok(notes)
}

/// Writes `bytes` to `path` below the output folder `root` (`parse -o`),
/// atomically, creating the folders between them. Refuses a symbolic link
/// at `path` or at any folder below `root`, so that an output never lands
/// outside the folder it was meant for.
///
/// In a batch (`sync_later`) the folders are synced once, by
/// [`sync_folders`] at the end, rather than after every file: each output
/// is still whole or absent after a crash, since the file itself is synced
/// before it gets its name. Folders checked once are not checked again.
pub fn create(root: &Path, path: &Path, bytes: &[u8], sync_later: bool) -> Result<(), String> {
    // The folder named by `-o` may be a link; what is below it may not.
    if !folders::checked(root) {
        fs::create_dir_all(root)
            .map_err(|e| format!("{}: cannot create folder: {e}", shown(root)))?;
        folders::check(root);
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut at = root.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    let mut fresh = false;
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        if !last && folders::checked(&at) {
            continue;
        }
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "{}: is a symbolic link; tigang does not write through links in the output folder",
                    shown(&at)
                ));
            }
            Ok(m) if last && m.is_dir() => {
                return Err(format!("{}: is a directory", shown(&at)));
            }
            Ok(m) if last && !m.is_file() => {
                return Err(format!("{}: exists and is not a regular file", shown(&at)));
            }
            Ok(m) if !last && !m.is_dir() => {
                return Err(format!("{}: exists and is not a folder", shown(&at)));
            }
            Ok(_) if !last => folders::check(&at),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound && !last => {
                match fs::create_dir(&at) {
                    Ok(()) => {}
                    // Another worker made it meanwhile: checked on the next round.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                        if !fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) {
                            return Err(format!("{}: exists and is not a folder", shown(&at)));
                        }
                    }
                    Err(e) => return Err(format!("{}: cannot create folder: {e}", shown(&at))),
                }
                folders::check(&at);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fresh = true,
            Err(e) => return Err(format!("{}: {e}", shown(&at))),
        }
    }
    let mut notes = Vec::new();
    let how = How {
        // New outputs get the usual mode of a new file (0666 less the umask).
        mode: 0o666,
        fresh,
        sync_later,
    };
    write_via_temp(path, bytes, how, &mut notes, &|_, _| Ok(()), &|| Ok(()))
        .map_err(|e| format!("{}: cannot write: {e}", shown(path)))
}

/// Syncs the folders that [`create`] wrote into with `sync_later`, so that
/// the names it gave survive a crash. Errors are ignored as they are for a
/// single file: not every system can sync a folder.
pub fn sync_folders() {
    for dir in folders::unsynced() {
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
    }
}

/// The folders of this run's outputs: those checked (real folders, not
/// links) and those whose new names are not synced yet.
mod folders {
    use std::collections::HashSet;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    #[derive(Default)]
    struct Seen {
        checked: Option<HashSet<PathBuf>>,
        unsynced: Option<HashSet<PathBuf>>,
    }

    static SEEN: Mutex<Seen> = Mutex::new(Seen {
        checked: None,
        unsynced: None,
    });

    fn lock() -> std::sync::MutexGuard<'static, Seen> {
        SEEN.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn checked(dir: &Path) -> bool {
        lock().checked.as_ref().is_some_and(|c| c.contains(dir))
    }

    pub fn check(dir: &Path) {
        lock()
            .checked
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf());
    }

    pub fn sync_later(dir: &Path) {
        let mut seen = lock();
        let unsynced = seen.unsynced.get_or_insert_with(HashSet::new);
        if !unsynced.contains(dir) {
            unsynced.insert(dir.to_path_buf());
        }
    }

    pub fn unsynced() -> Vec<PathBuf> {
        lock()
            .unsynced
            .take()
            .map(|u| u.into_iter().collect())
            .unwrap_or_default()
    }
}

/// How [`write_via_temp`] writes.
#[derive(Clone, Copy)]
struct How {
    /// The mode of the new file.
    mode: u32,
    /// Nothing was at the destination when it was checked: an unnamed
    /// file may be linked there directly, which fails (and falls back to
    /// the rename) if something appeared meanwhile.
    fresh: bool,
    /// Leave the folder's sync to [`sync_folders`].
    sync_later: bool,
}

type Finish<'a> = dyn Fn(&File, &mut Vec<String>) -> io::Result<()> + 'a;
type Check<'a> = dyn Fn() -> io::Result<()> + 'a;

/// The common path: a temporary file beside `dest` (unnamed where the system
/// can), `bytes`, `finish` (ownership, mode, attributes), flushed to disk,
/// `check` once more, renamed over `dest`; the folder is synced so that the
/// rename survives a crash. A `fresh` destination takes the unnamed file's
/// first name directly (one change to the folder instead of two).
fn write_via_temp(
    dest: &Path,
    bytes: &[u8],
    how: How,
    notes: &mut Vec<String>,
    finish: &Finish<'_>,
    check: &Check<'_>,
) -> io::Result<()> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = dest
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?
        .to_string_lossy()
        .into_owned();
    let fill = |file: &mut File, notes: &mut Vec<String>| -> io::Result<()> {
        file.write_all(bytes)?;
        finish(file, notes)?;
        file.sync_all()
    };
    let mode = how.mode;
    let sync = || {
        if how.sync_later {
            folders::sync_later(&dir);
        } else if let Ok(d) = File::open(&dir) {
            // Make the rename itself durable; not every platform can open a folder.
            let _ = d.sync_all();
        }
    };
    let tmp = match unnamed::create(&dir, mode) {
        Some(mut file) => {
            let linked = fill(&mut file, notes).and_then(|()| {
                hook::pause("link");
                if how.fresh {
                    match unnamed::link_as(&file, dest) {
                        Ok(()) => return Ok(None),
                        // Taken meanwhile, or no /proc: the usual way.
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                        Err(e) => return Err(e),
                    }
                }
                temps::link(&file, &dir, &file_name).map(Some)
            });
            match linked {
                Ok(Some(tmp)) => tmp,
                Ok(None) => {
                    sync();
                    return Ok(());
                }
                // No /proc to link through: the named way, from the start.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    named(&dir, &file_name, mode, notes, &fill)?
                }
                Err(e) => return Err(e),
            }
        }
        None => named(&dir, &file_name, mode, notes, &fill)?,
    };
    let renamed = check()
        .and_then(|()| {
            hook::pause("rename");
            hook::fail("rename")
        })
        .and_then(|()| fs::rename(&tmp, dest));
    if let Err(e) = renamed {
        temps::remove(&tmp);
        return Err(e);
    }
    temps::forget(&tmp);
    sync();
    Ok(())
}

/// A named temporary file, filled; removed again if filling fails.
fn named(
    dir: &Path,
    file_name: &str,
    mode: u32,
    notes: &mut Vec<String>,
    fill: &dyn Fn(&mut File, &mut Vec<String>) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let (tmp, mut file) = temps::create_named(dir, file_name, mode)?;
    if let Err(e) = fill(&mut file, notes) {
        drop(file);
        temps::remove(&tmp);
        return Err(e);
    }
    Ok(tmp)
}

/// Unnamed temporary files (`O_TMPFILE`, Linux 3.11 and most file systems).
mod unnamed {
    use super::*;

    #[cfg(target_os = "linux")]
    pub fn create(dir: &Path, mode: u32) -> Option<File> {
        OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_TMPFILE)
            .mode(mode)
            .open(dir)
            .ok()
    }

    #[cfg(not(target_os = "linux"))]
    pub fn create(_dir: &Path, _mode: u32) -> Option<File> {
        None
    }

    /// Gives an unnamed file the name `dest`, which must not exist
    /// (`AlreadyExists` otherwise): the file appears whole or not at all.
    /// `NotFound` where there is no `/proc` to link through (or no Linux).
    #[cfg(target_os = "linux")]
    pub fn link_as(file: &File, dest: &Path) -> io::Result<()> {
        use std::ffi::CString;
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))
            .map_err(io::Error::other)?;
        let to = CString::new(dest.as_os_str().as_bytes()).map_err(io::Error::other)?;
        // SAFETY: two valid NUL-terminated paths; linkat reads them only.
        let r = unsafe {
            libc::linkat(
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                libc::AT_SYMLINK_FOLLOW,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn link_as(_file: &File, _dest: &Path) -> io::Result<()> {
        Err(io::ErrorKind::NotFound.into())
    }
}

/// The named temporary files of this process, removed by the signal thread.
mod temps {
    use super::*;

    pub struct Registry {
        paths: Vec<PathBuf>,
        /// A signal arrived: no new temporary file may get a name.
        dying: bool,
    }

    static LIVE: Mutex<Registry> = Mutex::new(Registry {
        paths: Vec::new(),
        dying: false,
    });

    fn lock() -> std::sync::MutexGuard<'static, Registry> {
        LIVE.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn candidates(dir: &Path, name: &str) -> impl Iterator<Item = PathBuf> {
        let pid = std::process::id();
        (0..100).map(move |n| dir.join(format!(".{name}.tigang-{pid}-{n}.tmp")))
    }

    /// Runs `make` on free temporary names (under the registry's lock, so
    /// that the signal thread sees every name that exists) until one is new.
    fn register(
        dir: &Path,
        name: &str,
        mut make: impl FnMut(&Path) -> io::Result<()>,
    ) -> io::Result<PathBuf> {
        signals::install();
        let mut live = lock();
        if live.dying {
            return Err(io::Error::other("interrupted"));
        }
        let mut last = None;
        for tmp in candidates(dir, name) {
            match make(&tmp) {
                Ok(()) => {
                    live.paths.push(tmp.clone());
                    return Ok(tmp);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
    }

    /// A new named file `.{name}.tigang-{pid}-{n}.tmp` in `dir`, never an existing one.
    pub fn create_named(dir: &Path, name: &str, mode: u32) -> io::Result<(PathBuf, File)> {
        let mut file = None;
        let tmp = register(dir, name, |tmp| {
            file = Some(
                OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(mode)
                    .open(tmp)?,
            );
            Ok(())
        })?;
        Ok((tmp, file.expect("opened")))
    }

    /// Gives an unnamed file a temporary name, for the rename.
    pub fn link(file: &File, dir: &Path, name: &str) -> io::Result<PathBuf> {
        register(dir, name, |tmp| unnamed::link_as(file, tmp))
    }

    /// Removes a temporary file that will not be renamed.
    pub fn remove(tmp: &Path) {
        let mut live = lock();
        let _ = fs::remove_file(tmp);
        live.paths.retain(|p| p != tmp);
    }

    /// Forgets a temporary file that has been renamed.
    pub fn forget(tmp: &Path) {
        lock().paths.retain(|p| p != tmp);
    }

    /// Removes every named temporary file and keeps the lock for good: the
    /// process is about to end.
    pub fn remove_all_and_hold() -> std::sync::MutexGuard<'static, Registry> {
        let mut live = lock();
        live.dying = true;
        for p in live.paths.drain(..) {
            let _ = fs::remove_file(p);
        }
        live
    }
}

/// SIGINT, SIGTERM and SIGHUP: remove the temporary files, then end as the
/// signal would have.
mod signals {
    use super::*;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    pub fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("tigang-signals".into())
                .spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        let _held = super::temps::remove_all_and_hold();
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                        std::process::exit(128 + sig);
                    }
                });
        });
    }
}

/// Copying extended attributes (Linux; elsewhere nothing is copied).
mod xattr {
    use super::*;

    /// Copies every extended attribute of `from` to `to`; returns the names
    /// of those that could not be set.
    #[cfg(target_os = "linux")]
    pub fn copy(from: &Path, to: &File) -> Vec<String> {
        use std::ffi::CString;
        use std::os::fd::AsRawFd;
        use std::os::unix::ffi::OsStrExt;
        let Ok(path) = CString::new(from.as_os_str().as_bytes()) else {
            return Vec::new();
        };
        // SAFETY (all calls below): valid NUL-terminated strings and buffers
        // of the lengths passed.
        let len = unsafe { libc::llistxattr(path.as_ptr(), std::ptr::null_mut(), 0) };
        if len <= 0 {
            return Vec::new();
        }
        let mut names = vec![0u8; len as usize];
        let len =
            unsafe { libc::llistxattr(path.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
        if len <= 0 {
            return Vec::new();
        }
        names.truncate(len as usize);
        let mut failed = Vec::new();
        for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
            let Ok(cname) = CString::new(name) else {
                continue;
            };
            let copied = (|| {
                let size = unsafe {
                    libc::lgetxattr(path.as_ptr(), cname.as_ptr(), std::ptr::null_mut(), 0)
                };
                if size < 0 {
                    return false;
                }
                let mut value = vec![0u8; size as usize];
                let size = unsafe {
                    libc::lgetxattr(
                        path.as_ptr(),
                        cname.as_ptr(),
                        value.as_mut_ptr().cast(),
                        value.len(),
                    )
                };
                if size < 0 {
                    return false;
                }
                let r = unsafe {
                    libc::fsetxattr(
                        to.as_raw_fd(),
                        cname.as_ptr(),
                        value.as_ptr().cast(),
                        size as usize,
                        0,
                    )
                };
                r == 0
            })();
            if !copied {
                failed.push(String::from_utf8_lossy(name).into_owned());
            }
        }
        failed
    }

    #[cfg(not(target_os = "linux"))]
    pub fn copy(_from: &Path, _to: &File) -> Vec<String> {
        Vec::new()
    }
}

/// The release build's hooks: none.
#[cfg(not(debug_assertions))]
mod hook {
    #[inline(always)]
    pub fn pause(_: &str) {}

    #[inline(always)]
    pub fn fail(_: &str) -> std::io::Result<()> {
        Ok(())
    }
}

/// The test-only hooks of the module docs (debug builds only).
#[cfg(debug_assertions)]
mod hook {
    use std::io;

    /// Creates the flag file and waits until it is removed (at most 30 s).
    pub fn pause(step: &str) {
        if std::env::var_os("TIGANG_TEST_PAUSE_AT").is_none_or(|s| s != step) {
            return;
        }
        let Some(flag) = std::env::var_os("TIGANG_TEST_PAUSE_FLAG") else {
            return;
        };
        if std::fs::write(&flag, step).is_err() {
            return;
        }
        let start = std::time::Instant::now();
        while std::path::Path::new(&flag).exists() && start.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    pub fn fail(step: &str) -> io::Result<()> {
        if std::env::var_os("TIGANG_TEST_FAIL_AT").is_some_and(|s| s == step) {
            return Err(io::Error::other(format!(
                "failure injected at {step} (TIGANG_TEST_FAIL_AT)"
            )));
        }
        Ok(())
    }
}
