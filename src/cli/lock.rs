//! `attune encrypt`, `attune decrypt` and `attune passphrase`: turning the lock on,
//! off, or to a new passphrase. Each is all or nothing (see `store::convert`).

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::{plural, say_upgrading, secret};
use crate::sanitize::for_terminal;
use crate::store::{self, Converted, DB_FILE, Key, Looks, Passphrase, looks};

fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

/// What was converted, in a line.
fn said(done: &Converted) -> String {
    let mut line = plural(done.entries as usize, "entry");
    if done.backups > 0 {
        line.push_str(&format!(" and {}", plural(done.backups, "backup")));
    }
    line
}

pub fn encrypt(dir: &Path, given: Option<Passphrase>) -> anyhow::Result<ExitCode> {
    let file = dir.join(DB_FILE);
    match looks(&file)? {
        Looks::Empty => bail!(
            "there is no journal in {} yet. Start attune once to make one, then encrypt it.",
            shown(dir)
        ),
        Looks::Encrypted => bail!(
            "{} is already encrypted. `attune passphrase` changes its passphrase.",
            shown(&file)
        ),
        Looks::Plain | Looks::Other => {}
    }
    store::Store::free_to_open(dir)?;
    let passphrase = match given {
        Some(p) => p,
        None => secret::ask_new()?,
    };
    secret::fit(&passphrase)?;
    eprintln!("attune: encrypting (a large journal takes a few seconds)...");
    let key = Key::fresh(&passphrase)?;
    drop(passphrase);
    let done = store::encrypt(dir, &key, &say_upgrading)?;
    println!(
        "Encrypted {} in {}. attune asks for the passphrase each time it starts; a lost \
         passphrase cannot be recovered. Exports are still written plain.",
        said(&done),
        shown(&file)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn decrypt(dir: &Path, given: Option<Passphrase>) -> anyhow::Result<ExitCode> {
    let file = dir.join(DB_FILE);
    if looks(&file)? != Looks::Encrypted {
        bail!("{} is not encrypted; nothing to do.", shown(&file));
    }
    let Some(key) = secret::key_for(dir, given)? else {
        bail!("{} is not encrypted; nothing to do.", shown(&file));
    };
    let done = store::decrypt(dir, &key, &say_upgrading)?;
    println!(
        "Decrypted {} in {}: it is plain again, readable by anyone who can read your files.",
        said(&done),
        shown(&file)
    );
    Ok(ExitCode::SUCCESS)
}

pub fn change(
    dir: &Path,
    given: Option<Passphrase>,
    new_file: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let file = dir.join(DB_FILE);
    if looks(&file)? != Looks::Encrypted {
        bail!(
            "{} is not encrypted, so it has no passphrase to change. `attune encrypt` sets one.",
            shown(&file)
        );
    }
    let given = match given {
        Some(p) => Some(p),
        None => Some(secret::ask("Current passphrase: ")?),
    };
    let Some(old) = secret::key_for(dir, given)? else {
        bail!("{} is not encrypted.", shown(&file));
    };
    // The old one is checked before the new one is asked for.
    store::Store::open_with(dir, Some(&old), &say_upgrading)?.close()?;
    let new = match new_file {
        Some(path) => secret::from_file(path)?,
        None => secret::ask_new()?,
    };
    secret::fit(&new)?;
    let new = Key::fresh(&new)?;
    let done = store::change_passphrase(dir, &old, &new, &say_upgrading)?;
    println!(
        "The passphrase of {} is changed ({}).",
        shown(&file),
        said(&done)
    );
    Ok(ExitCode::SUCCESS)
}
