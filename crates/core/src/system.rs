//! 系统 — what the app shows about its database and the first-start setup (operator profile +
//! blank or demo database, in one transaction).

use crate::db::{latest_version, Db};
use crate::operator::{self, Actor};
use crate::{demo, library, org, Result};
use chrono::Datelike;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SystemStatus {
    pub db_path: String,
    pub schema_version: i64,
    pub app_version: String,
    /// None until first start is done.
    pub operator: Option<Actor>,
    pub years: Vec<i32>,
    pub unit_count: u32,
    pub project_count: u32,
}

pub fn status(db: &Db) -> Result<SystemStatus> {
    db.read(|c| {
        let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, u32>(0));
        Ok(SystemStatus {
            db_path: db
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "（内存数据库）".into()),
            schema_version: latest_version(),
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            operator: operator::current(c)?,
            years: org::list_years(c)?,
            unit_count: count("SELECT COUNT(*) FROM org_unit WHERE deleted_at IS NULL")?,
            project_count: count("SELECT COUNT(*) FROM project WHERE deleted_at IS NULL")?,
        })
    })
}

/// First start: saves the operator and either loads the demo county or opens the current year
/// on a blank database, and installs the starter 指标库 — all or nothing.
pub fn first_start(db: &Db, name: &str, dept: &str, load_demo: bool) -> Result<SystemStatus> {
    let actor = operator::new_actor(name, dept)?;
    let year = db.clock().today().year();
    db.write(&actor, |ctx| {
        operator::insert_and_select(ctx, &actor)?;
        // The library first: the demo's 绩效目标 draw their indicators from it.
        library::install_starter(ctx)?;
        if load_demo {
            demo::generate_in(ctx, demo::DEFAULT_SEED)?;
        } else {
            org::ensure_year(ctx, year)?;
        }
        Ok(())
    })?;
    status(db)
}
