//! The one way attune writes a file outside SQLite (exports, backups, rescue files):
//! a private temporary file beside the target, fsync, rename, so a target is whole or old.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Write `path` through `fill`, all or nothing: the bytes go to a new 0600 file in the
/// same folder, are flushed to disk, and only then replace the target by a rename. An
/// error or a kill at any moment leaves the old target as it was (a symlink to a file
/// is replaced, never followed). The target ends up 0600 whatever it was before.
pub fn write_atomic(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // A device, pipe or terminal (`-o /dev/stdout`, a FIFO), or a link to one, is
    // written into: replacing it with a file would break it, and there is no old
    // content to keep whole.
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = OpenOptions::new().write(true).open(path)?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        return out.flush();
    }
    let dir = parent(path);
    let temp = temp_name(path);
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)?;
        let mut out = BufWriter::with_capacity(1 << 16, WriteBehind::new(file));
        fill(&mut out)?;
        let file = out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?
            .file;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A new file written through, asking the kernel to start writing each few
/// megabytes to disk as soon as they are written (without waiting for it), so the
/// disk works while the rest is made and the final fsync waits only for the tail: a
/// 150 MB export otherwise spends its last third of a second in fsync. The fsync
/// still decides whether the file is on disk, and reports any write error.
struct WriteBehind {
    file: File,
    /// Bytes written, and how many of them the kernel was asked to start writing.
    written: u64,
    started: u64,
}

/// How many written bytes make the kernel start writing them.
const WRITE_BEHIND: u64 = 8 << 20;

impl WriteBehind {
    fn new(file: File) -> WriteBehind {
        WriteBehind {
            file,
            written: 0,
            started: 0,
        }
    }

    fn start_writing(&mut self) -> io::Result<()> {
        if self.written - self.started < WRITE_BEHIND {
            return Ok(());
        }
        start_writeback(&self.file, self.started, self.written - self.started)?;
        self.started = self.written;
        Ok(())
    }
}

/// Ask the kernel to start writing `len` bytes of `file` from `from` to disk (0: to
/// its end), without waiting for them. Only a head start for a later fsync, which
/// still decides and reports whether they are on disk.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, from: u64, len: u64) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: a plain system call on an open descriptor; it reads no memory of ours.
    let done = unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            from as libc::off64_t,
            len as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        )
    };
    if done != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _from: u64, _len: u64) -> io::Result<()> {
    Ok(())
}

impl Write for WriteBehind {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        self.start_writing()?;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// `write_atomic` for bytes already in memory.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic(path, |out| out.write_all(bytes))
}

/// Make sure a private folder exists (0700 when created). A file in its place is
/// reported as such, with what to do, instead of "File exists (os error 17)".
pub fn private_dir(dir: &Path) -> io::Result<()> {
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
    {
        Ok(()) => Ok(()),
        Err(e) if dir.exists() && !dir.is_dir() => Err(io::Error::new(
            e.kind(),
            format!(
                "{} is a file, not a folder; move it aside (or choose another folder) and try again",
                dir.display()
            ),
        )),
        Err(e) => Err(e),
    }
}

/// Flush a folder's entries (a rename or a new file) to disk.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A hidden name beside the target, unique within this process and across processes.
fn temp_name(path: &Path) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "attune".to_string());
    parent(path).join(format!(
        ".{name}.{}-{}.partial",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}
