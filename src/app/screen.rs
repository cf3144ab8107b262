//! Every screen attune can show. Each carries only what it needs to be drawn and
//! navigated; back-navigation is written out in `App::update`, never implied.

/// Items on the home list below the six steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Step(usize),
    /// The quick write: just text, optional feeling words, nothing else asked.
    QuickWrite,
    Continue,
    Review,
    Insights,
    /// Drafts kept from exercises this content pack doesn't have.
    Kept,
    Help,
}

impl Screen {
    /// Help, or the steadying page opened from it: no question or alert covers them.
    pub fn is_help(&self) -> bool {
        matches!(self, Screen::Help { .. } | Screen::Steady { .. })
    }

    /// The screen under help and the steadying page opened from it (any other
    /// screen is its own).
    pub fn beneath(&self) -> &Screen {
        match self {
            Screen::Help { under, .. } => under.beneath(),
            Screen::Steady { back, .. } => back.beneath(),
            screen => screen,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// First run: what attune is and is not, and where the data lives.
    Welcome,
    Home {
        selected: usize,
    },
    /// A step's introduction and its exercises.
    Step {
        step: usize,
        selected: usize,
    },
    /// An exercise in progress; its draft lives in `App::drafts`.
    Exercise {
        step: usize,
        exercise: usize,
    },
    /// A read-only page of a step, such as therapy approaches explained.
    Reading {
        step: usize,
        exercise: usize,
        scroll: u16,
    },
    Review {
        selected: usize,
    },
    /// Pictures of the journal: activity, feelings, before and after, steps.
    Insights {
        section: usize,
    },
    /// One saved entry; its text is in `App::entry` once loaded.
    Entry {
        id: i64,
        scroll: u16,
    },
    /// Drafts attune keeps but cannot open as exercises (see `App::kept`).
    Kept {
        selected: usize,
    },
    /// One kept draft, read-only.
    KeptDraft {
        index: usize,
        scroll: u16,
    },
    /// Keys for the screen underneath, and where to get help now.
    Help {
        under: Box<Screen>,
        scroll: u16,
    },
    /// A few minutes of slow breathing and grounding, opened from help; Esc goes
    /// back to `back` (the help screen it was opened from).
    Steady {
        back: Box<Screen>,
        scroll: u16,
    },
}
