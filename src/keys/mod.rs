//! The one keymap: (context, key) -> Msg, with the labels that the status bar and
//! the help screen show. Dispatch, hints and help all read this table.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod names;

pub use names::{key_name, key_names};

use crate::msg::Msg;
use crate::textfield::Edit;

/// Declares the contexts once, and `Context::ALL` from the same list.
macro_rules! contexts {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// What the person is looking at, as far as keys are concerned.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Context {
            $($(#[$doc])* $name,)*
        }

        impl Context {
            pub const ALL: &[Context] = &[$(Context::$name,)*];
        }
    };
}

contexts! {
    Welcome,
    Home,
    Step,
    /// Typing in a multi-line answer: only Ctrl-, F- and navigation keys are ours.
    Text,
    /// Typing in a one-line answer: as Text, and Enter moves on.
    Line,
    Scale,
    /// Picking one option of a list.
    Choice,
    /// Ticking options of a checklist.
    Multi,
    /// Typing on the "other" line of a checklist.
    MultiOther,
    /// Picking a feeling family, a word, or a body sensation.
    Feelings,
    /// Setting how strong the picked feeling is.
    FeelingsIntensity,
    /// Feelings named: go on, name another, or change one.
    FeelingsMore,
    /// Rating again each feeling named earlier.
    Rerate,
    /// The items of a ladder.
    Ladder,
    /// Typing the fields of one ladder item.
    LadderEdit,
    /// An earlier answer, shown read-only.
    Recall,
    /// The last page of an exercise, where Enter saves the entry.
    Save,
    /// A read-only page, such as therapy approaches explained.
    Reading,
    Review,
    /// Typing words to search Review.
    Search,
    /// Choosing a step, exercise or time for Review to show.
    Picker,
    /// Answering yes or no (delete this entry?).
    Confirm,
    Entry,
    Insights,
    /// Drafts kept from exercises this content pack doesn't have.
    Kept,
    /// One kept draft, read-only.
    KeptDraft,
    /// Something to read before going on (a problem found), until put away.
    Alert,
    Help,
    /// Slow breathing and grounding.
    Steady,
    /// Typing the passphrase of an encrypted journal.
    Unlock,
    /// The crisis lines, shown before the journal is unlocked.
    UnlockHelp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode, KeyModifiers),
    /// Any of 0-9.
    Digit,
    /// Any character typed without Ctrl or Alt.
    AnyChar,
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
const fn alt(code: KeyCode) -> Key {
    Key::Code(code, KeyModifiers::ALT)
}
const fn ctrl_key(code: KeyCode) -> Key {
    Key::Code(code, KeyModifiers::CONTROL)
}
const fn edit(e: Edit) -> Msg {
    Msg::Edit(e)
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Wherever no text is being typed, so letters are free to be commands.
    NotTyping,
    /// Every page of an exercise: a prompt being answered, or the save page.
    Exercise,
    In(&'static [Context]),
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub msg: Msg,
    /// What it does, for the help screen.
    pub does: &'static str,
    /// Short form for the status bar; empty keeps it out of the bar.
    pub bar: &'static str,
}

use Context::*;
use Scope::In;

const EVERYWHERE: Scope = Scope::All;
const NOT_TYPING: Scope = Scope::NotTyping;
/// Where text is being typed: letters are words, not commands.
const TYPING_CONTEXTS: &[Context] = &[Text, Line, MultiOther, LadderEdit, Search, Unlock];
const TYPING: Scope = In(TYPING_CONTEXTS);
const LISTS: Scope = In(&[Home, Step, Review, Kept]);
const PICK: Scope = In(&[
    Choice,
    Multi,
    MultiOther,
    Feelings,
    FeelingsMore,
    Ladder,
    Rerate,
]);
/// Prompts being answered, where Tab moves on (not the save page: nothing is after it).
const ASKING_CONTEXTS: &[Context] = &[
    Text,
    Line,
    Scale,
    Choice,
    Multi,
    MultiOther,
    Feelings,
    FeelingsIntensity,
    FeelingsMore,
    Rerate,
    Ladder,
    Recall,
];
const ASKING: Scope = In(ASKING_CONTEXTS);
/// Any page of an exercise: its prompts and its save page.
const PROMPTS: Scope = Scope::Exercise;
const SCALES: Scope = In(&[Scale, FeelingsIntensity, Ladder, Rerate]);
const PAGES: Scope = In(&[Entry, Help, Reading, KeptDraft, Save, Steady]);

macro_rules! bind {
    ($scope:expr, [$($key:expr),*], $msg:expr, $does:literal) => {
        Binding { scope: $scope, keys: &[$($key),*], msg: $msg, does: $does, bar: "" }
    };
    ($scope:expr, [$($key:expr),*], $msg:expr, $does:literal, $bar:literal) => {
        Binding { scope: $scope, keys: &[$($key),*], msg: $msg, does: $does, bar: $bar }
    };
}

const SHIFT_UP: Key = Key::Code(KeyCode::Up, KeyModifiers::SHIFT);
const SHIFT_DOWN: Key = Key::Code(KeyCode::Down, KeyModifiers::SHIFT);
const BACKTAB: Key = plain(KeyCode::BackTab);

#[rustfmt::skip]
pub static KEYMAP: &[Binding] = &[
    bind!(LISTS, [plain(KeyCode::Up), ch('k')], Msg::Up, "move up"),
    bind!(LISTS, [plain(KeyCode::Down), ch('j')], Msg::Down, "move down", "{prev}{key} move"),
    bind!(In(&[Welcome]), [plain(KeyCode::Enter)], Msg::Open, "begin", "{key} begin"),
    bind!(LISTS, [plain(KeyCode::Enter)], Msg::Open, "open what is selected", "{key} open"),
    bind!(In(&[Home]), [ch('c')], Msg::Continue, "continue where you left off"),
    bind!(In(&[Home]), [ch('w')], Msg::QuickWrite, "quick write: just write, nothing else asked"),
    bind!(In(&[Home]), [ch('r')], Msg::Review, "review past entries"),
    // Review: filters that combine, search, delete and undo, export.
    bind!(In(&[Review]), [ch('/')], Msg::Search, "search every answer (also since:YYYY-MM-DD until:YYYY-MM-DD)", "{key} search"),
    bind!(In(&[Review]), [ch('s')], Msg::PickStep, "choose a step to show", "{key} step"),
    bind!(In(&[Review]), [ch('e')], Msg::PickExercise, "choose an exercise to show", "{key} exercise"),
    bind!(In(&[Review]), [ch('t')], Msg::PickTime, "choose a time: today, 7 days, 30 days, all", "{key} time"),
    bind!(In(&[Review]), [ch('c')], Msg::ClearFilters, "clear the filters", "{key} clear"),
    bind!(In(&[Review, Entry]), [ch('d'), plain(KeyCode::Delete)], Msg::Delete, "delete the entry (asks first)", "{key} delete"),
    bind!(In(&[Review]), [ch('u')], Msg::Undo, "undo the last delete (until attune closes)", "{key} undo"),
    bind!(In(&[Review]), [ch('x')], Msg::Export, "export what is shown to a Markdown file", "{key} export"),
    bind!(In(&[Home, Review]), [ch('i')], Msg::Insights, "insights: pictures of your entries", "{key} insights"),
    bind!(In(&[Review]), [plain(KeyCode::PageUp)], Msg::PageUp, "up a page"),
    bind!(In(&[Review]), [plain(KeyCode::PageDown)], Msg::PageDown, "down a page"),
    bind!(In(&[Picker]), [plain(KeyCode::Up), ch('k')], Msg::Up, "move up"),
    bind!(In(&[Picker]), [plain(KeyCode::Down), ch('j')], Msg::Down, "move down", "{prev}{key} move"),
    bind!(In(&[Picker]), [plain(KeyCode::Enter)], Msg::Open, "show these entries", "{key} choose"),
    bind!(In(&[Picker]), [plain(KeyCode::Esc)], Msg::Cancel, "close the list, filter unchanged", "{key} cancel"),
    bind!(In(&[Search]), [plain(KeyCode::Enter), plain(KeyCode::Esc)], Msg::Back, "stop typing; the search stays", "{key} done"),
    bind!(In(&[Entry]), [ch('e')], Msg::EditEntry, "edit this entry (the earlier version is kept)", "{key} edit"),
    // Drafts kept from another content pack.
    bind!(In(&[Kept, KeptDraft]), [ch('d'), plain(KeyCode::Delete)], Msg::Delete, "discard the draft (asks first)"),
    bind!(In(&[Kept]), [ch('u')], Msg::Undo, "bring back the last draft discarded (until attune closes)"),
    bind!(In(&[Kept]), [ch('x')], Msg::Export, "export these drafts to a Markdown file", "{key} export"),
    bind!(In(&[KeptDraft]), [ch('x')], Msg::Export, "export this draft to a Markdown file", "{key} export"),
    bind!(In(&[KeptDraft]), [ch('c')], Msg::Continue, "carry on with it, when its exercise is here", "{key} carry on"),
    bind!(In(&[Alert]), [plain(KeyCode::Enter), plain(KeyCode::Esc)], Msg::Dismiss, "OK: put this away", "{key} OK"),
    bind!(In(&[Confirm]), [ch('y')], Msg::Confirm, "yes: do what the question asks", "{key} yes"),
    bind!(In(&[Confirm]), [ch('n'), plain(KeyCode::Esc)], Msg::Cancel, "no: leave everything as it is", "{key} no"),
    bind!(In(&[Insights]), [plain(KeyCode::Left), ch('h'), BACKTAB], Msg::Decrease, "previous picture"),
    bind!(In(&[Insights]), [plain(KeyCode::Right), ch('l'), plain(KeyCode::Tab)], Msg::Increase, "next picture", "{prev}{key} picture"),
    bind!(PAGES, [plain(KeyCode::Up), ch('k')], Msg::Up, "scroll up"),
    bind!(PAGES, [plain(KeyCode::Down), ch('j')], Msg::Down, "scroll down", "{prev}{key} scroll"),
    bind!(PAGES, [plain(KeyCode::PageUp)], Msg::PageUp, "scroll up a page"),
    bind!(PAGES, [plain(KeyCode::PageDown)], Msg::PageDown, "scroll down a page"),
    // An earlier answer to read scrolls too; its page says when there is more, so
    // the bar keeps its room.
    bind!(In(&[Recall]), [plain(KeyCode::Up), ch('k')], Msg::Up, "scroll up"),
    bind!(In(&[Recall]), [plain(KeyCode::Down), ch('j')], Msg::Down, "scroll down"),
    bind!(In(&[Recall]), [plain(KeyCode::PageUp)], Msg::PageUp, "scroll up a page"),
    bind!(In(&[Recall]), [plain(KeyCode::PageDown)], Msg::PageDown, "scroll down a page"),
    // Exercises: moving between prompts.
    bind!(ASKING, [plain(KeyCode::Tab)], Msg::NextPrompt, "next prompt (skips this one if empty)", "{key} next"),
    bind!(PROMPTS, [BACKTAB], Msg::PrevPrompt, "previous prompt", "{key} back"),
    bind!(PROMPTS, [ctrl('t')], Msg::WritingTimer, "writing timer, where a prompt offers one: start, pause, go on; once it is up, put it away"),
    bind!(In(&[Line, Scale, Recall]), [plain(KeyCode::Enter)], Msg::NextPrompt, "next prompt"),
    bind!(In(&[MultiOther]), [plain(KeyCode::Enter)], Msg::Add, "add what you wrote to the list (on an empty line: next prompt)", "{key} add"),
    // Lists inside a prompt.
    bind!(PICK, [plain(KeyCode::Up)], Msg::Up, "move up"),
    bind!(In(&[Choice, Multi, Feelings, FeelingsMore, Ladder, Rerate]), [ch('k')], Msg::Up, "move up"),
    bind!(In(&[Choice, Multi, Feelings, FeelingsMore, Ladder, Rerate]), [plain(KeyCode::Down), ch('j')], Msg::Down, "move down"),
    bind!(In(&[MultiOther]), [plain(KeyCode::Down)], Msg::Down, "move down"),
    bind!(In(&[Choice]), [plain(KeyCode::Enter)], Msg::Open, "choose and go on", "{key} choose"),
    bind!(In(&[Choice]), [ch(' ')], Msg::Toggle, "choose"),
    bind!(In(&[Choice]), [plain(KeyCode::Backspace)], Msg::ClearAnswer, "clear the choice"),
    bind!(In(&[Multi]), [ch(' '), plain(KeyCode::Enter)], Msg::Toggle, "tick or untick", "{key} tick"),
    bind!(In(&[Feelings]), [plain(KeyCode::Enter)], Msg::Open, "pick", "{key} pick"),
    bind!(In(&[Feelings]), [plain(KeyCode::Backspace)], Msg::ClearAnswer, "back a level", "{key} back a level"),
    bind!(In(&[FeelingsIntensity]), [plain(KeyCode::Enter)], Msg::Open, "keep this feeling (then name another, or go on)"),
    bind!(In(&[FeelingsMore]), [plain(KeyCode::Enter)], Msg::Open, "choose: go on, name another, or change the feeling selected", "{key} pick"),
    bind!(In(&[FeelingsMore]), [plain(KeyCode::Backspace), plain(KeyCode::Delete)], Msg::ClearAnswer, "take out the feeling selected"),
    bind!(In(&[Rerate]), [plain(KeyCode::Enter)], Msg::Open, "the next feeling (after the last: next prompt)"),
    bind!(In(&[Rerate]), [plain(KeyCode::Backspace), plain(KeyCode::Delete)], Msg::ClearAnswer, "clear this feeling's rating"),
    bind!(In(&[FeelingsIntensity]), [plain(KeyCode::Backspace)], Msg::ClearAnswer, "back to the words"),
    // Scales, and the rating of a ladder item.
    bind!(SCALES, [plain(KeyCode::Left), ch('h')], Msg::Decrease, "lower"),
    bind!(SCALES, [plain(KeyCode::Right), ch('l')], Msg::Increase, "higher", "{prev}{key} set"),
    bind!(SCALES, [Key::Digit], Msg::Digit(0), "jump along the scale"),
    bind!(SCALES, [plain(KeyCode::Home)], Msg::ScaleMin, "lowest"),
    bind!(SCALES, [plain(KeyCode::End)], Msg::ScaleMax, "highest"),
    bind!(In(&[Scale]), [plain(KeyCode::Backspace), plain(KeyCode::Delete)], Msg::ClearAnswer, "clear (leave unanswered)"),
    bind!(In(&[Ladder]), [plain(KeyCode::Backspace)], Msg::ClearAnswer, "clear the rating"),
    // Ladders.
    bind!(In(&[Ladder]), [ch('a')], Msg::Add, "add an item", "{key} add"),
    bind!(In(&[Ladder]), [plain(KeyCode::Enter)], Msg::Open, "write or edit the selected item", "{key} edit"),
    bind!(In(&[Ladder]), [ch('d'), plain(KeyCode::Delete)], Msg::Delete, "delete the selected item (asks first)"),
    bind!(In(&[Ladder]), [SHIFT_UP, ch('K')], Msg::MoveUp, "move the item up"),
    bind!(In(&[Ladder]), [SHIFT_DOWN, ch('J')], Msg::MoveDown, "move the item down"),
    bind!(In(&[Ladder]), [ch('s')], Msg::Sort, "sort the items by their rating, easiest first (unrated last)"),
    bind!(In(&[LadderEdit]), [plain(KeyCode::Tab)], Msg::NextField, "next field", "{key} next field"),
    bind!(In(&[LadderEdit]), [BACKTAB], Msg::PrevField, "previous field"),
    bind!(In(&[LadderEdit]), [plain(KeyCode::Enter)], Msg::Open, "keep this item", "{key} keep"),
    bind!(In(&[LadderEdit]), [plain(KeyCode::Esc)], Msg::Cancel, "stop editing without keeping changes", "{key} cancel"),
    // Typing: every editing key is here, so help lists it and nothing hides behind a
    // widget's own keymap.
    bind!(In(&[Text]), [plain(KeyCode::Enter)], edit(Edit::Newline), "a new line (the answer wraps as you type)"),
    bind!(TYPING, [plain(KeyCode::Backspace)], edit(Edit::DeleteBack), "delete the character before the cursor"),
    bind!(TYPING, [plain(KeyCode::Delete)], edit(Edit::DeleteForward), "delete the character after the cursor"),
    bind!(TYPING, [ctrl('w'), alt(KeyCode::Backspace), ctrl_key(KeyCode::Backspace)], edit(Edit::DeleteWordBack), "delete the word before the cursor"),
    bind!(TYPING, [alt(KeyCode::Char('d')), ctrl_key(KeyCode::Delete)], edit(Edit::DeleteWordForward), "delete the word after the cursor"),
    bind!(TYPING, [ctrl('u')], edit(Edit::DeleteToLineStart), "delete to the start of the line"),
    bind!(TYPING, [ctrl('k')], edit(Edit::DeleteToLineEnd), "delete to the end of the line"),
    bind!(TYPING, [plain(KeyCode::Left)], edit(Edit::Left), "move left"),
    bind!(TYPING, [plain(KeyCode::Right)], edit(Edit::Right), "move right"),
    bind!(TYPING, [ctrl_key(KeyCode::Left), alt(KeyCode::Char('b'))], edit(Edit::WordLeft), "a word left"),
    bind!(TYPING, [ctrl_key(KeyCode::Right), alt(KeyCode::Char('f'))], edit(Edit::WordRight), "a word right"),
    bind!(TYPING, [plain(KeyCode::Home), ctrl('a')], edit(Edit::LineStart), "to the start of the line"),
    bind!(TYPING, [plain(KeyCode::End), ctrl('e')], edit(Edit::LineEnd), "to the end of the line"),
    bind!(In(&[Text]), [plain(KeyCode::Up)], edit(Edit::Up), "up a line"),
    bind!(In(&[Text]), [plain(KeyCode::Down)], edit(Edit::Down), "down a line"),
    bind!(In(&[Text]), [ctrl_key(KeyCode::Home)], edit(Edit::Top), "to the start of the answer"),
    bind!(In(&[Text]), [ctrl_key(KeyCode::End)], edit(Edit::Bottom), "to the end of the answer"),
    bind!(TYPING, [ctrl('z')], edit(Edit::Undo), "undo"),
    bind!(TYPING, [ctrl('y')], edit(Edit::Redo), "redo"),
    bind!(TYPING, [Key::AnyChar], edit(Edit::InsertChar(' ')), "type"),
    bind!(In(&[Save]), [plain(KeyCode::Enter)], Msg::Open, "save this entry", "{key} save"),
    bind!(PROMPTS, [plain(KeyCode::Esc)], Msg::Back, "leave the exercise; your draft is kept", "{key} leave"),
    bind!(In(&[Step, Review, Entry, Reading, Insights, Kept, KeptDraft]), [plain(KeyCode::Esc)], Msg::Back, "back", "{key} back"),
    bind!(In(&[Step]), [plain(KeyCode::PageUp)], Msg::PageUp, "the introduction, a page back"),
    bind!(In(&[Step]), [plain(KeyCode::PageDown)], Msg::PageDown, "the introduction, a page on"),
    bind!(In(&[Step]), [ch('m')], Msg::Toggle, "mark the step done, or not done", "{key} mark done"),
    bind!(In(&[Step]), [ch('d'), plain(KeyCode::Delete)], Msg::Delete, "discard the selected exercise's draft (asks first)"),
    bind!(In(&[Step]), [ch('u')], Msg::Undo, "bring back the last draft discarded (until attune closes)"),
    bind!(In(&[Help]), [ch('g')], Msg::Steady, "steady yourself: slow breathing and grounding", "{key} steady yourself"),
    bind!(In(&[Help]), [ch('p')], Msg::SafetyPlan, "your safety plan: make it or change it", "{key} safety plan"),
    bind!(In(&[Help]), [plain(KeyCode::Esc), plain(KeyCode::F(1))], Msg::Back, "close help", "{key} close"),
    bind!(In(&[Steady]), [plain(KeyCode::Esc)], Msg::Back, "back to help", "{key} back"),
    bind!(In(&[Unlock]), [plain(KeyCode::Enter)], Msg::Open, "unlock the journal with the passphrase typed", "{key} unlock"),
    bind!(In(&[UnlockHelp]), [plain(KeyCode::Up), ch('k')], Msg::Up, "scroll up"),
    bind!(In(&[UnlockHelp]), [plain(KeyCode::Down), ch('j')], Msg::Down, "scroll down", "{prev}{key} scroll"),
    bind!(In(&[UnlockHelp]), [plain(KeyCode::Esc), plain(KeyCode::F(1))], Msg::Back, "back to the passphrase", "{key} back"),
    bind!(EVERYWHERE, [plain(KeyCode::F(1))], Msg::Help, "help and crisis lines", "{key} help"),
    bind!(NOT_TYPING, [ch('?')], Msg::Help, "help and crisis lines"),
    bind!(NOT_TYPING, [ch('q')], Msg::Quit, "save and quit", "{key} quit"),
    bind!(TYPING, [ctrl('c')], Msg::Quit, "save everything and quit", "{key} quit"),
    bind!(EVERYWHERE, [ctrl('c')], Msg::Quit, "save everything and quit"),
];

impl Binding {
    pub fn applies(&self, context: Context) -> bool {
        match self.scope {
            Scope::All => true,
            Scope::NotTyping => !is_typing(context),
            Scope::Exercise => ASKING_CONTEXTS.contains(&context) || context == Save,
            Scope::In(contexts) => contexts.contains(&context),
        }
    }
}

/// Is text being typed here (so letters are words, not commands)?
pub fn is_typing(context: Context) -> bool {
    TYPING_CONTEXTS.contains(&context)
}

/// The status-bar hint of binding `i` of the keymap: its words, with `{key}` the
/// name of its first key and `{prev}` that of the binding before it ("↑↓ move").
pub fn hint(i: usize) -> Option<String> {
    let binding = KEYMAP.get(i)?;
    if binding.bar.is_empty() {
        return None;
    }
    let first = |b: &Binding| b.keys.first().map(|k| key_name(*k)).unwrap_or_default();
    let prev = i.checked_sub(1).and_then(|p| KEYMAP.get(p)).map(first);
    Some(
        binding
            .bar
            .replace("{prev}", &prev.unwrap_or_default())
            .replace("{key}", &first(binding)),
    )
}

/// The status-bar hints of a context, in the keymap's order, each with its message.
pub fn hints(context: Context) -> Vec<(String, &'static Msg)> {
    bindings(context)
        .filter_map(|b| {
            let i = KEYMAP.iter().position(|x| std::ptr::eq(x, b))?;
            Some((hint(i)?, &b.msg))
        })
        .collect()
}

/// The name of the key that does `msg` in `context`, for text on screen ("press e
/// to edit"), so what the screen says is always what the keymap does.
pub fn label(context: Context, msg: &Msg) -> String {
    KEYMAP
        .iter()
        .filter(|b| b.applies(context) && same(&b.msg, msg))
        .find_map(|b| b.keys.first())
        .map_or_else(String::new, |k| key_name(*k))
}

/// The name of the key that does `msg` on every screen (Ctrl-C, F1).
pub fn label_everywhere(msg: &Msg) -> String {
    KEYMAP
        .iter()
        .filter(|b| b.scope == Scope::All && same(&b.msg, msg))
        .find_map(|b| b.keys.first())
        .map_or_else(String::new, |k| key_name(*k))
}

/// The same message, counting every digit and every typed character as one.
/// Two messages a binding treats as one (any digit, any typed character).
pub fn same(a: &Msg, b: &Msg) -> bool {
    match (a, b) {
        (Msg::Digit(_), Msg::Digit(_)) => true,
        (Msg::Edit(Edit::InsertChar(_)), Msg::Edit(Edit::InsertChar(_))) => true,
        _ => a == b,
    }
}

/// Turn a key press into a message for the App; a key not in the table does nothing.
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
    None
}

fn matches(pattern: Key, msg: &Msg, key: KeyEvent) -> Option<Msg> {
    // Terminals disagree on whether '?', 'K' or Shift-Tab carry SHIFT; for those it
    // never matters. For arrows it does: Shift-Up moves a ladder item.
    let mut mods = key.modifiers;
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods -= KeyModifiers::SHIFT;
    }
    // Two quick Escs can arrive as one Alt-Esc; it still means "back".
    if key.code == KeyCode::Esc {
        mods -= KeyModifiers::ALT;
    }
    match pattern {
        Key::Digit => match key.code {
            KeyCode::Char(c @ '0'..='9') if mods.is_empty() => Some(Msg::Digit(c as u8 - b'0')),
            _ => None,
        },
        Key::AnyChar => match key.code {
            KeyCode::Char(c) if mods.is_empty() => Some(Msg::Edit(Edit::InsertChar(c))),
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
            .filter(move |b| b.scope != Scope::All && b.applies(context))
    };
    let global = KEYMAP
        .iter()
        .filter(|b| b.scope == Scope::All)
        .filter(move |g| !own().any(|b| b.keys.iter().any(|k| g.keys.contains(k))));
    own().chain(global)
}

#[cfg(test)]
mod tests;
