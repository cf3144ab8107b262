//! In-process benchmarks against a 10,000-entry journal (see benches/support):
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

/// Draw a frame, and hand the App its layout as the runtime does.
fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|f| {
            black_box(attune::ui::render(app, f));
        })
        .unwrap();
}

/// What the runtime reads before the first frame.
fn boot(store: &Store) -> Boot {
    attune::runtime::boot(store, Default::default()).0
}

/// Run the effects an update returned against the store, as the runtime does.
fn settle(app: &mut App, store: &mut Store, effects: Vec<attune::app::Effect>) {
    let content = app.content.clone();
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        if let Some(reply) = attune::runtime::run_effect(store, &content, effect) {
            queue.extend(app.update(reply));
        }
    }
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

    // A thought record with a long answer already typed.
    let mut app = App::new(content.clone(), boot(&store));
    app.update(Msg::Resize(120, 40));
    press(
        &mut app,
        &[
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    app.update(Msg::Paste(journal::Rng(7).text(2500, 2600)));
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
    screen("insights", &review, c);

    c.bench_function(
        "full-text search over 10,000 entries, results on screen (80x24)",
        |b| {
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            let mut app = App::new(content.clone(), boot(&store));
            let effects = app.update(Msg::Review);
            settle(&mut app, &mut store, effects);
            let mut flip = false;
            b.iter(|| {
                flip = !flip;
                let query = ReviewQuery {
                    text: if flip {
                        "lonely sister".into()
                    } else {
                        "trust walk".into()
                    },
                    ..Default::default()
                };
                let page = store
                    .find_entries(
                        &attune::runtime::filter_for(&query),
                        0,
                        attune::app::review::PAGE_ROWS,
                    )
                    .unwrap();
                app.update(Msg::ReviewLoaded {
                    offset: 0,
                    rows: page.rows,
                    total: page.total,
                });
                draw(&mut terminal, &app);
            })
        },
    );

    c.bench_function("export markdown of 10,000 entries (in process)", |b| {
        b.iter(|| {
            let export = store.export(&Default::default()).unwrap();
            black_box(attune::export::markdown(&export, &content));
        })
    });

    // Leave the journal opening on Home, as the whole-process figures expect.
    let home = App::new(
        content.clone(),
        Boot {
            session: None,
            ..boot(&store)
        },
    );
    store.save_session(&home.session()).unwrap();
}

criterion_group! {
    name = in_process;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(4));
    targets = benches
}
criterion_main!(in_process);
