//! Where a passphrase comes from: `--passphrase-file FILE` (its first line), else
//! `ATTUNE_PASSPHRASE`, else the terminal, typed without echo. Held only in memory
//! that is wiped when dropped; the environment variable is removed once read, so no
//! program attune starts inherits it.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, bail};
use zeroize::Zeroizing;

use crate::store::{Key, Looks, OpenError, Passphrase, looks};

pub const ENV: &str = "ATTUNE_PASSPHRASE";

/// The passphrase given without asking: from the file, else the environment.
pub fn given(file: Option<&Path>) -> anyhow::Result<Option<Passphrase>> {
    if let Some(file) = file {
        return from_file(file).map(Some);
    }
    let Some(value) = std::env::var_os(ENV) else {
        return Ok(None);
    };
    crate::store::hide_from_dumps();
    wipe_env();
    let value = Zeroizing::new(
        value
            .into_string()
            .map_err(|_| anyhow::anyhow!("{ENV} is not valid UTF-8"))?,
    );
    let passphrase = Passphrase::new(value);
    if passphrase.is_empty() {
        bail!(
            "{ENV} is set but empty: an empty passphrase is no lock. Unset it, or set the passphrase."
        );
    }
    Ok(Some(passphrase))
}

/// Overwrite the passphrase where the process's environment keeps it (which
/// /proc/PID/environ shows), then take it out of the environment.
fn wipe_env() {
    let name = std::ffi::CString::new(ENV).expect("no NUL in the name");
    // SAFETY: called once at start, before attune starts any thread, so nothing reads
    // or changes the environment meanwhile; getenv's pointer is to the value's bytes,
    // `strlen` of them long, which are overwritten in place and not moved.
    unsafe {
        let value = libc::getenv(name.as_ptr());
        if !value.is_null() {
            let len = libc::strlen(value);
            std::ptr::write_bytes(value, b'*', len);
        }
        std::env::remove_var(ENV);
    }
}

/// The first line of `file`.
pub fn from_file(file: &Path) -> anyhow::Result<Passphrase> {
    crate::store::hide_from_dumps();
    let mut text = Zeroizing::new(String::with_capacity(4096));
    std::fs::File::open(file)
        .and_then(|mut f| f.read_to_string(&mut text))
        .with_context(|| format!("cannot read the passphrase file {}", file.display()))?;
    let first = Zeroizing::new(text.lines().next().unwrap_or_default().to_string());
    let passphrase = Passphrase::new(first);
    if passphrase.is_empty() {
        bail!(
            "the first line of {} is empty: an empty passphrase is no lock.",
            file.display()
        );
    }
    Ok(passphrase)
}

/// Ask for the journal's passphrase on the terminal, without echo.
pub fn ask(prompt: &str) -> anyhow::Result<Passphrase> {
    ask_for(
        prompt,
        "the journal is encrypted, and there is no terminal to ask for its passphrase on",
    )
}

/// Ask on the terminal, without echo; `missing` says what could not be asked.
fn ask_for(prompt: &str, missing: &str) -> anyhow::Result<Passphrase> {
    crate::store::hide_from_dumps();
    let no_terminal =
        || anyhow::anyhow!("{missing}. Give it in {ENV} or with --passphrase-file FILE.");
    if std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_err()
    {
        return Err(no_terminal());
    }
    let typed = Zeroizing::new(rpassword::prompt_password(prompt).map_err(|_| no_terminal())?);
    let passphrase = Passphrase::new(typed);
    if passphrase.is_empty() {
        bail!("no passphrase was typed; nothing was changed.");
    }
    Ok(passphrase)
}

/// A new passphrase, typed twice.
pub fn ask_new() -> anyhow::Result<Passphrase> {
    eprintln!(
        "A lost passphrase cannot be recovered: without it, neither the journal nor its backups \
         can be opened, by attune or by anyone. Keep it somewhere safe."
    );
    let missing = "there is no terminal to type a new passphrase on (twice)";
    let first = ask_for("New passphrase: ", missing)?;
    fit(&first)?;
    let again = ask_for("The same again: ", missing)?;
    if !first.same_as(&again) {
        bail!("the two passphrases were not the same; nothing was changed.");
    }
    Ok(first)
}

/// A new passphrase must be one the unlock screen can take, and a lock at all.
pub fn fit(passphrase: &Passphrase) -> anyhow::Result<()> {
    match passphrase.unfit() {
        Some(why) => bail!("{why}; nothing was changed."),
        None => Ok(()),
    }
}

/// What a command needs to open the journal in `dir`: the key when it is encrypted
/// (from the passphrase given, or asked for), None when it is plain.
pub fn key_for(dir: &Path, given: Option<Passphrase>) -> anyhow::Result<Option<Key>> {
    let file = dir.join(crate::store::DB_FILE);
    match (looks(&file), given) {
        (Ok(Looks::Encrypted), given) => {
            let passphrase = match given {
                Some(p) => p,
                None => ask(&format!("Passphrase for {}: ", file.display()))?,
            };
            let key = Key::for_file(&passphrase, &file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            Ok(Some(key))
        }
        (Ok(_), Some(_)) => Err(OpenError::NotEncrypted { file }.into()),
        _ => Ok(None),
    }
}
