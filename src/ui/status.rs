//! The status bar: the keys of what is on screen, always in the same order —
//! this screen's own keys, then leaving, quitting, "more" when some keys didn't
//! fit, and help, which is always there.

use unicode_width::UnicodeWidthStr;

use crate::app::Msg;
use crate::keys::{self, Context, KEYMAP};

const SEPARATOR: &str = " · ";

/// The hints for `context` in a bar `width` columns wide.
pub fn hints(context: Context, width: usize) -> Vec<String> {
    let all = keys::hints(context);
    let is_tail = |m: &Msg| matches!(m, Msg::Back | Msg::Cancel | Msg::Quit | Msg::Help);
    let body: Vec<(String, &Msg)> = all
        .iter()
        .filter(|(_, m)| !is_tail(m))
        .map(|(h, m)| (h.clone(), *m))
        .collect();
    // Leaving comes before quitting, wherever each is in the keymap.
    let mut tail: Vec<(String, &Msg)> = Vec::new();
    for wanted in [Msg::Back, Msg::Cancel, Msg::Quit] {
        if let Some((h, m)) = all.iter().find(|(_, m)| **m == wanted) {
            tail.push((h.clone(), *m));
        }
    }
    let f1 = keys::label_everywhere(&Msg::Help);
    let long_help = format!("{f1} help & crisis lines");
    let short_help = format!("{f1} help");
    // Where `?` is a key it says "more"; while typing, F1 does.
    let more = keys::KEYMAP
        .iter()
        .filter(|b| b.applies(context) && b.msg == Msg::Help)
        .filter_map(|b| b.keys.first().map(|k| keys::key_name(*k)))
        .find(|k| *k != f1)
        .map(|k| (format!("{k} more"), false))
        .unwrap_or_else(|| (format!("{f1} more & help"), true));

    let fits = |parts: &[String]| {
        let used: usize = parts.iter().map(|p| p.width()).sum::<usize>()
            + SEPARATOR.width() * parts.len().saturating_sub(1)
            + 1;
        used <= width
    };
    // Try the most that can be shown first, then give up room in a fixed order:
    // the long help label, this screen's keys from the last, leaving and quitting.
    let mut shown_body = body.len();
    let mut shown_tail = tail.len();
    let mut long = true;
    loop {
        let visible: Vec<&Msg> = body[..shown_body]
            .iter()
            .chain(&tail[..shown_tail])
            .map(|(_, m)| *m)
            .collect();
        let hidden = has_hidden(context, &visible);
        let mut parts: Vec<String> = body[..shown_body]
            .iter()
            .chain(&tail[..shown_tail])
            .map(|(h, _)| h.clone())
            .collect();
        let help = match (hidden, more.1, long) {
            (true, true, _) => more.0.clone(),
            (true, false, l) => {
                parts.push(more.0.clone());
                if l {
                    long_help.clone()
                } else {
                    short_help.clone()
                }
            }
            (false, _, true) => long_help.clone(),
            (false, _, false) => short_help.clone(),
        };
        parts.push(help);
        if fits(&parts) {
            return parts;
        }
        if long {
            long = false;
        } else if shown_body > 0 {
            shown_body -= 1;
        } else if shown_tail > 0 {
            shown_tail -= 1;
        } else {
            // Even help alone is too wide: say the key.
            return vec![f1];
        }
    }
}

/// The bar's text for `context`.
pub fn line(context: Context, width: usize) -> String {
    format!(" {}", hints(context, width).join(SEPARATOR))
}

/// Does `context` have a key whose action is not among `visible` (counting both
/// keys of a paired hint such as "↑↓ move", and F1 for help)?
fn has_hidden(context: Context, visible: &[&Msg]) -> bool {
    let mut covered: Vec<&Msg> = visible.to_vec();
    for (i, b) in KEYMAP.iter().enumerate() {
        if b.applies(context)
            && visible.contains(&&b.msg)
            && b.bar.contains("{prev}")
            && let Some(prev) = i.checked_sub(1).and_then(|p| KEYMAP.get(p))
        {
            covered.push(&prev.msg);
        }
    }
    KEYMAP.iter().filter(|b| b.applies(context)).any(|b| {
        // The writing timer's key is told by the prompt that offers one.
        !matches!(b.msg, Msg::Help | Msg::Quit | Msg::WritingTimer)
            && !covered.iter().any(|m| crate::keys::same(m, &b.msg))
            && !is_text_editing(&b.msg)
    })
}

/// Typing keys (letters, Backspace, arrows in text) and paging are known to
/// everyone (a page that scrolls says so with its PgUp/PgDn mark) and listed in
/// help; they don't make the bar say "more".
fn is_text_editing(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Edit(_) | Msg::Paste(_) | Msg::PageUp | Msg::PageDown
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_is_always_last_and_the_bar_never_overflows() {
        for &context in Context::ALL {
            for width in [10, 20, 40, 60, 80, 120, 200] {
                let parts = hints(context, width);
                let text = line(context, width);
                assert!(
                    text.width() <= width.max(4),
                    "{context:?} at {width}: {text:?}"
                );
                assert!(
                    parts.last().is_some_and(|p| p.starts_with("F1")),
                    "{context:?} at {width}: {parts:?}"
                );
            }
        }
    }

    #[test]
    fn leaving_and_quitting_come_in_the_same_order_on_every_prompt() {
        for &context in Context::ALL {
            let parts = hints(context, 400);
            let at = |word: &str| parts.iter().position(|p| p.ends_with(word));
            if let (Some(leave), Some(quit)) = (at(" leave").or(at(" back")), at(" quit")) {
                assert!(leave < quit, "{context:?}: {parts:?}");
            }
        }
    }

    #[test]
    fn a_screen_with_keys_not_in_the_bar_says_there_are_more() {
        // Review has delete, undo, export, clear, exercise and insights besides the
        // ones in its bar.
        let narrow = hints(Context::Review, 80);
        assert!(narrow.iter().any(|p| p == "? more"), "{narrow:?}");
        // Given the room, everything is in the bar and "more" goes away.
        let wide = hints(Context::Review, 400);
        assert!(!wide.iter().any(|p| p.contains("more")), "{wide:?}");
        for word in ["delete", "undo", "export", "insights", "clear"] {
            assert!(wide.iter().any(|p| p.contains(word)), "{word}: {wide:?}");
        }
    }

    #[test]
    fn every_exercise_prompt_offers_a_way_out() {
        use Context::*;
        for context in [
            Text,
            Line,
            Scale,
            Choice,
            Multi,
            Feelings,
            FeelingsIntensity,
            Ladder,
            Recall,
            Save,
        ] {
            let parts = hints(context, 80);
            assert!(
                parts.iter().any(|p| p == "Esc leave"),
                "{context:?}: {parts:?}"
            );
            assert!(
                parts.iter().any(|p| p.ends_with(" quit")),
                "{context:?}: {parts:?}"
            );
        }
    }
}
