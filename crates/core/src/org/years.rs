//! Fiscal years (预算年度) the bureau works on; the UI header switches between them.

use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use rusqlite::{params, Connection};

pub fn list_years(c: &Connection) -> Result<Vec<i32>> {
    let mut stmt =
        c.prepare("SELECT year FROM fiscal_year WHERE deleted_at IS NULL ORDER BY year")?;
    let years = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(years)
}

pub fn validate_year(year: i32) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid(
            "预算年度",
            format!("{year} 不是有效年度，请填写 2000–2100 之间的四位年份"),
        ));
    }
    Ok(())
}

/// Adds a year; adding one that exists is a no-op (so imports can call it freely).
pub fn ensure_year(ctx: &WriteCtx, year: i32) -> Result<bool> {
    validate_year(year)?;
    let exists: bool = ctx.query_row(
        "SELECT EXISTS(SELECT 1 FROM fiscal_year WHERE year = ?1 AND deleted_at IS NULL)",
        [year],
        |r| r.get(0),
    )?;
    if exists {
        return Ok(false);
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO fiscal_year (id, year, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![id, year, ctx.now()],
    )?;
    ctx.audit(
        "create",
        "fiscal_year",
        Some(&id),
        &format!("新增预算年度 {year}"),
        None,
        Some(&serde_json::json!({ "year": year })),
    )?;
    Ok(true)
}
