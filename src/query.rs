//! What a person asked Review to show (step, exercise, time, words, and dates typed
//! as `since:`/`until:`): asked of the store, exported, and shown in the filter line.
//! A plain value, shared by the App, its messages and the runtime.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    All,
    Today,
    Week,
    Month,
}

impl Range {
    pub fn label(self) -> &'static str {
        match self {
            Range::All => "all time",
            Range::Today => "today",
            Range::Week => "last 7 days",
            Range::Month => "last 30 days",
        }
    }

    pub const ALL: [Range; 4] = [Range::All, Range::Today, Range::Week, Range::Month];

    /// The name a saved session gives it (empty for all time).
    pub fn name(self) -> &'static str {
        match self {
            Range::All => "",
            Range::Today => "today",
            Range::Week => "week",
            Range::Month => "month",
        }
    }

    /// The range a saved name stands for; one attune does not know is all time.
    pub fn named(name: &str) -> Range {
        Range::ALL
            .into_iter()
            .find(|r| r.name() == name)
            .unwrap_or(Range::All)
    }
}

/// The search line as it is searched, shown and saved: one line, where a tab, a line
/// break or a control character (pasted, say) is a space, which separates words as
/// it did. Unchanged text is not copied.
pub fn search_line(typed: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| matches!(c, '\t' | '\n' | '\r') || crate::sanitize::is_unsafe(c);
    if !typed.contains(odd) {
        return typed.into();
    }
    typed
        .chars()
        .map(|c| if odd(c) { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// What the person asked Review to show. Dates typed into the search line as
/// `since:2026-11-01` or `until:2026-11-20` count too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewQuery {
    pub step: Option<String>,
    pub exercise: Option<String>,
    pub range: Range,
    pub text: String,
    pub offset: usize,
}

impl ReviewQuery {
    /// Do both ask for the same list (whatever page of it)?
    pub fn same_list(&self, other: &ReviewQuery) -> bool {
        ReviewQuery {
            offset: 0,
            ..self.clone()
        } == ReviewQuery {
            offset: 0,
            ..other.clone()
        }
    }

    /// The search words without the date tokens.
    pub fn words(&self) -> String {
        self.text
            .split_whitespace()
            .filter(|w| date_token(w).is_none())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The day typed as `since:2026-11-01` (key "since") or `until:...`.
    pub fn typed_date(&self, key: &str) -> Option<chrono::NaiveDate> {
        self.text
            .split_whitespace()
            .filter_map(date_token)
            .filter(|(k, _)| k.eq_ignore_ascii_case(key))
            .find_map(|(_, d)| parse_day(d))
    }

    /// What is wrong with a date typed in the search line, said so it can be put
    /// right: `since:yesterday` is not ignored in silence.
    pub fn date_problem(&self) -> Option<String> {
        let (key, day) = self
            .text
            .split_whitespace()
            .filter_map(date_token)
            .find(|(_, d)| parse_day(d).is_none())?;
        let key = key.to_ascii_lowercase();
        Some(if day.is_empty() {
            format!("{key}: wants a day written year-month-day, such as {key}:2026-11-01.")
        } else {
            format!(
                "“{day}” is not a day attune can read; write {key}: as year-month-day, such as {key}:2026-11-01. Until then it is left out."
            )
        })
    }
}

/// `since:2026-11-01` as ("since", "2026-11-01"); any other word is None.
pub(crate) fn date_token(word: &str) -> Option<(&str, &str)> {
    let (key, day) = word.split_once(':')?;
    (key.eq_ignore_ascii_case("since") || key.eq_ignore_ascii_case("until")).then_some((key, day))
}

fn parse_day(day: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}
