//! Where to get help now, and what attune is not. Shown on the help screen (F1,
//! everywhere), on the welcome screen and in the README (a test keeps the README's
//! table the same as these lines).

pub struct CrisisLine {
    pub who: &'static str,
    pub how: &'static str,
}

/// When the built-in lines below were last checked against their sources.
pub const CHECKED: &str = "2026-11-28";

// Sources, checked on CHECKED:
// - 911 (US and Canada), 112 (EU-wide, and most of Europe), 999 (UK): the national
//   emergency numbers.
// - 988 Suicide & Crisis Lifeline (988lifeline.org): call or text 988, 24/7, in the
//   US; Canada's 9-8-8 Suicide Crisis Helpline (988.ca) answers calls and texts to
//   988 since 30 November 2023.
// - Samaritans (samaritans.org, samaritans.ie): 116 123, free from any phone in the
//   UK and Ireland, 24 hours a day.
// - findahelpline.com (ThroughLine): free, confidential lines by country, topic
//   included (domestic violence among them).
pub const LINES: &[CrisisLine] = &[
    CrisisLine {
        who: "In immediate danger",
        how: "call your local emergency number: 911 (US, Canada), 112 (EU), 999 (UK)",
    },
    CrisisLine {
        who: "US and Canada: 988 Suicide & Crisis Lifeline",
        how: "call or text 988, any time",
    },
    CrisisLine {
        who: "UK and Ireland: Samaritans",
        how: "call 116 123, free, any time",
    },
    CrisisLine {
        who: "Anywhere else",
        how: "findahelpline.com lists free, confidential lines by country",
    },
];

/// What attune is not, and what follows from that.
pub const NOT_THERAPY: &str = "attune is a self-help companion. It is not therapy and not an \
    emergency service. No one reads or watches what you write, so attune cannot notice if you \
    are struggling. If an exercise leaves you feeling worse, pause it. When self-help isn't \
    enough (low mood that lasts, thoughts of harming yourself, memories of trauma that \
    overwhelm you, drinking or drugs to cope), please reach a professional.";

/// For the person whose relationship is not safe.
pub const RELATIONSHIP_SAFETY: &str = "If someone frightens, controls or hurts you, your \
    safety comes first: findahelpline.com lists domestic-violence lines too. The exercises on \
    opening up are for relationships where you feel basically safe.";

/// Where a person's own lines go.
pub const OWN_LINES: &str = "Add lines for where you live to settings.toml in your data \
    folder (the README shows how); they are listed first.";

/// The built-in lines as plain text, one per line (a safety plan starts with them).
pub fn as_text() -> String {
    LINES
        .iter()
        .map(|l| format!("{}: {}", l.who, l.how))
        .collect::<Vec<_>>()
        .join("\n")
}
