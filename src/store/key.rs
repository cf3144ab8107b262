//! The lock on an encrypted journal. A passphrase becomes a key once, with SQLCipher 4's
//! own derivation (PBKDF2-HMAC-SHA512, 256,000 iterations, the 16-byte salt SQLCipher
//! keeps at the start of the file); every connection then gets the derived key itself,
//! so opening the writer's, the search's and the check's connections costs no second
//! derivation. A journal keyed this way opens in any SQLCipher 4 with the passphrase,
//! `PRAGMA cipher_page_size = 16384` and `PRAGMA cipher_hmac_algorithm = HMAC_SHA256`
//! (see [`Pages`]).
//!
//! The passphrase and the key live only in memory that is wiped when dropped, are never
//! printed (Debug says only that there is one), and never reach the session, the
//! settings, an export or an error message.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

pub use crate::journal::MAX_PASSPHRASE;

/// SQLCipher 4's default key derivation, which attune keeps.
pub const KDF_ITERATIONS: u32 = 256_000;
const KEY_LEN: usize = 32;
const SALT_LEN: usize = 16;
/// How much WAL is written before it is folded back: SQLite's 1,000 pages of 4 KB.
const WAL_BYTES: u32 = 1000 * 4096;

/// What a person types to unlock their journal. Wiped from memory when dropped.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase as typed. Only a line ending is taken off, nothing else: spaces
    /// at either end are part of it.
    pub fn new(text: Zeroizing<String>) -> Passphrase {
        let mut text = text;
        while text.ends_with(['\n', '\r']) {
            text.pop();
        }
        Passphrase(text)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Why this cannot be a new passphrase, if it cannot: what the unlock screen could
    /// not take (too long, a control character such as Tab), or no lock at all.
    pub fn unfit(&self) -> Option<String> {
        if self.0.trim().is_empty() {
            Some("an empty passphrase, or one of only spaces, is no lock".into())
        } else if self.0.len() > MAX_PASSPHRASE {
            Some(format!(
                "a passphrase longer than {MAX_PASSPHRASE} bytes cannot be typed on the unlock screen"
            ))
        } else if self.0.chars().any(char::is_control) {
            Some("a passphrase with a control character (a Tab, say) cannot be typed on the unlock screen".into())
        } else {
            None
        }
    }

    fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The same passphrase (typed twice, say)?
    pub fn same_as(&self, other: &Passphrase) -> bool {
        self.bytes() == other.bytes()
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// A derived key and the salt it was derived with, and how its file's pages are
/// laid out. Cheap to clone (the bytes are shared, and wiped when the last clone goes).
#[derive(Clone)]
pub struct Key {
    bytes: Arc<Zeroizing<[u8; KEY_LEN + SALT_LEN]>>,
    pages: Pages,
}

/// How an encrypted file's pages are laid out: their size and the HMAC each carries.
/// SQLCipher keeps neither in the file; every connection is told them.
///
/// attune writes 16 KB pages with HMAC-SHA256 ([`Pages::NEW`]). SQLCipher spends a
/// fixed cost on every page it reads (setting up its cipher and HMAC contexts, about
/// as much as the AES and HMAC themselves on a 4 KB page), so reading a whole journal,
/// as an export does, takes a quarter as many of those with pages four times larger.
/// Journals encrypted before keep their pages ([`Pages::KNOWN`]) and open as they are;
/// `attune passphrase` rewrites them in the new layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pages {
    pub size: u32,
    pub mac: PageMac,
}

impl Pages {
    /// What attune writes.
    pub const NEW: Pages = Pages {
        size: 16384,
        mac: PageMac::Sha256,
    };
    /// Every layout attune has written, newest first: the new one, then 4 KB pages
    /// with HMAC-SHA256, then SQLCipher 4's defaults (the builds before those).
    pub const KNOWN: [Pages; 3] = [
        Pages::NEW,
        Pages {
            size: 4096,
            mac: PageMac::Sha256,
        },
        Pages {
            size: 4096,
            mac: PageMac::Sha512,
        },
    ];
}

/// The HMAC each encrypted page carries, checked whenever the page is read.
///
/// attune writes HMAC-SHA256: as strong a check for this purpose as SQLCipher 4's
/// default HMAC-SHA512, and about four times quicker on processors with SHA
/// instructions (most made since 2017), which an export of every page feels (on the
/// 10,000-entry bench journal, 110 ms of HMAC-SHA512 became 24 ms). Journals
/// encrypted by earlier builds of attune may have HMAC-SHA512 pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageMac {
    Sha256,
    Sha512,
}

impl PageMac {
    fn pragma(self) -> &'static str {
        match self {
            PageMac::Sha256 => "HMAC_SHA256",
            PageMac::Sha512 => "HMAC_SHA512",
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(hidden)")
    }
}

impl Key {
    /// A key for a new encrypted file: a fresh random salt.
    pub fn fresh(passphrase: &Passphrase) -> anyhow::Result<Key> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no random bytes: {e}"))?;
        Ok(Key::derive(passphrase, salt))
    }

    /// The key that opens `file`, if `passphrase` is the right one (this does not
    /// say which: opening does). The salt is read from the file's first bytes, and
    /// the pages' layout found by reading its first page.
    pub fn for_file(passphrase: &Passphrase, file: &Path) -> std::io::Result<Key> {
        let mut salt = [0u8; SALT_LEN];
        File::open(file)?.read_exact(&mut salt)?;
        let key = Key::derive(passphrase, salt);
        let pages = key.pages_of(file)?;
        Ok(Key { pages, ..key })
    }

    /// How `file`'s pages are laid out, if this key opens it: the first of
    /// [`Pages::KNOWN`] whose first page passes its check. The new layout when none
    /// does (a wrong passphrase or a damaged file, which opening then says). Only a
    /// page that fails its check moves on to the next layout: any other failure (the
    /// file busy or unreadable) is an error, never taken for an answer.
    fn pages_of(&self, file: &Path) -> std::io::Result<Pages> {
        if let Some(dir) = file.parent() {
            // As opening does first: a stale read-only -shm of ours would fail the look.
            super::open::mend_stale_shm(dir);
        }
        let look = |pages: Pages| -> rusqlite::Result<()> {
            let key = Key {
                pages,
                ..self.clone()
            };
            quiet();
            let conn = Connection::open_with_flags(
                file,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            // Only a look: never fold a WAL into the file on close.
            conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
            key.apply(&conn)?;
            conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })?;
            Ok(())
        };
        let failed_check = |e: &rusqlite::Error| {
            e.sqlite_error_code() == Some(rusqlite::ffi::ErrorCode::NotADatabase)
        };
        // The caller names the file.
        let trouble = std::io::Error::other;
        for pages in Pages::KNOWN {
            match look(pages) {
                Ok(()) => return Ok(pages),
                Err(e) if failed_check(&e) => continue,
                Err(e) => return Err(trouble(e)),
            }
        }
        Ok(Pages::NEW)
    }

    /// How this key's file has its pages laid out.
    pub fn pages(&self) -> Pages {
        self.pages
    }

    /// This key (the same bytes: the same passphrase and salt) for another file that
    /// may have its pages laid out otherwise, such as a backup kept from before.
    pub(super) fn as_found_in(&self, file: &Path) -> std::io::Result<Key> {
        Ok(Key {
            pages: self.pages_of(file)?,
            ..self.clone()
        })
    }

    /// PBKDF2-HMAC-SHA512 through the OpenSSL that SQLCipher itself is built on (and
    /// derives with when given a passphrase), so the key is the one it would derive.
    fn derive(passphrase: &Passphrase, salt: [u8; SALT_LEN]) -> Key {
        // OpenSSL wakes here: with its random bytes from the kernel, as for SQLCipher.
        super::random::from_kernel();
        let mut both = Zeroizing::new([0u8; KEY_LEN + SALT_LEN]);
        let pass = passphrase.bytes();
        // A passphrase is at most a few kilobytes (the unlock field takes 1,024 bytes).
        let pass_len = i32::try_from(pass.len()).unwrap_or(i32::MAX);
        // SAFETY: every pointer is valid for the length given with it, `out` has room
        // for KEY_LEN bytes, and EVP_sha512 returns a static digest.
        let ok = unsafe {
            openssl_sys::PKCS5_PBKDF2_HMAC(
                pass.as_ptr().cast(),
                pass_len,
                salt.as_ptr(),
                SALT_LEN as i32,
                KDF_ITERATIONS as i32,
                openssl_sys::EVP_sha512(),
                KEY_LEN as i32,
                both.as_mut_ptr(),
            )
        };
        // It fails only when out of memory; SQLCipher could not run either then.
        assert_eq!(ok, 1, "PBKDF2 failed");
        both[KEY_LEN..].copy_from_slice(&salt);
        hide_from_dumps();
        Key {
            bytes: Arc::new(both),
            pages: Pages::NEW,
        }
    }

    /// SQLCipher's raw-key form, `x'<key><salt>'`, in wiped memory.
    pub(super) fn spec(&self) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut spec = Zeroizing::new(String::with_capacity(3 + 2 * self.bytes.len()));
        spec.push_str("x'");
        for byte in self.bytes.iter() {
            spec.push(HEX[usize::from(byte >> 4)] as char);
            spec.push(HEX[usize::from(byte & 15)] as char);
        }
        spec.push('\'');
        spec
    }

    /// Give `conn` this key. Must come before anything else reads the file.
    pub(super) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        let spec = self.spec();
        let len = i32::try_from(spec.len()).expect("a key spec is short");
        // SAFETY: the handle is the live connection's own; SQLCipher copies the key
        // bytes before returning, and `spec` outlives the call.
        let rc = unsafe { rusqlite::ffi::sqlite3_key(conn.handle(), spec.as_ptr().cast(), len) };
        if rc == rusqlite::ffi::SQLITE_OK {
            self.apply_pages(conn, "main")?;
            // SQLite folds the WAL back into the file every 1,000 pages: with larger
            // pages, fewer of them, so the WAL grows no larger than with 4 KB pages.
            conn.pragma_update(None, "wal_autocheckpoint", WAL_BYTES / self.pages.size)
        } else {
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rc),
                Some("the key could not be set".into()),
            ))
        }
    }

    /// `VACUUM INTO` gives its copy SQLCipher's default page layout, not its
    /// source's: make the default this key's before a copy is made that way. (Every
    /// connection attune opens sets its own, so the default decides nothing else.)
    pub(super) fn make_pages_default(&self, conn: &Connection) -> rusqlite::Result<()> {
        conn.execute_batch(&format!(
            "PRAGMA cipher_default_page_size = {};
             PRAGMA cipher_default_hmac_algorithm = {};",
            self.pages.size,
            self.pages.mac.pragma()
        ))
    }

    /// Set how the pages of `schema` ("main", or an attached database's name, which
    /// the caller makes) are laid out. Must come before anything reads or writes them.
    pub(super) fn apply_pages(&self, conn: &Connection, schema: &str) -> rusqlite::Result<()> {
        conn.execute_batch(&format!(
            "PRAGMA \"{schema}\".cipher_page_size = {};
             PRAGMA \"{schema}\".cipher_hmac_algorithm = {};",
            self.pages.size,
            self.pages.mac.pragma()
        ))
    }
}

/// SQLCipher writes its errors (a wrong key's failed HMAC, say) to stderr, which is
/// the screen attune draws on. attune says what went wrong itself: turn that off, once
/// for the process, before any journal is opened.
pub(super) fn quiet() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        super::random::from_kernel();
        if let Ok(conn) = Connection::open_in_memory() {
            let _ = conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()));
        }
    });
}

/// The first bytes of every plain SQLite file.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the first bytes of a journal file say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looks {
    /// No file, or an empty one.
    Empty,
    /// A plain SQLite file.
    Plain,
    /// Not plain SQLite, and shaped like an encrypted one (whole pages): SQLCipher, or
    /// something else that only a passphrase attempt can tell apart.
    Encrypted,
    /// Neither: a damaged or foreign file.
    Other,
}

/// Look at `file`'s first bytes and size, without SQLite.
pub fn looks(file: &Path) -> std::io::Result<Looks> {
    let mut f = match File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Looks::Empty),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    if len == 0 {
        return Ok(Looks::Empty);
    }
    let mut head = [0u8; 24];
    let mut read = 0;
    while read < head.len() {
        match f.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    // Bytes 21-23 of a plain SQLite file are always 64, 32, 32 (payload fractions);
    // SQLCipher encrypts everything after the salt, so there they are noise.
    let plain_fields = read == head.len() && head[21..24] == [64, 32, 32];
    Ok(if read == head.len() && head[..16] == PLAIN_HEADER[..] {
        Looks::Plain
    } else if plain_fields {
        // A plain file whose first bytes were damaged.
        Looks::Other
    } else if len >= 1024 && len % 512 == 0 {
        Looks::Encrypted
    } else {
        Looks::Other
    })
}

/// Keep this process out of core dumps and other processes' ptrace while it holds a
/// key (Linux: PR_SET_DUMPABLE 0). Best effort: elsewhere it does nothing.
pub fn hide_from_dumps() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_DUMPABLE takes plain integers and changes only this
    // process's dumpable flag.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}
