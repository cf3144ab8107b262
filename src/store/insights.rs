//! The Insights aggregates: weekly counts, feeling intensities and before/after
//! pairs, read from the journal without its answers' words.

use chrono::{DateTime, FixedOffset, Local};

use super::Store;
use super::entries::time;

impl Store {
    /// What the Insights screen draws: weekly counts since `since`, recent feeling
    /// intensities and recent before/after pairs. Aggregates only; no answer text.
    pub fn insights(
        &self,
        since: DateTime<FixedOffset>,
    ) -> rusqlite::Result<crate::insights::Insights> {
        self.insights_with(since, &[], &[])
    }

    /// [`Store::insights`], with the scales content asks to see over time (step,
    /// exercise, prompt and trend, as [`crate::content::Content::trends`] gives them)
    /// and the scales that rate a belief ([`crate::content::Content::rated`]).
    pub fn insights_with(
        &self,
        since: DateTime<FixedOffset>,
        trends: &[(String, String, String, crate::content::Trend)],
        rated: &[(String, String, String, String)],
    ) -> rusqlite::Result<crate::insights::Insights> {
        use crate::insights::Insights;
        Ok(Insights {
            beliefs: self.beliefs(rated)?,
            trends: self.trends(trends)?,
            weeks: self.weekly(since)?,
            feelings: self.feeling_points()?,
            changes: self.pair_changes()?,
            patterns: self.patterns(Local::now().date_naive())?,
            rungs: Vec::new(),
        })
    }

    /// Each trend's answers in its exercise's latest 100 runs (more than a chart's
    /// columns), grouped as content
    /// groups them; a group with no answers yet is left out. Each exercise's runs are
    /// read once for all its trends, through `entries_by_exercise`.
    fn trends(
        &self,
        wanted: &[(String, String, String, crate::content::Trend)],
    ) -> rusqlite::Result<Vec<crate::insights::TrendGroup>> {
        use crate::insights::{TrendGroup, TrendLine};
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.created_at, a.prompt_id, a.number, a.scale_min, a.scale_max
             FROM (SELECT id, created_at, created_unix FROM entries
                   WHERE step_id = ?1 AND exercise_id = ?2 AND deleted_at IS NULL
                   ORDER BY created_unix DESC LIMIT 100) e
             JOIN answers a ON a.entry_id = e.id
             WHERE a.prompt_id IN (SELECT value FROM json_each(?3))
               AND a.kind = 'scale' AND a.number IS NOT NULL AND a.scale_max > a.scale_min
             ORDER BY e.created_unix",
        )?;
        // Each scale's points, oldest first, in content order.
        let mut lines: Vec<Vec<(DateTime<FixedOffset>, i64)>> = vec![Vec::new(); wanted.len()];
        let mut exercises: Vec<(&str, &str)> = wanted
            .iter()
            .map(|(step, exercise, ..)| (step.as_str(), exercise.as_str()))
            .collect();
        exercises.dedup();
        for (step, exercise) in exercises {
            let prompts: Vec<&str> = wanted
                .iter()
                .filter(|(s, e, ..)| s == step && e == exercise)
                .map(|(_, _, prompt, _)| prompt.as_str())
                .collect();
            let asked = serde_json::to_string(&prompts).unwrap_or_default();
            let rows = stmt.query_map(rusqlite::params![step, exercise, asked], |r| {
                let (value, min, max): (i64, i64, i64) = (r.get(2)?, r.get(3)?, r.get(4)?);
                Ok((
                    time(r, 0)?,
                    r.get::<_, String>(1)?,
                    (value - min) * 100 / (max - min),
                ))
            })?;
            for row in rows {
                let (when, prompt, share) = row?;
                if let Some(i) = wanted
                    .iter()
                    .position(|(s, e, p, _)| s == step && e == exercise && *p == prompt)
                {
                    lines[i].push((when, share));
                }
            }
        }
        let mut groups: Vec<TrendGroup> = Vec::new();
        for ((.., trend), points) in wanted.iter().zip(lines) {
            if points.is_empty() {
                continue;
            }
            let line = TrendLine {
                name: trend.name.clone(),
                points,
            };
            match groups.iter_mut().find(|g| g.group == trend.group) {
                Some(g) => g.lines.push(line),
                None => groups.push(TrendGroup {
                    group: trend.group.clone(),
                    lines: vec![line],
                }),
            }
        }
        Ok(groups)
    }

    /// Each belief rated (in the latest 60 runs of each exercise that rates one; 30
    /// beliefs), its ratings in time order: each exercise's latest runs through
    /// `entries_by_exercise`, their answers read once for every scale and what it rates.
    fn beliefs(
        &self,
        rated: &[(String, String, String, String)],
    ) -> rusqlite::Result<Vec<crate::insights::Belief>> {
        use crate::insights::{Belief, Rating};
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, e.created_at, a.prompt_id, a.kind, a.text, a.number, a.scale_min,
                    a.scale_max
             FROM (SELECT id, created_at FROM entries
                   WHERE step_id = ?1 AND exercise_id = ?2 AND deleted_at IS NULL
                   ORDER BY created_unix DESC LIMIT 60) e
             JOIN answers a ON a.entry_id = e.id
             WHERE a.prompt_id IN (SELECT value FROM json_each(?3))",
        )?;
        // (the belief's key, its words, the rating, the scale's place in content).
        let mut all: Vec<(String, String, Rating, usize)> = Vec::new();
        let mut exercises: Vec<(&str, &str)> = rated
            .iter()
            .map(|(step, exercise, ..)| (step.as_str(), exercise.as_str()))
            .collect();
        exercises.dedup();
        for (step, exercise) in exercises {
            let scales: Vec<(usize, &str, &str)> = rated
                .iter()
                .enumerate()
                .filter(|(_, (s, e, ..))| s == step && e == exercise)
                .map(|(order, (_, _, scale, of))| (order, scale.as_str(), of.as_str()))
                .collect();
            let wanted: Vec<&str> = scales.iter().flat_map(|(_, s, o)| [*s, *o]).collect();
            let wanted = serde_json::to_string(&wanted).unwrap_or_default();
            // Each run's wanted answers: the words of what is rated, and the scales.
            let mut runs: Vec<Run> = Vec::new();
            let rows = stmt.query_map(rusqlite::params![step, exercise, wanted], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    time(r, 1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    (r.get(5)?, r.get(6)?, r.get(7)?),
                ))
            })?;
            for row in rows {
                let (entry, when, prompt, kind, text, scale) = row?;
                if runs.last().is_none_or(|run| run.entry != entry) {
                    runs.push(Run {
                        entry,
                        words: Vec::new(),
                        scales: Vec::new(),
                    });
                }
                let Some(run) = runs.last_mut() else { continue };
                match (kind.as_str(), text, scale) {
                    ("text", Some(words), _) => run.words.push((prompt, words)),
                    ("scale", _, (Some(value), Some(min), Some(max))) if max > min => {
                        run.scales.push((
                            prompt,
                            Rating {
                                entry,
                                when,
                                value,
                                min,
                                max,
                            },
                        ));
                    }
                    _ => {}
                }
            }
            for run in runs {
                for (order, scale, of) in &scales {
                    let words = run.words.iter().find(|(p, _)| p == of);
                    let rating = run.scales.iter().find(|(p, _)| p == scale);
                    if let (Some((_, text)), Some((_, rating))) = (words, rating)
                        && !text.trim().is_empty()
                    {
                        all.push((belief_key(text), text.clone(), rating.clone(), *order));
                    }
                }
            }
        }
        // Oldest first; within a run, in the order content asks (before, after).
        all.sort_by_key(|(_, _, r, order)| (r.when, r.entry, *order));
        // Each belief's place in `beliefs`, by its key.
        let mut places: std::collections::HashMap<String, usize> = Default::default();
        let mut beliefs: Vec<Belief> = Vec::new();
        for (key, text, rating, _) in all {
            match places.get(&key) {
                Some(&i) => {
                    beliefs[i].text = text.trim().to_string();
                    beliefs[i].ratings.push(rating);
                }
                None => {
                    places.insert(key, beliefs.len());
                    beliefs.push(Belief {
                        text: text.trim().to_string(),
                        ratings: vec![rating],
                    });
                }
            }
        }
        beliefs.sort_by_key(|b| std::cmp::Reverse(b.ratings.last().map(|r| (r.when, r.entry))));
        beliefs.truncate(30);
        Ok(beliefs)
    }

    /// Every checklist prompt's items, counted in all and in the three months up to
    /// `today`'s, most ticked first. Checklists are told apart by exercise and label.
    pub fn patterns(
        &self,
        today: chrono::NaiveDate,
    ) -> rusqlite::Result<Vec<crate::insights::Pattern>> {
        use crate::insights::{Pattern, PatternItem};
        use chrono::Datelike;
        use std::collections::HashMap;
        let first = |d: chrono::NaiveDate| d.with_day(1).unwrap_or(d);
        let this = first(today);
        let before = |d: chrono::NaiveDate| first(d - chrono::Days::new(1));
        let months = [before(before(this)), before(this), this];
        let mut stmt = self.conn.prepare_cached(
            // Every checklist answer, from its own index (schema v6).
            "SELECT e.created_at, e.exercise_title, a.label, a.text
             FROM answers a JOIN entries e ON e.id = a.entry_id
             WHERE e.deleted_at IS NULL AND a.kind = 'multi' AND a.text IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        // The months as their entries' times begin ("2026-11"): the date an entry's
        // own time shows is where it was written, as its stamp starts with it.
        let month_tags = months.map(|m| m.format("%Y-%m").to_string());
        // Each checklist (a handful: by exercise and label), then its items; looked up
        // without copying.
        let mut found: Vec<((String, String), HashMap<String, PatternItem>)> = Vec::new();
        while let Some(r) = rows.next()? {
            let stamp = r.get_ref(0)?.as_str().unwrap_or_default();
            let month = month_tags
                .iter()
                .position(|m| stamp.get(..7) == Some(m.as_str()));
            let title = r.get_ref(1)?.as_str().unwrap_or_default();
            let label = r.get_ref(2)?.as_str().unwrap_or_default();
            let at = match found
                .iter()
                .position(|((t, l), _)| t == title && l == label)
            {
                Some(at) => at,
                None => {
                    found.push(((title.to_string(), label.to_string()), HashMap::new()));
                    found.len() - 1
                }
            };
            let items = &mut found[at].1;
            let text = r.get_ref(3)?.as_str().unwrap_or_default();
            for item in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let counted = match items.get_mut(item) {
                    Some(counted) => counted,
                    None => items.entry(item.to_string()).or_insert(PatternItem {
                        item: item.to_string(),
                        total: 0,
                        by_month: [0; 3],
                    }),
                };
                counted.total += 1;
                if let Some(m) = month {
                    counted.by_month[m] += 1;
                }
            }
        }
        let mut patterns: Vec<Pattern> = found
            .into_iter()
            .map(|((exercise_title, label), items)| {
                let mut items: Vec<PatternItem> = items.into_values().collect();
                items.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.item.cmp(&b.item)));
                Pattern {
                    exercise_title,
                    label,
                    months,
                    items,
                }
            })
            .collect();
        patterns.sort_by(|a, b| {
            let total = |p: &Pattern| p.items.iter().map(|i| i.total).sum::<u32>();
            total(b)
                .cmp(&total(a))
                .then_with(|| a.exercise_title.cmp(&b.exercise_title))
                .then_with(|| a.label.cmp(&b.label))
        });
        Ok(patterns)
    }

    /// Entries per week since `since`, every week there (an empty one as 0).
    fn weekly(
        &self,
        since: DateTime<FixedOffset>,
    ) -> rusqlite::Result<Vec<(chrono::NaiveDate, u32)>> {
        use chrono::Datelike;
        let mut weeks: std::collections::BTreeMap<chrono::NaiveDate, u32> = Default::default();
        let mut monday = since.date_naive()
            - chrono::Days::new(u64::from(since.weekday().num_days_from_monday()));
        let today = Local::now().date_naive();
        while monday <= today {
            weeks.insert(monday, 0);
            monday = monday + chrono::Days::new(7);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT created_at FROM entries WHERE deleted_at IS NULL AND created_unix >= ?1",
        )?;
        for stamp in stmt.query_map([since.timestamp()], |r| time(r, 0))? {
            let day = stamp?.date_naive();
            let start = day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
            *weeks.entry(start).or_default() += 1;
        }
        Ok(weeks.into_iter().collect())
    }

    /// The latest feeling intensities, as a share of their scale, oldest first.
    fn feeling_points(&self) -> rusqlite::Result<Vec<crate::insights::FeelingPoint>> {
        use crate::insights::FeelingPoint;
        let mut stmt = self.conn.prepare_cached(
            // Entries newest first, each one's feelings from their own index (schema
            // v6): stops once it has enough, whatever the journal's size. Feelings
            // rated again later in a run are the same feelings, not named anew: the
            // store keeps no strength for them (entries.rs), so they are not read.
            "SELECT e.created_at, a.number, a.scale_max, a.text FROM entries e
             CROSS JOIN answers a ON a.entry_id = e.id
             WHERE e.deleted_at IS NULL AND a.kind = 'feelings' AND a.number IS NOT NULL
               AND a.scale_max > 0
             ORDER BY e.created_unix DESC, e.id DESC LIMIT 200",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    time(r, 0)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Each feeling of an answer is a point of its own, in the order named.
        let mut feelings = Vec::new();
        for (when, max, text) in rows.into_iter().rev() {
            feelings.extend(text.lines().filter_map(|line| {
                let (family, word, strength) = felt_line(line)?;
                Some(FeelingPoint {
                    when,
                    percent: strength * 100 / max,
                    family,
                    word,
                })
            }));
        }
        Ok(feelings)
    }

    /// The latest before/after pairs, oldest first.
    fn pair_changes(&self) -> rusqlite::Result<Vec<crate::insights::Change>> {
        use crate::insights::Change;
        let mut stmt = self.conn.prepare_cached(
            // As the feelings: newest entries first, their paired scales from their
            // own index.
            "SELECT e.id, e.created_at, e.exercise_title, a.pair, a.number, a.scale_max
             FROM entries e CROSS JOIN answers a ON a.entry_id = e.id
             WHERE e.deleted_at IS NULL AND a.kind = 'scale' AND a.pair IS NOT NULL
             ORDER BY e.created_unix DESC, e.id DESC, a.position LIMIT 400",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    time(r, 1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut changes: Vec<Change> = Vec::new();
        for (i, (id, when, title, pair, before, max)) in rows.iter().enumerate() {
            // Within one entry a pair's first scale is "before", the next "after".
            if let Some((_, _, _, _, after, _)) = rows[i + 1..]
                .iter()
                .find(|(id2, _, _, p2, ..)| id2 == id && p2 == pair)
                && !changes
                    .iter()
                    .any(|c| c.when == *when && c.pair == *pair && c.exercise_title == *title)
            {
                changes.push(Change {
                    when: *when,
                    exercise_title: title.clone(),
                    pair: pair.clone(),
                    before: *before,
                    after: *after,
                    max: *max,
                });
            }
        }
        changes.reverse();
        Ok(changes)
    }
}

/// One run's answers that Insights' "Beliefs" reads: the words rated, by prompt,
/// and the scales, by prompt.
struct Run {
    entry: i64,
    words: Vec<(String, String)>,
    scales: Vec<(String, crate::insights::Rating)>,
}

/// The same belief whatever its case, spacing or closing full stop.
fn belief_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', '!'])
        .to_lowercase()
}

/// One feeling's line of a feelings answer's words, "Scared: anxious, 7 of 10 (felt
/// as ...)" or "Numb, 3 of 10": its family, word and strength; None if not rated.
fn felt_line(line: &str) -> Option<(String, String, i64)> {
    let (head, rest) = line.split_once(", ")?;
    let strength = rest.split(' ').next()?.parse().ok()?;
    let (family, word) = head.split_once(": ").unwrap_or((head, ""));
    Some((family.trim().to_string(), word.trim().to_string(), strength))
}

#[cfg(test)]
mod tests {
    use super::{belief_key, felt_line};

    #[test]
    fn a_belief_is_the_same_whatever_its_case_spacing_or_full_stop() {
        assert_eq!(
            belief_key("  You can't   count on anyone. "),
            belief_key("you can't count on ANYONE")
        );
        assert_ne!(
            belief_key("I am hard to love"),
            belief_key("I am easy to love")
        );
    }

    #[test]
    fn a_feelings_line_gives_its_family_word_and_strength() {
        let line = felt_line;
        assert_eq!(
            line("Scared: anxious, 7 of 10 (felt as tight, hot chest)"),
            Some(("Scared".into(), "anxious".into(), 7))
        );
        assert_eq!(
            line("Numb, 3 of 10"),
            Some(("Numb".into(), String::new(), 3))
        );
        assert_eq!(line("Sad: lonely"), None, "not rated: no point");
        assert_eq!(line("Sad: lonely (felt as x, y)"), None);
    }
}
