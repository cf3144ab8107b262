//! In-process benchmarks against the generated journal (10,000 entries, or
//! `ATTUNE_BENCH_ENTRIES`; see benches/support):
//! start, a keystroke, each screen's draw, autosave, search, export.

#[path = "support/journal.rs"]
mod journal;

use std::hint::black_box;

use attune::app::review::ReviewQuery;
use attune::app::{App, Boot, Msg};
use attune::store::Store;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn key(code: KeyCode) -> Msg {
    attune::keys::map(
        attune::keys::Context::Home,
        KeyEvent::new(code, KeyModifiers::NONE),
    )
    .unwrap_or(Msg::Tick)
}

/// Press keys through the real keymap.
fn press(app: &mut App, codes: &[KeyCode]) {
    for code in codes {
        if let Some(msg) =
            attune::keys::map(app.context(), KeyEvent::new(*code, KeyModifiers::NONE))
        {
            app.update(msg);
        }
    }
}

/// Draw a frame, and return the layout the runtime would hand back to the App.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) -> attune::app::Laid {
    let mut laid = attune::app::Laid::default();
    terminal
        .draw(|f| {
            laid = black_box(attune::ui::render(app, f));
        })
        .unwrap();
    laid
}

/// What the runtime reads before the first frame.
fn boot(store: &Store) -> Boot {
    attune::runtime::boot(store, Default::default()).0
}

/// Run the effects an update returned against the store, as the runtime does.
fn settle(app: &mut App, store: &mut Store, effects: Vec<attune::app::Effect>) {
    let mut queue: std::collections::VecDeque<Msg> = effects
        .into_iter()
        .flat_map(|e| attune::runtime::run_effect(store, &app.content, e))
        .collect();
    attune::runtime::drain(app, &mut queue, |app, effect| {
        attune::runtime::run_effect(store, &app.content, effect)
            .into_iter()
            .collect()
    });
}

/// One page of Review's search for `text`, as the searcher thread reads it.
fn search(store: &Store, text: &str) -> attune::store::Page {
    let query = ReviewQuery {
        text: text.into(),
        ..Default::default()
    };
    store
        .find_entries(
            &attune::runtime::filter_for(&query),
            0,
            attune::app::review::PAGE_ROWS,
        )
        .unwrap()
}

/// The whole journal as Markdown, as `attune export` writes it, into a sink.
fn markdown_to_sink(
    store: &Store,
    content: &attune::content::Content,
    tried: &attune::export::Tried,
) {
    let everything = attune::store::Filter::default();
    let stream = store.export_stream(&everything).unwrap();
    attune::export::write_markdown(&mut std::io::sink(), &stream, content, &everything, tried)
        .unwrap();
}

/// From Home to the thought record: step 4 (Down three times), its first exercise.
const TO_THOUGHT_RECORD: &[KeyCode] = &[
    KeyCode::Down,
    KeyCode::Down,
    KeyCode::Down,
    KeyCode::Enter,
    KeyCode::Enter,
];

/// A thought record open from Home, with a long answer already typed.
fn writing(store: &Store, content: &attune::content::Content) -> App {
    let mut app = App::new(content.clone(), boot(store));
    press(&mut app, TO_THOUGHT_RECORD);
    app.update(Msg::Paste(journal::Rng(7).text(2500, 2600)));
    app
}

/// Leave the journal opening on Home, as the whole-process figures expect.
fn leave_on_home(store: &Store, content: &attune::content::Content) {
    let home = App::new(
        content.clone(),
        Boot {
            session: None,
            ..boot(store)
        },
    );
    store.save_session(&home.session()).unwrap();
}

fn benches(c: &mut Criterion) {
    let dir = journal::data_dir();
    let _ = key(KeyCode::Enter);

    c.bench_function(
        "start: open store, load content, build App, first frame (80x24)",
        |b| {
            b.iter(|| {
                let store = Store::open(&dir).unwrap();
                let content = attune::content::builtin().unwrap();
                let app = App::new(content, boot(&store));
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                draw(&mut terminal, &app);
                black_box(&terminal);
            })
        },
    );

    let mut store = Store::open(&dir).unwrap();
    let content = attune::content::builtin().unwrap();
    // A run stopped half way (a filter, Ctrl-C) may have left a session open elsewhere.
    leave_on_home(&store, &content);

    let mut app = writing(&store, &content);
    app.update(Msg::Resize(120, 40));
    let mut wide = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("keystroke in a text prompt: update + draw (120x40)", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            let code = if flip {
                KeyCode::Char('a')
            } else {
                KeyCode::Backspace
            };
            press(&mut app, &[code]);
            draw(&mut wide, &app);
        })
    });

    c.bench_function("autosave of the session", |b| {
        let session = app.session();
        b.iter(|| store.save_session(black_box(&session)).unwrap())
    });
    // That saved the thought record as open: the screens below start from Home.
    leave_on_home(&store, &content);

    let screen = |name: &str, app: &App, c: &mut Criterion| {
        let mut big = Terminal::new(TestBackend::new(200, 60)).unwrap();
        c.bench_function(&format!("draw {name} (200x60)"), |b| {
            b.iter(|| {
                draw(&mut big, app);
            })
        });
    };
    let mut home = App::new(content.clone(), boot(&store));
    home.update(Msg::Resize(200, 60));
    screen("home", &home, c);
    press(
        &mut home,
        &[KeyCode::Down, KeyCode::Down, KeyCode::Down, KeyCode::Enter],
    );
    screen("step", &home, c);
    screen("exercise", &app, c);
    let mut review = App::new(content.clone(), boot(&store));
    review.update(Msg::Resize(200, 60));
    let effects = review.update(Msg::Review);
    settle(&mut review, &mut store, effects);
    screen("review", &review, c);
    let effects = review.update(Msg::Insights);
    settle(&mut review, &mut store, effects);
    // Every Insights picture drawn, and all of them computed from the journal.
    for (section, name) in attune::app::insights::SECTIONS.iter().enumerate() {
        assert_eq!(review.screen, attune::app::Screen::Insights { section });
        screen(&format!("insights, {name}"), &review, c);
        review.update(Msg::Increase);
    }
    c.bench_function("insights: computed from the journal", |b| {
        let since = chrono::Local::now().fixed_offset() - chrono::Duration::weeks(12);
        let (trends, rated) = (content.trends(), content.rated());
        let rungs = content.rung_prompts();
        // As the runtime reads them: the aggregates, then the rungs tried.
        b.iter(|| {
            let mut insights = store
                .insights_with(black_box(since), &trends, &rated)
                .unwrap();
            insights.rungs = store.latest_rung_tries(&rungs, 60).unwrap();
            insights
        })
    });

    // A search keystroke's read and draw: words in most entries (two queries, in
    // turn, so neither is simply cached), a word in few, a first letter, and the
    // first two letters.
    let searches: [(&str, [&str; 2]); 4] = [
        ("common words", ["lonely sister", "trust walk"]),
        ("a word in few entries", ["uneasy", "uneasy"]),
        ("a first letter (prefix)", ["l", "t"]),
        ("two first letters (prefix)", ["lo", "tr"]),
    ];
    for (what, texts) in searches {
        c.bench_function(
            &format!("full-text search, {what}, results on screen (80x24)"),
            |b| {
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                let mut app = App::new(content.clone(), boot(&store));
                let effects = app.update(Msg::Review);
                settle(&mut app, &mut store, effects);
                let mut flip = false;
                b.iter(|| {
                    flip = !flip;
                    let page = search(&store, texts[usize::from(flip)]);
                    app.update(Msg::ReviewLoaded {
                        offset: 0,
                        rows: page.rows,
                        total: page.total,
                    });
                    draw(&mut terminal, &app);
                })
            },
        );
    }

    c.bench_function("export markdown (in process)", |b| {
        b.iter(|| {
            let export = store.export(&Default::default()).unwrap();
            black_box(attune::export::markdown(&export, &content));
        })
    });

    // What `attune export` does: the journal read as it is written, one entry in
    // memory at a time, here into a sink (the disk's part is in benches/process.rs).
    let everything = attune::store::Filter::default();
    c.bench_function("export markdown, streamed to a sink (in process)", |b| {
        let tried = attune::export::tried(&store, &content).unwrap();
        b.iter(|| markdown_to_sink(&store, &content, &tried))
    });
    c.bench_function("export json, streamed to a sink (in process)", |b| {
        b.iter(|| {
            let stream = store.export_stream(&everything).unwrap();
            attune::export::write_json(&mut std::io::sink(), &stream).unwrap();
        })
    });

    // What `attune import` does with each entry, for 2,000 of them, into a new
    // journal each time (the file's reading is in benches/process.rs).
    let some = {
        let mut export = store.export(&everything).unwrap();
        export.entries.truncate(2_000);
        export
    };
    c.bench_function(
        "import 2,000 entries into a new journal (in process)",
        |b| {
            b.iter_batched(
                || tempfile::tempdir().unwrap(),
                |fresh| {
                    let mut into = Store::open(fresh.path()).unwrap();
                    black_box(into.import(&some).unwrap());
                    into.close().unwrap();
                    fresh
                },
                criterion::BatchSize::PerIteration,
            )
        },
    );

    leave_on_home(&store, &content);
}

/// Huge text stays responsive: a keystroke and a scroll cost the same with 10 MB of
/// words as with a few lines (the loss bound needs the autosave to stay well under a
/// second too).
fn huge(c: &mut Criterion) {
    let content = attune::content::builtin().unwrap();
    let mut rng = journal::Rng(11);
    let mut many_lines = String::new();
    while many_lines.len() < 10 << 20 {
        many_lines.push_str(&rng.text(2000, 4000));
        many_lines.push('\n');
    }
    let one_line = many_lines.replace('\n', " ");
    for (name, text) in [
        ("10 MB, many lines", &many_lines),
        ("10 MB, one line", &one_line),
    ] {
        let mut app = App::new(
            content.clone(),
            Boot {
                welcomed: true,
                ..Boot::default()
            },
        );
        press(&mut app, TO_THOUGHT_RECORD);
        app.update(Msg::Paste(text.clone()));
        // Back to the middle, as someone revising would be.
        for _ in 0..3 {
            press(&mut app, &[KeyCode::Up]);
        }
        let mut wide = Terminal::new(TestBackend::new(200, 60)).unwrap();
        let laid = draw(&mut wide, &app);
        app.update(Msg::Laid(laid));
        c.bench_function(
            &format!("keystroke in a {name} draft: update + draw (200x60)"),
            |b| {
                let mut flip = false;
                b.iter(|| {
                    flip = !flip;
                    let code = if flip {
                        KeyCode::Char('a')
                    } else {
                        KeyCode::Backspace
                    };
                    press(&mut app, &[code]);
                    draw(&mut wide, &app);
                })
            },
        );
        if name.contains("many") {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(dir.path()).unwrap();
            let session = app.session();
            c.bench_function(&format!("autosave of a {name} draft"), |b| {
                b.iter(|| store.save_session(black_box(&session)).unwrap())
            });
        }
    }

    let mut reader = App::new(
        content.clone(),
        Boot {
            welcomed: true,
            ..Boot::default()
        },
    );
    let mut big = String::new();
    while big.len() < 50 << 20 {
        big.push_str(&rng.text(2000, 4000));
        big.push('\n');
    }
    press(&mut reader, &[KeyCode::Char('r')]);
    let when = chrono::Local::now().fixed_offset();
    let entry = attune::journal::Entry {
        id: 1,
        uid: "huge".into(),
        step_id: "recognize".into(),
        exercise_id: "pattern-log".into(),
        exercise_title: "Pattern log".into(),
        created_at: when,
        updated_at: when,
        answers: vec![attune::journal::Answer {
            prompt_id: "situation".into(),
            label: "What happened?".into(),
            value: attune::journal::AnswerValue::Text(big),
            pair: None,
        }],
        history: vec![],
    };
    reader.update(Msg::ReviewLoaded {
        offset: 0,
        rows: vec![attune::journal::EntrySummary {
            id: 1,
            step_id: "recognize".into(),
            exercise_id: "pattern-log".into(),
            exercise_title: "Pattern log".into(),
            created_at: when,
            preview: String::new(),
        }],
        total: 1,
    });
    press(&mut reader, &[KeyCode::Enter]);
    reader.update(Msg::EntryLoaded(1, Some(Box::new(entry))));
    let mut wide = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let laid = draw(&mut wide, &reader);
    reader.update(Msg::Laid(laid));
    c.bench_function("one line down a 50 MB entry: update + draw (200x60)", |b| {
        let mut flip = false;
        b.iter(|| {
            flip = !flip;
            press(
                &mut reader,
                &[if flip { KeyCode::Down } else { KeyCode::Up }],
            );
            draw(&mut wide, &reader);
        })
    });
}

/// The same journal encrypted (issue 14's targets): the key derivation on its own,
/// then what follows the passphrase being accepted.
fn encrypted(c: &mut Criterion) {
    use attune::store::{Key, Passphrase};
    let dir = journal::encrypted_dir();
    let file = dir.join("attune.db");
    let passphrase = || Passphrase::new(zeroize::Zeroizing::new(journal::PASSPHRASE.into()));
    c.bench_function(
        "encrypted: key derivation (PBKDF2-HMAC-SHA512, 256,000 rounds)",
        |b| {
            let p = passphrase();
            b.iter(|| Key::for_file(black_box(&p), &file).unwrap())
        },
    );
    let key = Key::for_file(&passphrase(), &file).unwrap();
    {
        let store = Store::open_with(&dir, Some(&key), &|| {}).unwrap();
        leave_on_home(&store, &attune::content::builtin().unwrap());
    }
    c.bench_function(
        "encrypted: start after the key: open store, load content, build App, first frame (80x24)",
        |b| {
            b.iter(|| {
                let store = Store::open_with(&dir, Some(&key), &|| {}).unwrap();
                let content = attune::content::builtin().unwrap();
                let app = App::new(content, boot(&store));
                let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
                draw(&mut terminal, &app);
                black_box(&terminal);
            })
        },
    );
    let store = Store::open_with(&dir, Some(&key), &|| {}).unwrap();
    let content = attune::content::builtin().unwrap();
    let app = writing(&store, &content);
    c.bench_function("encrypted: autosave of the session", |b| {
        let session = app.session();
        b.iter(|| store.save_session(black_box(&session)).unwrap())
    });
    for (what, texts) in [
        ("common words", ["lonely sister", "trust walk"]),
        ("a word in few entries", ["uneasy", "uneasy"]),
    ] {
        c.bench_function(&format!("encrypted: full-text search, {what}"), |b| {
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                search(&store, texts[usize::from(flip)])
            })
        });
    }
    c.bench_function(
        "encrypted: export markdown, streamed to a sink (in process)",
        |b| {
            let tried = attune::export::tried(&store, &content).unwrap();
            b.iter(|| markdown_to_sink(&store, &content, &tried))
        },
    );
    leave_on_home(&store, &content);
}

criterion_group! {
    name = in_process;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches, huge, encrypted
}
criterion_main!(in_process);
