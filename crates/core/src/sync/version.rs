//! Row versions and how an incoming version relates to ours: newer (apply it), already known
//! (skip), or diverged (both sides changed the row since they last agreed — a conflict unless
//! both ended with the same data). Pure: no database here.

use super::package::Change;
use rusqlite::{Connection, OptionalExtension};

/// Earlier versions kept per row; enough to recognise any version two PCs exchanged recently.
pub const HIST_LIMIT: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowVersion {
    pub ver: String,
    pub hist: Vec<String>,
    pub deleted: bool,
    pub origin: String,
}

impl RowVersion {
    /// A row this PC never had: no version, no history, as if deleted.
    pub fn absent() -> RowVersion {
        RowVersion {
            ver: String::new(),
            hist: vec![],
            deleted: true,
            origin: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// We don't have the row and the change creates it.
    New,
    /// The change descends from our version: take it.
    Newer,
    /// We have this version or a later one (or a delete of a row we never had).
    Known,
    /// Both sides changed the row since they last agreed.
    Diverged,
}

pub fn relate(ours: Option<&RowVersion>, theirs: &Change) -> Relation {
    match ours {
        None if theirs.deleted => Relation::Known,
        None => Relation::New,
        Some(o) if o.ver == theirs.ver => Relation::Known,
        Some(o) if theirs.hist.contains(&o.ver) => Relation::Newer,
        Some(o) if o.hist.contains(&theirs.ver) => Relation::Known,
        Some(_) => Relation::Diverged,
    }
}

/// A history that contains both sides (for a merged or resolved version), newest kept.
pub fn merged_hist(ours: &RowVersion, theirs_ver: &str, theirs_hist: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in ours
        .hist
        .iter()
        .chain(theirs_hist)
        .map(String::as_str)
        .chain([ours.ver.as_str(), theirs_ver])
    {
        if !out.iter().any(|x| x == v) {
            out.push(v.to_string());
        }
    }
    let excess = out.len().saturating_sub(HIST_LIMIT);
    out.drain(..excess);
    out
}

/// A fresh version id, made the way the change triggers make theirs.
pub fn new_ver(c: &Connection) -> crate::Result<String> {
    Ok(c.query_row("SELECT lower(hex(randomblob(8)))", [], |r| r.get(0))?)
}

pub fn load(c: &Connection, table: &str, pk: &str) -> crate::Result<Option<RowVersion>> {
    Ok(c.prepare_cached(
        "SELECT ver, hist, deleted, origin FROM sync_row WHERE tbl = ?1 AND pk = ?2",
    )?
    .query_row([table, pk], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
            r.get::<_, String>(3)?,
        ))
    })
    .optional()?
    .map(|(ver, hist, deleted, origin)| RowVersion {
        ver,
        hist: serde_json::from_str(&hist).unwrap_or_default(),
        deleted,
        origin,
    }))
}

/// The image the row had before its first local edit since it last arrived, with its version.
pub fn load_base(
    c: &Connection,
    table: &str,
    pk: &str,
) -> crate::Result<Option<(String, serde_json::Map<String, serde_json::Value>)>> {
    let found: Option<(Option<String>, Option<String>)> = c
        .prepare_cached("SELECT base_ver, base_json FROM sync_row WHERE tbl = ?1 AND pk = ?2")?
        .query_row([table, pk], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match found {
        Some((Some(ver), Some(json))) => serde_json::from_str(&json).ok().map(|m| (ver, m)),
        _ => None,
    })
}

/// Records a version for a row with a fresh local sequence number (so it is sent onward); its
/// merge base is cleared until the next local edit.
/// `shared`: the version is known elsewhere too (it arrived, or the other PC reaches the same
/// merge); a resolution made here is not, until it is sent.
pub fn store(
    c: &Connection,
    table: &str,
    pk: &str,
    v: &RowVersion,
    shared: bool,
) -> crate::Result<()> {
    c.prepare_cached(
        "INSERT INTO sync_row (tbl, pk, ver, hist, seq, origin, deleted, shared)
         VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_row), ?5, ?6, ?7)
         ON CONFLICT (tbl, pk) DO UPDATE SET ver = excluded.ver, hist = excluded.hist,
             seq = excluded.seq, origin = excluded.origin, deleted = excluded.deleted,
             shared = excluded.shared, base_ver = NULL, base_json = NULL",
    )?
    .execute(rusqlite::params![
        table,
        pk,
        v.ver,
        serde_json::to_string(&v.hist)?,
        v.origin,
        v.deleted,
        shared
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(ver: &str, hist: &[&str], deleted: bool) -> Change {
        Change {
            table: "project".into(),
            pk: "p".into(),
            ver: ver.into(),
            hist: hist.iter().map(|s| s.to_string()).collect(),
            origin: "b".into(),
            deleted,
            row: None,
        }
    }

    fn ours(ver: &str, hist: &[&str]) -> RowVersion {
        RowVersion {
            ver: ver.into(),
            hist: hist.iter().map(|s| s.to_string()).collect(),
            deleted: false,
            origin: "a".into(),
        }
    }

    #[test]
    fn an_edit_of_the_version_we_have_is_newer_and_an_old_one_is_known() {
        assert_eq!(
            relate(Some(&ours("0", &[])), &ch("x", &["0"], false)),
            Relation::Newer
        );
        assert_eq!(
            relate(Some(&ours("y", &["0", "x"])), &ch("x", &["0"], false)),
            Relation::Known
        );
        assert_eq!(
            relate(Some(&ours("x", &["0"])), &ch("x", &["0"], false)),
            Relation::Known
        );
    }

    #[test]
    fn edits_on_both_sides_since_the_common_version_diverge() {
        assert_eq!(
            relate(Some(&ours("a1", &["0"])), &ch("b1", &["0"], false)),
            Relation::Diverged
        );
        assert_eq!(
            relate(Some(&ours("a1", &["0"])), &ch("b1", &["0"], true)),
            Relation::Diverged
        );
    }

    #[test]
    fn a_row_we_never_had_is_new_and_its_delete_is_nothing_to_do() {
        assert_eq!(relate(None, &ch("x", &[], false)), Relation::New);
        assert_eq!(relate(None, &ch("x", &[], true)), Relation::Known);
    }

    #[test]
    fn a_merged_history_knows_both_sides_so_both_take_the_resolution() {
        let o = ours("a1", &["0"]);
        let h = merged_hist(&o, "b1", &["0".to_string()]);
        assert_eq!(h, ["0", "a1", "b1"]);
        let resolved = ch("r", &["0", "a1", "b1"], false);
        assert_eq!(relate(Some(&o), &resolved), Relation::Newer);
        assert_eq!(
            relate(Some(&ours("b1", &["0"])), &resolved),
            Relation::Newer
        );
    }

    #[test]
    fn history_is_capped_keeping_the_newest() {
        let long: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let o = RowVersion {
            hist: long,
            ..ours("a", &[])
        };
        let h = merged_hist(&o, "b", &[]);
        assert_eq!(h.len(), HIST_LIMIT);
        assert_eq!(h.last().map(String::as_str), Some("b"));
    }
}
