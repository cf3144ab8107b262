//! Days as the person lives them: a date means their local day, from midnight to
//! midnight, wherever and whenever attune runs.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, TimeZone};

/// Midnight at the start of a day, in local time (the first such moment when a clock
/// change repeats it, the next hour when one skips it).
pub fn day_start(day: NaiveDate) -> DateTime<FixedOffset> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    match Local.from_local_datetime(&midnight).earliest() {
        Some(d) => d.fixed_offset(),
        // Midnight did not exist that day (a clock change at 00:00): take 01:00.
        None => Local
            .from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
            .map(|d| d.fixed_offset())
            .unwrap_or_else(|| midnight.and_utc().fixed_offset()),
    }
}
