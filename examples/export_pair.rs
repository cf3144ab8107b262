//! The Markdown export of two journals, run in turn in one process, to compare them
//! on a machine whose speed drifts: each round times one export of each, and the
//! ratio of the pair is taken round by round.
//!
//! `cargo run --release --example export_pair -- DIR_A DIR_B [ROUNDS]`
//!
//! An encrypted journal is opened with the passphrase in `ATTUNE_PASSPHRASE`. The
//! exports go to a sink (nothing is written), as in `cargo bench --bench main`.

use std::path::Path;
use std::time::Instant;

use attune::store::{Filter, Key, Looks, Passphrase, Store, looks};

fn open(dir: &Path) -> Store {
    let file = dir.join("attune.db");
    match looks(&file).expect("the journal can be read") {
        Looks::Encrypted => {
            let text = std::env::var("ATTUNE_PASSPHRASE").expect("ATTUNE_PASSPHRASE is set");
            let passphrase = Passphrase::new(zeroize::Zeroizing::new(text));
            let key = Key::for_file(&passphrase, &file).expect("the key");
            println!("{}: encrypted, {:?}", dir.display(), key.pages());
            Store::open_with(dir, Some(&key), &|| {}).expect("the journal opens")
        }
        _ => {
            println!("{}: plain", dir.display());
            Store::open(dir).expect("the journal opens")
        }
    }
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [a, b, rest @ ..] = args.as_slice() else {
        eprintln!("usage: export_pair DIR_A DIR_B [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = rest
        .first()
        .map_or(25, |r| r.parse().expect("ROUNDS is a number"));
    let content = attune::content::builtin().expect("the built-in content");
    let stores = [open(Path::new(a)), open(Path::new(b))];
    let tried = stores
        .each_ref()
        .map(|s| attune::export::tried(s, &content).expect("the tries"));
    let everything = Filter::default();
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (i, store) in stores.iter().enumerate() {
            let start = Instant::now();
            let stream = store.export_stream(&everything).expect("the export");
            attune::export::write_markdown(
                &mut std::io::sink(),
                &stream,
                &content,
                &everything,
                &tried[i],
            )
            .expect("the export");
            drop(stream);
            times[i].push(start.elapsed().as_secs_f64() * 1000.0);
        }
    }
    for (dir, t) in [a, b].iter().zip(&times) {
        let (lo, hi) = t
            .iter()
            .fold((f64::MAX, 0.0f64), |(lo, hi), &x| (lo.min(x), hi.max(x)));
        println!("{dir}: median {:.1} ms ({lo:.1}-{hi:.1})", median(t));
    }
    let ratios: Vec<f64> = times[1].iter().zip(&times[0]).map(|(b, a)| b / a).collect();
    println!(
        "B / A, round by round: median {:.3} over {rounds} rounds",
        median(&ratios)
    );
}
