//! The rungs of each ladder tried, read once before a Markdown export, so the
//! export can write under each rung its latest try and how many there were.

use std::collections::{BTreeMap, HashMap};

use crate::content::Content;
use crate::journal::RungTry;

/// Every ladder's rungs tried, by the ladder prompt (step, exercise and prompt ids):
/// a ladder in the export says which of its rungs were tried.
pub type Tried = BTreeMap<(String, String, String), RungsTried>;

/// A ladder's rungs tried, by the rung's words: the latest try and how many there
/// were. Looked up, not searched for: a ladder's every rung among every try of it
/// took a sixth of an export of 100,000 entries.
pub type RungsTried = HashMap<String, (RungTry, usize)>;

/// The tries of every ladder that content's rung prompts pick from.
pub fn tried(store: &crate::store::Store, content: &Content) -> rusqlite::Result<Tried> {
    let mut all: BTreeMap<_, Vec<RungTry>> = BTreeMap::new();
    let mut tried = Tried::new();
    for source in content.rung_prompts() {
        let key = (
            source.spec.step.clone(),
            source.spec.exercise.clone(),
            source.spec.prompt.clone(),
        );
        let tries = store.rung_tries(std::slice::from_ref(&source))?;
        all.entry(key).or_default().extend(tries);
    }
    for (key, mut tries) in all {
        // Oldest first (a stable sort: tries at the same time stay in the order read),
        // so the last one kept is the latest.
        tries.sort_by_key(|t| t.on);
        let rungs: &mut RungsTried = tried.entry(key).or_default();
        for t in tries {
            match rungs.get_mut(&t.rung) {
                Some((latest, n)) => {
                    *latest = t;
                    *n += 1;
                }
                None => {
                    rungs.insert(t.rung.clone(), (t, 1));
                }
            }
        }
    }
    Ok(tried)
}
