//! Where to get help now. Shown on the help screen (F1, everywhere) and in the
//! README; each line carries the date its details were last checked.

pub struct CrisisLine {
    pub who: &'static str,
    pub how: &'static str,
    pub checked: &'static str,
}

pub const LINES: &[CrisisLine] = &[
    CrisisLine {
        who: "In immediate danger",
        how: "call your local emergency number: 911 (US), 112 (EU), 999 (UK)",
        checked: "2026-11-28",
    },
    CrisisLine {
        who: "US: 988 Suicide & Crisis Lifeline",
        how: "call or text 988, any time",
        checked: "2026-11-28",
    },
    CrisisLine {
        who: "Anywhere else",
        how: "findahelpline.com lists free, confidential lines by country",
        checked: "2026-11-28",
    },
];

pub const NOT_THERAPY: &str =
    "attune is a self-help companion. It is not therapy and not an emergency service.";
