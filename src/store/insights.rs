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
        self.insights_with(since, &[])
    }

    /// [`Store::insights`], with the scales content asks to see over time (step,
    /// exercise, prompt and trend, as [`crate::content::Content::trends`] gives them).
    pub fn insights_with(
        &self,
        since: DateTime<FixedOffset>,
        trends: &[(String, String, String, crate::content::Trend)],
    ) -> rusqlite::Result<crate::insights::Insights> {
        use crate::insights::Insights;
        Ok(Insights {
            trends: self.trends(trends)?,
            weeks: self.weekly(since)?,
            feelings: self.feeling_points()?,
            changes: self.pair_changes()?,
            patterns: self.patterns(Local::now().date_naive())?,
            rungs: Vec::new(),
        })
    }

    /// Each trend's latest answers (up to 200 per scale), grouped as content groups
    /// them; a group with no answers yet is left out.
    fn trends(
        &self,
        wanted: &[(String, String, String, crate::content::Trend)],
    ) -> rusqlite::Result<Vec<crate::insights::TrendGroup>> {
        use crate::insights::{TrendGroup, TrendLine};
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.created_at, a.number, a.scale_min, a.scale_max
             FROM entries e
             JOIN answers a ON a.entry_id = e.id
             WHERE e.step_id = ?1 AND e.exercise_id = ?2 AND e.deleted_at IS NULL
               AND a.prompt_id = ?3 AND a.kind = 'scale' AND a.number IS NOT NULL
               AND a.scale_max > a.scale_min
             ORDER BY e.created_unix DESC LIMIT 200",
        )?;
        let mut groups: Vec<TrendGroup> = Vec::new();
        for (step, exercise, prompt, trend) in wanted {
            let mut points = stmt
                .query_map([step, exercise, prompt], |r| {
                    let (value, min, max): (i64, i64, i64) = (r.get(1)?, r.get(2)?, r.get(3)?);
                    Ok((time(r, 0)?, (value - min) * 100 / (max - min)))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            if points.is_empty() {
                continue;
            }
            points.reverse();
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
        let mut found: HashMap<(String, String), HashMap<String, PatternItem>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let day = time(r, 0)?.date_naive();
            let month = months.iter().position(|m| *m == first(day));
            let key = (r.get::<_, String>(1)?, r.get::<_, String>(2)?);
            let items = found.entry(key).or_default();
            let text = r.get_ref(3)?.as_str().unwrap_or_default();
            for item in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let counted = items
                    .entry(item.to_string())
                    .or_insert_with(|| PatternItem {
                        item: item.to_string(),
                        total: 0,
                        by_month: [0; 3],
                    });
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
            // v6): stops once it has enough, whatever the journal's size.
            "SELECT e.created_at, a.number, a.scale_max, a.text FROM entries e
             CROSS JOIN answers a ON a.entry_id = e.id
             WHERE e.deleted_at IS NULL AND a.kind = 'feelings' AND a.number IS NOT NULL
               AND a.scale_max > 0
             ORDER BY e.created_unix DESC, e.id DESC LIMIT 300",
        )?;
        let mut feelings = stmt
            .query_map([], |r| {
                let number: i64 = r.get(1)?;
                let max: i64 = r.get(2)?;
                let text: String = r.get::<_, Option<String>>(3)?.unwrap_or_default();
                // "Scared: anxious, 7 of 10 (felt as ...)", or a family alone.
                let head = text.split(',').next().unwrap_or_default();
                let (family, word) = head.split_once(": ").unwrap_or((head, ""));
                Ok(FeelingPoint {
                    when: time(r, 0)?,
                    percent: number * 100 / max,
                    family: family.trim().to_string(),
                    word: word.trim().to_string(),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        feelings.reverse();
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
