//! The one keymap: (context, key) -> Msg, with the labels that the status bar and
//! the help screen show. Dispatch, hints and help all read this table.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::Msg;

/// What the person is looking at, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Welcome,
    Home,
    Step,
    /// Typing in a multi-line answer: only Ctrl-, F- and navigation keys are ours.
    Text,
    /// Typing in a one-line answer: as Text, and Enter moves on.
    Line,
    Scale,
    /// The last page of an exercise, where Enter saves the entry.
    Save,
    Review,
    Entry,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode, KeyModifiers),
    /// Any of 0-9.
    Digit,
}

const fn plain(code: KeyCode) -> Key {
    Key::Code(code, KeyModifiers::NONE)
}
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key::Code(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub struct Binding {
    /// Where it applies; empty means everywhere.
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    pub msg: Msg,
    /// What it does, for the help screen.
    pub does: &'static str,
    /// Short form for the status bar; empty keeps it out of the bar.
    pub bar: &'static str,
}

use Context::*;

const EVERYWHERE: &[Context] = &[];
/// Where no text is being typed, so letters are free to be commands.
const NOT_TYPING: &[Context] = &[Welcome, Home, Step, Scale, Save, Review, Entry, Help];
const LISTS: &[Context] = &[Home, Step, Review];
const EXERCISE: &[Context] = &[Text, Line, Scale, Save];

pub static KEYMAP: &[Binding] = &[
    Binding {
        contexts: LISTS,
        keys: &[plain(KeyCode::Up), ch('k')],
        msg: Msg::Up,
        does: "move up",
        bar: "",
    },
    Binding {
        contexts: LISTS,
        keys: &[plain(KeyCode::Down), ch('j')],
        msg: Msg::Down,
        does: "move down",
        bar: "↑↓ move",
    },
    Binding {
        contexts: &[Welcome],
        keys: &[plain(KeyCode::Enter)],
        msg: Msg::Open,
        does: "begin",
        bar: "Enter begin",
    },
    Binding {
        contexts: LISTS,
        keys: &[plain(KeyCode::Enter)],
        msg: Msg::Open,
        does: "open what is selected",
        bar: "Enter open",
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('c')],
        msg: Msg::Continue,
        does: "continue where you left off",
        bar: "",
    },
    Binding {
        contexts: &[Home],
        keys: &[ch('r')],
        msg: Msg::Review,
        does: "review past entries",
        bar: "",
    },
    Binding {
        contexts: &[Entry, Help],
        keys: &[plain(KeyCode::Up), ch('k')],
        msg: Msg::Up,
        does: "scroll up",
        bar: "",
    },
    Binding {
        contexts: &[Entry, Help],
        keys: &[plain(KeyCode::Down), ch('j')],
        msg: Msg::Down,
        does: "scroll down",
        bar: "↑↓ scroll",
    },
    Binding {
        contexts: &[Entry, Help],
        keys: &[plain(KeyCode::PageUp)],
        msg: Msg::PageUp,
        does: "scroll up a page",
        bar: "",
    },
    Binding {
        contexts: &[Entry, Help],
        keys: &[plain(KeyCode::PageDown)],
        msg: Msg::PageDown,
        does: "scroll down a page",
        bar: "",
    },
    Binding {
        contexts: EXERCISE,
        keys: &[plain(KeyCode::Tab)],
        msg: Msg::NextPrompt,
        does: "next prompt (skips this one if empty)",
        bar: "Tab next",
    },
    Binding {
        contexts: EXERCISE,
        keys: &[Key::Code(KeyCode::BackTab, KeyModifiers::NONE)],
        msg: Msg::PrevPrompt,
        does: "previous prompt",
        bar: "Shift-Tab back",
    },
    Binding {
        contexts: &[Line, Scale],
        keys: &[plain(KeyCode::Enter)],
        msg: Msg::NextPrompt,
        does: "next prompt",
        bar: "",
    },
    Binding {
        contexts: &[Scale],
        keys: &[plain(KeyCode::Left), ch('h')],
        msg: Msg::Decrease,
        does: "lower",
        bar: "←→ set",
    },
    Binding {
        contexts: &[Scale],
        keys: &[plain(KeyCode::Right), ch('l')],
        msg: Msg::Increase,
        does: "higher",
        bar: "",
    },
    Binding {
        contexts: &[Scale],
        keys: &[Key::Digit],
        msg: Msg::Digit(0),
        does: "jump along the scale",
        bar: "",
    },
    Binding {
        contexts: &[Scale],
        keys: &[plain(KeyCode::Home)],
        msg: Msg::ScaleMin,
        does: "lowest",
        bar: "",
    },
    Binding {
        contexts: &[Scale],
        keys: &[plain(KeyCode::End)],
        msg: Msg::ScaleMax,
        does: "highest",
        bar: "",
    },
    Binding {
        contexts: &[Scale],
        keys: &[plain(KeyCode::Backspace), plain(KeyCode::Delete)],
        msg: Msg::ClearAnswer,
        does: "clear (leave unanswered)",
        bar: "",
    },
    Binding {
        contexts: &[Save],
        keys: &[plain(KeyCode::Enter)],
        msg: Msg::Open,
        does: "save this entry",
        bar: "Enter save",
    },
    Binding {
        contexts: EXERCISE,
        keys: &[plain(KeyCode::Esc)],
        msg: Msg::Back,
        does: "leave the exercise; your draft is kept",
        bar: "Esc leave",
    },
    Binding {
        contexts: &[Step, Review, Entry],
        keys: &[plain(KeyCode::Esc)],
        msg: Msg::Back,
        does: "back",
        bar: "Esc back",
    },
    Binding {
        contexts: &[Help],
        keys: &[plain(KeyCode::Esc), plain(KeyCode::F(1))],
        msg: Msg::Back,
        does: "close help",
        bar: "Esc close",
    },
    Binding {
        contexts: EVERYWHERE,
        keys: &[plain(KeyCode::F(1))],
        msg: Msg::Help,
        does: "help and crisis lines",
        bar: "F1 help",
    },
    Binding {
        contexts: NOT_TYPING,
        keys: &[ch('?')],
        msg: Msg::Help,
        does: "help and crisis lines",
        bar: "",
    },
    Binding {
        contexts: NOT_TYPING,
        keys: &[ch('q')],
        msg: Msg::Quit,
        does: "save and quit",
        bar: "q quit",
    },
    Binding {
        contexts: &[Text, Line],
        keys: &[ctrl('c')],
        msg: Msg::Quit,
        does: "save everything and quit",
        bar: "Ctrl-C quit",
    },
    Binding {
        contexts: EVERYWHERE,
        keys: &[ctrl('c')],
        msg: Msg::Quit,
        does: "save everything and quit",
        bar: "",
    },
];

impl Binding {
    pub fn applies(&self, context: Context) -> bool {
        self.contexts.is_empty() || self.contexts.contains(&context)
    }
}

/// Turn a key press into a message for the App. In typing contexts a key that is
/// not ours goes to the text field; elsewhere it is ignored.
pub fn map(context: Context, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    for binding in KEYMAP.iter().filter(|b| b.applies(context)) {
        for pattern in binding.keys {
            if let Some(msg) = matches(*pattern, &binding.msg, key) {
                return Some(msg);
            }
        }
    }
    match context {
        Text | Line => Some(Msg::Edit(key)),
        _ => None,
    }
}

fn matches(pattern: Key, msg: &Msg, key: KeyEvent) -> Option<Msg> {
    // Terminals disagree on whether '?' or Shift-Tab carry SHIFT; it never matters here.
    let mut mods = key.modifiers - KeyModifiers::SHIFT;
    // Two quick Escs can arrive as one Alt-Esc; it still means "back".
    if key.code == KeyCode::Esc {
        mods -= KeyModifiers::ALT;
    }
    match pattern {
        Key::Digit => match key.code {
            KeyCode::Char(c @ '0'..='9') if mods.is_empty() => Some(Msg::Digit(c as u8 - b'0')),
            _ => None,
        },
        Key::Code(code, want) => (code == key.code && want == mods).then(|| msg.clone()),
    }
}

/// The bindings to show for a context: its own first, then the ones that apply everywhere.
/// A global binding whose key the context already uses is left out: it never fires there.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    let own = move || {
        KEYMAP
            .iter()
            .filter(move |b| !b.contexts.is_empty() && b.applies(context))
    };
    let global = KEYMAP
        .iter()
        .filter(|b| b.contexts.is_empty())
        .filter(move |g| !own().any(|b| b.keys.iter().any(|k| g.keys.contains(k))));
    own().chain(global)
}

/// A person-readable name for the keys of a binding, e.g. "↑ / k".
pub fn key_names(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| key_name(*k))
        .collect::<Vec<_>>()
        .join(" / ")
}

pub fn key_name(key: Key) -> String {
    let Key::Code(code, mods) = key else {
        return "0-9".to_string();
    };
    let name = match code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::Backspace => "Backspace".to_string(),
        KeyCode::Delete => "Delete".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    if mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else {
        name
    }
}
