//! Every way search plans a query gives the same entries, in the same order, with
//! the same count, as reading every entry and matching its words one by one: few
//! matches and many (past the point where it pages by walking), words alone and
//! with a step or a day, short prefixes and long, whole-word lists and words that
//! begin nothing, deleted entries not yet purged, entries imported out of order.

mod support;

use attune::store::{Export, ExportedEntry, Filter, Store};
use chrono::{DateTime, NaiveDate};

const ENTRIES: usize = 2600;

fn text_of(n: usize) -> String {
    // Most entries hold "sea"; some "seal" or "season"; every 7th holds "quiet";
    // every 13th one of forty words "walker0" to "walker39" ("walk" begins more
    // words than are asked for one by one; "walker1" begins eleven).
    let walker = format!("walker{}", (n / 13) % 40);
    let mut words = vec!["walked"];
    if n.is_multiple_of(13) {
        words.push(&walker);
    }
    words.push(match n % 10 {
        0 => "season",
        1 => "seal",
        9 => "calm",
        _ => "sea",
    });
    if n.is_multiple_of(7) {
        words.push("quiet");
    }
    if n == 1234 {
        words.push("zanzibar");
    }
    words.join(" ")
}

fn journal() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // Imported in an order unlike their dates: row ids do not follow time.
    let entries = (0..ENTRIES)
        .map(|i| {
            let n = (i * 7919) % ENTRIES;
            let day =
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new((n / 8) as u64);
            let at = format!("{day}T{:02}:00:00+02:00", n % 8 + 8);
            let (step, exercise) = if n.is_multiple_of(3) {
                ("recognize", "pattern-log")
            } else {
                ("express-emotions", "feelings-check-in")
            };
            ExportedEntry {
                step_id: step.into(),
                exercise_id: exercise.into(),
                exercise_title: exercise.into(),
                created_at: at.clone(),
                updated_at: at,
                ..support::exported_text(&format!("entry-{n}"), text_of(n))
            }
        })
        .collect();
    store.import(&Export::of_entries(entries)).unwrap();
    (dir, store)
}

/// What a search must give: every live entry the filter selects, matched word by
/// word, newest first, as (created_at, uid-free text) pairs.
fn expected(store: &Store, filter: &Filter) -> Vec<(String, String)> {
    let narrowed = Filter {
        words: String::new(),
        ..filter.clone()
    };
    let terms = filter.terms();
    let all = store.export(&narrowed).unwrap();
    let mut found: Vec<(String, String)> = all
        .entries
        .iter()
        .filter(|e| {
            let text: String = e
                .answers
                .iter()
                .map(|a| a.value.full_text())
                .collect::<Vec<_>>()
                .join("\n");
            terms.iter().all(|term| {
                attune::search::tokens(&text)
                    .any(|t| attune::search::is_match(&t.folded, std::slice::from_ref(term)))
            })
        })
        .map(|e| (e.created_at.clone(), e.exercise_id.clone()))
        .collect();
    // The export is oldest first; Review is newest first.
    found.reverse();
    found
}

fn searched(store: &Store, filter: &Filter, offset: usize) -> (usize, Vec<(String, String)>) {
    let page = store.find_entries(filter, offset, 80).unwrap();
    let rows = page
        .rows
        .iter()
        .map(|r| (r.created_at.to_rfc3339(), r.exercise_id.clone()))
        .collect();
    (page.total, rows)
}

#[test]
fn every_plan_agrees_with_reading_every_entry() {
    let (_dir, store) = journal();
    // Some matching entries deleted (hidden until the purge), one brought back.
    for id in [3, 40, 41, 900, 2000] {
        store.delete_entry(id).unwrap();
    }
    store.undelete_entry(900).unwrap();
    let day = |d: u32| NaiveDate::from_ymd_opt(2025, 1, d);
    let filters = [
        Filter {
            words: "sea".into(),
            ..Default::default()
        },
        Filter {
            words: "se".into(),
            ..Default::default()
        },
        Filter {
            words: "s".into(),
            ..Default::default()
        },
        Filter {
            words: "seas".into(),
            ..Default::default()
        },
        Filter {
            words: "walked sea".into(),
            ..Default::default()
        },
        Filter {
            words: "quiet".into(),
            ..Default::default()
        },
        Filter {
            words: "walk".into(),
            ..Default::default()
        },
        Filter {
            words: "walker1".into(),
            ..Default::default()
        },
        Filter {
            words: "walker39 sea".into(),
            ..Default::default()
        },
        Filter {
            words: "zanzibar".into(),
            ..Default::default()
        },
        Filter {
            words: "nowhere".into(),
            ..Default::default()
        },
        Filter {
            words: "sea nowhere".into(),
            ..Default::default()
        },
        Filter {
            words: "sea".into(),
            step: Some("recognize".into()),
            ..Default::default()
        },
        Filter {
            words: "walk".into(),
            exercise: Some("feelings-check-in".into()),
            since: day(10),
            until: day(20),
            ..Default::default()
        },
        Filter {
            words: "quiet".into(),
            since: day(30),
            ..Default::default()
        },
    ];
    for filter in &filters {
        let all = expected(&store, filter);
        for offset in [0, 80, 160, all.len().saturating_sub(30), all.len() + 5] {
            let (total, rows) = searched(&store, filter, offset);
            assert_eq!(total, all.len(), "count for {filter:?}");
            let want: Vec<_> = all.iter().skip(offset).take(80).cloned().collect();
            // Dates as written (their offset kept) on both sides.
            let want: Vec<_> = want
                .into_iter()
                .map(|(at, ex)| (DateTime::parse_from_rfc3339(&at).unwrap().to_rfc3339(), ex))
                .collect();
            assert_eq!(rows, want, "page at {offset} for {filter:?}");
        }
    }
    // The plans are all used: few matches and many, words asked for one by one and
    // as a prefix.
    assert!(expected(&store, &filters[5]).len() < 2000);
    assert!(expected(&store, &filters[0]).len() > 2000);
    assert!(!expected(&store, &filters[7]).is_empty());
}

/// FTS5 keeps a word's first 32,768 bytes, so a longer one can be cut in the middle
/// of a character. Such a word, where the index's list of words holds it, neither
/// stops other searches nor is lost to its own.
#[test]
fn a_word_the_index_cut_short_stops_no_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    // 11,000 CJK characters are one word of 33,000 bytes: cut after 10,922 and a third.
    let long = "山".repeat(11_000);
    store
        .import(&Export::of_entries(vec![
            support::exported_text("a", format!("walked to the zoo {long}")),
            support::exported_text("b", "zebra".into()),
        ]))
        .unwrap();
    for (typed, found) in [
        ("zoo", 1),
        ("zebra", 1),
        ("walked", 1),
        ("zzz", 0),
        ("山山山", 1),
        ("zoo 山山", 1),
    ] {
        let filter = Filter {
            words: typed.into(),
            ..Default::default()
        };
        let page = store.find_entries(&filter, 0, 80);
        assert_eq!(
            page.map(|p| p.total).map_err(|e| e.to_string()),
            Ok(found),
            "{typed}"
        );
    }
}
