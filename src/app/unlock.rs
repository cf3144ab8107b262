//! The unlock screen of an encrypted journal, before anything of the journal can be
//! read: a masked passphrase field, a word when a passphrase did not open it, and the
//! crisis lines one key away. Pure, like the App: keys in, what to do out.
//!
//! What is typed lives in memory that is wiped when dropped, reserved up front so it
//! is never copied to a bigger buffer as it grows. It is never drawn, saved or logged.

use zeroize::Zeroizing;

use crate::msg::Msg;
use crate::textfield::Edit;

/// Room for a long passphrase without growing the buffer (a longer one is refused).
pub const MAX_LEN: usize = crate::journal::MAX_PASSPHRASE;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    /// The passphrase field.
    Field,
    /// The crisis lines (F1).
    Help,
}

/// What the runtime should do after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum UnlockEffect {
    None,
    /// Try what was typed (the runtime takes it with [`Unlock::take`]).
    Try,
    Quit,
}

pub struct Unlock {
    typed: Zeroizing<String>,
    pub showing: Showing,
    /// Why the last try did not open the journal, or what is happening now.
    pub note: Option<Note>,
    /// Tries that did not open it, since start.
    pub failed: u32,
    pub width: u16,
    pub height: u16,
    /// How far the crisis lines are scrolled (a small window).
    pub scroll: u16,
    /// Where the journal is, shown so the person knows which one they unlock.
    pub file: String,
    /// The person's own crisis lines (from settings.toml, which is never encrypted),
    /// said first on the help page.
    pub own_lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Deriving the key: a moment.
    Unlocking,
    WrongPassphrase,
    /// The passphrase opens the backups but not the journal.
    Damaged,
    /// The passphrase opens the backups but not the journal, because a change of
    /// passphrase was stopped after the journal had the new one.
    ChangeInterrupted,
    Empty,
    TooLong,
}

impl Unlock {
    pub fn new(file: String, own_lines: Vec<String>) -> Unlock {
        Unlock {
            typed: Zeroizing::new(String::with_capacity(MAX_LEN)),
            showing: Showing::Field,
            note: None,
            failed: 0,
            width: 80,
            height: 24,
            scroll: 0,
            file,
            own_lines,
        }
    }

    /// How many characters have been typed (the screen shows one dot each).
    pub fn typed_len(&self) -> usize {
        self.typed.chars().count()
    }

    pub fn update(&mut self, msg: Msg) -> UnlockEffect {
        match (self.showing, msg) {
            (_, Msg::Quit) => UnlockEffect::Quit,
            (_, Msg::Resize(w, h)) => {
                self.width = w;
                self.height = h;
                UnlockEffect::None
            }
            (Showing::Field, Msg::Help) => {
                self.showing = Showing::Help;
                self.scroll = 0;
                UnlockEffect::None
            }
            (Showing::Help, Msg::Up) => {
                self.scroll = self.scroll.saturating_sub(1);
                UnlockEffect::None
            }
            (Showing::Help, Msg::Down) => {
                // The view keeps the last line in sight (see ui::unlock).
                self.scroll = self.scroll.saturating_add(1);
                UnlockEffect::None
            }
            (Showing::Help, Msg::Back | Msg::Help) => {
                self.showing = Showing::Field;
                UnlockEffect::None
            }
            (Showing::Field, Msg::Open) => {
                // A second Enter after a wrong try keeps saying it was wrong.
                if self.typed.is_empty() && self.note == Some(Note::WrongPassphrase) {
                    UnlockEffect::None
                } else if self.typed.is_empty() {
                    self.note = Some(Note::Empty);
                    UnlockEffect::None
                } else {
                    self.note = Some(Note::Unlocking);
                    UnlockEffect::Try
                }
            }
            (Showing::Field, Msg::Edit(edit)) => {
                self.edit(edit);
                UnlockEffect::None
            }
            (Showing::Field, Msg::Paste(text)) => {
                // Only the first line of a paste: a newline would be a second try.
                let text = Zeroizing::new(text);
                let line = text.split(['\n', '\r']).next().unwrap_or_default();
                self.insert(line);
                UnlockEffect::None
            }
            _ => UnlockEffect::None,
        }
    }

    fn edit(&mut self, edit: Edit) {
        match edit {
            Edit::InsertChar(c) if !c.is_control() => {
                let mut buf = [0u8; 4];
                self.insert(c.encode_utf8(&mut buf));
            }
            Edit::DeleteBack => {
                self.typed.pop();
            }
            // Nothing to see, so a word or a line back is the whole field.
            Edit::DeleteWordBack | Edit::DeleteToLineStart => self.clear(),
            _ => {}
        }
    }

    fn insert(&mut self, text: &str) {
        if self.typed.len() + text.len() > MAX_LEN {
            self.note = Some(Note::TooLong);
            return;
        }
        if matches!(self.note, Some(Note::Empty | Note::TooLong)) {
            self.note = None;
        }
        // Within the reserved room: never reallocated, so never copied.
        self.typed.push_str(text);
    }

    fn clear(&mut self) {
        // Clearing a Zeroizing<String> wipes the bytes (truncate would not).
        use zeroize::Zeroize;
        self.typed.zeroize();
        self.typed.reserve(MAX_LEN);
    }

    /// What was typed, for one try; the field is left empty.
    pub fn take(&mut self) -> Zeroizing<String> {
        let mut taken = Zeroizing::new(String::with_capacity(MAX_LEN));
        taken.push_str(&self.typed);
        self.clear();
        taken
    }

    /// The passphrase opened the newest backup but not the journal.
    pub fn damaged(&mut self) {
        self.note = Some(Note::Damaged);
    }

    /// The passphrase opened the backups but not the journal, which a change of
    /// passphrase stopped partway had already given the new one.
    pub fn change_interrupted(&mut self) {
        self.note = Some(Note::ChangeInterrupted);
    }

    /// The try did not open the journal.
    pub fn wrong(&mut self) {
        self.failed += 1;
        self.note = Some(Note::WrongPassphrase);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(u: &mut Unlock, text: &str) {
        for c in text.chars() {
            u.update(Msg::Edit(Edit::InsertChar(c)));
        }
    }

    #[test]
    fn typing_then_enter_tries_and_empties_the_field() {
        let mut u = Unlock::new("j".into(), Vec::new());
        typed(&mut u, "correct horse");
        assert_eq!(u.typed_len(), 13);
        assert_eq!(u.update(Msg::Open), UnlockEffect::Try);
        assert_eq!(u.take().as_str(), "correct horse");
        assert_eq!(u.typed_len(), 0);
        u.wrong();
        assert_eq!(u.note, Some(Note::WrongPassphrase));
        assert_eq!(u.failed, 1);
    }

    #[test]
    fn a_second_enter_after_a_wrong_try_keeps_saying_it_was_wrong() {
        let mut u = Unlock::new("j".into(), Vec::new());
        typed(&mut u, "bad");
        u.update(Msg::Open);
        drop(u.take());
        u.wrong();
        assert_eq!(u.update(Msg::Open), UnlockEffect::None);
        assert_eq!(u.note, Some(Note::WrongPassphrase));
    }

    #[test]
    fn an_empty_field_is_not_tried() {
        let mut u = Unlock::new("j".into(), Vec::new());
        assert_eq!(u.update(Msg::Open), UnlockEffect::None);
        assert_eq!(u.note, Some(Note::Empty));
    }

    #[test]
    fn help_is_one_key_away_and_typing_waits_behind_it() {
        let mut u = Unlock::new("j".into(), Vec::new());
        typed(&mut u, "ab");
        u.update(Msg::Help);
        assert_eq!(u.showing, Showing::Help);
        typed(&mut u, "cd");
        assert_eq!(u.update(Msg::Open), UnlockEffect::None);
        u.update(Msg::Back);
        assert_eq!(u.showing, Showing::Field);
        assert_eq!(u.typed_len(), 2);
        assert_eq!(u.update(Msg::Quit), UnlockEffect::Quit);
    }

    #[test]
    fn a_paste_keeps_its_first_line_and_the_buffer_never_grows() {
        let mut u = Unlock::new("j".into(), Vec::new());
        let room = u.typed.capacity();
        u.update(Msg::Paste("secret words\nmore".into()));
        assert_eq!(u.typed_len(), 12);
        u.update(Msg::Paste("x".repeat(MAX_LEN)));
        assert_eq!(u.note, Some(Note::TooLong));
        assert_eq!(u.typed_len(), 12);
        typed(&mut u, "é✓");
        u.update(Msg::Edit(Edit::DeleteBack));
        assert_eq!(u.typed_len(), 13);
        u.update(Msg::Edit(Edit::DeleteWordBack));
        assert_eq!(u.typed_len(), 0);
        assert_eq!(u.typed.capacity(), room);
    }
}
