//! The house rules of DESIGN.md, read from the source: which module may use which.
//! The App is pure (no terminal, no drawing, no SQL), the store knows nothing of the
//! App, the runtime and the command line don't lean on each other, and no two
//! modules need each other (no circle of imports between the top-level modules).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`src/app/nav.rs` -> `app`).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// Code without comments (a rule about imports must not trip over prose).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::x` a piece of code names, grouped imports (`crate::{a, b}`) included.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

struct Source {
    /// module -> the modules it names
    uses: BTreeMap<String, BTreeSet<String>>,
    /// module -> its code, all files together
    text: BTreeMap<String, String>,
}

fn source() -> Source {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut text: BTreeMap<String, String> = BTreeMap::new();
    for file in all {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let code = code(&std::fs::read_to_string(&file).unwrap());
        let named = uses.entry(module.clone()).or_default();
        named.extend(crate_uses(&code).into_iter().filter(|m| *m != module));
        text.entry(module).or_default().push_str(&code);
    }
    Source { uses, text }
}

#[test]
fn the_app_is_pure_the_store_knows_no_app_and_runtime_and_cli_stay_apart() {
    let s = source();
    let forbidden = [
        ("app", "ui"),
        ("app", "runtime"),
        ("app", "store"),
        ("app", "cli"),
        ("store", "app"),
        ("store", "ui"),
        ("store", "runtime"),
        ("runtime", "cli"),
        ("ui", "store"),
        ("ui", "runtime"),
        ("content", "app"),
        ("keys", "app"),
    ];
    let mut broken = Vec::new();
    for (from, to) in forbidden {
        if s.uses.get(from).is_some_and(|u| u.contains(to)) {
            broken.push(format!("{from} uses {to}"));
        }
    }
    for crate_name in ["crossterm", "ratatui", "rusqlite"] {
        if s.text["app"].contains(&format!("{crate_name}::")) {
            broken.push(format!("app uses {crate_name}"));
        }
    }
    if s.text["ui"].contains("rusqlite::") {
        broken.push("ui uses rusqlite".into());
    }
    assert!(broken.is_empty(), "layering broken: {broken:?}");
}

#[test]
fn no_two_modules_need_each_other() {
    let s = source();
    // Depth-first search for a path back to the start, from every module.
    fn path_back(
        uses: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        at: &str,
        seen: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> bool {
        for next in uses.get(at).into_iter().flatten() {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if path_back(uses, start, next, seen, path) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut circles = Vec::new();
    for module in s.uses.keys() {
        let mut path = vec![module.clone()];
        if path_back(&s.uses, module, module, &mut BTreeSet::new(), &mut path) {
            circles.push(path.join(" -> "));
        }
    }
    assert!(circles.is_empty(), "circles of imports: {circles:#?}");
}

#[test]
fn the_reader_of_imports_sees_grouped_and_plain_paths() {
    let uses = crate_uses("use crate::{app::Msg, keys};\nlet x = crate::store::Store::open;");
    assert_eq!(
        uses.into_iter().collect::<Vec<_>>(),
        vec!["app".to_string(), "keys".into(), "store".into()]
    );
    assert_eq!(code("let a = 1; // crate::ui is named here"), "let a = 1; ");
}

/// String literals of a piece of code (roughly: what sits between unescaped quotes).
fn literals(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut chars = code.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        match (&mut current, c) {
            (Some(s), '\\') => {
                s.push(c);
                if let Some(n) = chars.next() {
                    s.push(n);
                }
            }
            (Some(s), '"') => {
                out.push(std::mem::take(s));
                current = None;
            }
            (Some(s), _) => s.push(c),
            // '"' as a char literal is not the start of a string.
            (None, '"') if prev != '\'' => current = Some(String::new()),
            (None, _) => {}
        }
        prev = c;
    }
    out
}

#[test]
fn screens_name_keys_through_the_keymap_only() {
    // A key typed into on-screen text goes stale the day its binding changes; the
    // App and the views take key names from `keys::label`.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src.join("app"), &mut all);
    files(&src.join("ui"), &mut all);
    let names = [
        "Esc",
        "Enter",
        "Tab",
        "F1",
        "Ctrl-",
        "Shift-",
        "PgDn",
        "PgUp",
        "Backspace",
    ];
    let mut typed = Vec::new();
    for file in all {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may name keys: they check what the screen shows.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for lit in literals(&code(text)) {
            let words: Vec<&str> = lit
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .collect();
            let named = names.iter().any(|n| {
                if n.ends_with('-') {
                    lit.contains(n)
                } else {
                    words.contains(n)
                }
            });
            // "press q", "with u until": one letter after a verb is a key.
            let letter = words.windows(2).any(|w| {
                matches!(w[0], "press" | "Press" | "with" | "key")
                    && w[1].len() == 1
                    && w[1].chars().all(|c| c.is_ascii_lowercase())
                    && w[1] != "a"
            });
            if named || letter {
                typed.push(format!("{}: {lit:?}", file.display()));
            }
        }
    }
    assert!(typed.is_empty(), "keys typed into text: {typed:#?}");
}

#[test]
fn the_literal_reader_finds_strings_and_skips_quote_chars() {
    assert_eq!(
        literals(r#"let a = "one \"two\""; let q = '"'; f("press q")"#),
        vec![r#"one \"two\""#.to_string(), "press q".into()]
    );
}
