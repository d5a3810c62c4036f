//! 数据交换: offline exchange between PCs by file (USB). Each PC has an identity ([`site`]);
//! change triggers give every synced row a version ([`tables`], [`version`]); [`export`] writes
//! the versions changed since the last package to a destination into a `.jxpkg` ([`package`]);
//! [`import`] applies one in a single transaction, idempotently, after `admission` checks,
//! keeping what both sides changed as [`conflicts`] for a person to settle; [`history`] lists
//! packages and peers, [`destinations`] where this PC can export to.
//!
//! Why triggers and not SQLite's session extension: sessions need libclang at build time and
//! carry changes, not row versions; a per-row version with its recent history is what tells
//! "newer" from "both changed" across several PCs, and tombstones make deletes travel.

mod admission;
pub mod audit_trail;
pub mod conflicts;
pub mod destinations;
pub mod enrol;
pub mod export;
pub mod history;
pub mod import;
pub mod keys;
mod merge;
pub mod package;
mod rows;
pub mod site;
pub mod tables;
pub mod version;

pub use conflicts::{Choice, Conflict};
pub use export::{export, ExportReport, ALL};
pub use import::{import, preview, ImportPreview, ImportReport};
pub use site::{Site, SiteInput, SiteKind};

use crate::Result;
use rusqlite::Connection;

/// Marks every row's current version as held by another PC too (a manual backup that may become
/// a township's copy, a new site identity): the next local edit keeps it in the row's history
/// and as the merge base.
pub fn mark_all_shared(c: &Connection) -> Result<()> {
    c.execute("UPDATE sync_row SET shared = 1 WHERE shared = 0", [])?;
    Ok(())
}

/// Installs what the exchange needs on an open database: the identity row and the triggers.
pub(crate) fn install(c: &Connection, now: &str) -> Result<()> {
    site::ensure(c, now)?;
    keys::ensure(c, now)?;
    tables::install_triggers(c)
}
