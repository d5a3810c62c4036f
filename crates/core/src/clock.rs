//! Time comes from a `Clock` so business code and tests agree on "now".

use chrono::{DateTime, Local, NaiveDate, TimeZone};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Local>;

    /// Timestamp as stored in `created_at` / `updated_at` (RFC 3339, seconds, local offset).
    fn stamp(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Local> {
        Local::now()
    }
}

/// A clock stopped at one instant (tests, demo data).
pub struct FixedClock(pub DateTime<Local>);

impl FixedClock {
    pub fn at(y: i32, m: u32, d: u32) -> FixedClock {
        let dt = Local
            .with_ymd_and_hms(y, m, d, 9, 0, 0)
            .earliest()
            .unwrap_or_else(Local::now);
        FixedClock(dt)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Local> {
        self.0
    }
}
