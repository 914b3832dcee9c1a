//! The wall clock, read where a result is dated: the month sample data leads up
//! to, the creation date of a NoSQL Workbench export.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in epoch seconds; 0 on a clock set before 1970.
pub fn epoch_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
