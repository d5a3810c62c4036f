//! The one list-query stack every paged list in core uses: a generic [`Page`], a [`Filter`]
//! builder that numbers its SQL parameters, LIKE search with `%`, `_` and `\` taken literally
//! ([`like_pattern`]), the unit-subtree condition written once ([`unit_subtree`]), the paging
//! clause ([`limit_clause`], page 0 = all rows, a page holds at most [`MAX_PAGE_SIZE`] rows) and
//! a sorting whitelist ([`order_by`]): a sort key from the UI never reaches SQL as text.

use rusqlite::types::Value;
use serde::Serialize;
use ts_rs::TS;

/// The most rows one page may hold.
pub const MAX_PAGE_SIZE: u32 = 500;

/// One page of a list: the rows of the page and how many rows match the filters (all pages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Page<T: TS> {
    /// Rows matching the filters (all pages).
    pub total: u32,
    pub rows: Vec<T>,
}

impl<T: TS> Page<T> {
    /// Pages rows already filtered in memory (lists whose rows are computed, not stored).
    pub fn of(all: Vec<T>, page: u32, page_size: u32) -> Self {
        let total = all.len() as u32;
        let rows = if page == 0 {
            all
        } else {
            let size = page_size.clamp(1, MAX_PAGE_SIZE) as usize;
            all.into_iter()
                .skip((page as usize - 1) * size)
                .take(size)
                .collect()
        };
        Page { total, rows }
    }
}

/// `%text%` with LIKE's wildcards escaped, for use with `ESCAPE '\'`: a search for "%" or "_"
/// finds only a literal % or _.
pub fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// The search text of a query: trimmed, `None` when empty.
pub fn search_text(search: &Option<String>) -> Option<&str> {
    search.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// `%text%` for a query's search box (escaped), `None` when the box is empty. Use it in SQL as
/// `col LIKE ?n ESCAPE '\'`.
pub fn search_pattern(search: &Option<String>) -> Option<String> {
    search_text(search).map(like_pattern)
}

/// The ids of a unit and every unit below it, as a subquery over parameter `param` (e.g. "?2"):
/// `col IN (…)`. Deleted units are kept (their rows still belong to the subtree).
pub fn unit_subtree(param: &str) -> String {
    format!(
        "(WITH RECURSIVE sub(id) AS (SELECT {param} UNION \
         SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)"
    )
}

/// ` LIMIT … OFFSET …` for a 1-based page; "" for page 0 (all rows).
pub fn limit_clause(page: u32, page_size: u32) -> String {
    if page == 0 {
        return String::new();
    }
    let size = page_size.clamp(1, MAX_PAGE_SIZE);
    format!(" LIMIT {size} OFFSET {}", (page - 1) as u64 * size as u64)
}

/// The ORDER BY expression for a sort key from the UI: only keys of `whitelist` (key → SQL)
/// are honoured, anything else gets `default`.
pub fn order_by<'a>(key: Option<&str>, whitelist: &[(&str, &'a str)], default: &'a str) -> &'a str {
    key.and_then(|k| whitelist.iter().find(|(name, _)| *name == k))
        .map_or(default, |(_, sql)| sql)
}

/// The WHERE tail of a list query and its numbered arguments.
#[derive(Debug, Default)]
pub struct Filter {
    sql: String,
    args: Vec<Value>,
}

impl Filter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts with arguments already bound to ?1, ?2… in the query's fixed part.
    pub fn with_args(args: Vec<Value>) -> Self {
        Filter {
            sql: String::new(),
            args,
        }
    }

    /// Appends `sql` (e.g. " AND p.fiscal_year = ?") whose every `?` stands for `v`.
    pub fn push(&mut self, sql: &str, v: impl Into<Value>) -> &mut Self {
        self.args.push(v.into());
        let n = format!("?{}", self.args.len());
        self.sql.push_str(&sql.replace('?', &n));
        self
    }

    /// Appends a condition without an argument.
    pub fn raw(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// ` AND col IN (unit and its subtree)`.
    pub fn unit_subtree(&mut self, col: &str, unit_id: &str) -> &mut Self {
        self.args.push(Value::Text(unit_id.to_string()));
        let n = format!("?{}", self.args.len());
        self.sql
            .push_str(&format!(" AND {col} IN {}", unit_subtree(&n)));
        self
    }

    /// ` AND (c1 LIKE %s% OR c2 LIKE %s% …)` with `s` taken literally; nothing for an empty
    /// search.
    pub fn search(&mut self, cols: &[&str], search: &Option<String>) -> &mut Self {
        if let Some(p) = search_pattern(search) {
            self.args.push(Value::Text(p));
            let n = self.args.len();
            let any = cols
                .iter()
                .map(|c| format!("{c} LIKE ?{n} ESCAPE '\\'"))
                .collect::<Vec<_>>()
                .join(" OR ");
            self.sql.push_str(&format!(" AND ({any})"));
        }
        self
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn params(&self) -> rusqlite::ParamsFromIter<std::slice::Iter<'_, Value>> {
        rusqlite::params_from_iter(self.args.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_pattern_takes_wildcards_literally() {
        assert_eq!(like_pattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
        let c = rusqlite::Connection::open_in_memory().unwrap();
        let hit = |text: &str, search: &str| -> bool {
            c.query_row(
                "SELECT ?1 LIKE ?2 ESCAPE '\\'",
                [text, &like_pattern(search)],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(hit("达标率100%", "%"));
        assert!(!hit("达标率100", "%"));
        assert!(hit("a_b", "_"));
        assert!(!hit("ab", "_"));
        assert!(hit("a\\b", "\\"));
    }

    #[test]
    fn filter_numbers_arguments_and_pages() {
        let mut f = Filter::with_args(vec![Value::Integer(2026)]);
        f.push(" AND a = ? AND b <> ?", "x".to_string())
            .unit_subtree("p.unit_id", "u1")
            .search(&["p.code", "p.name"], &Some("  ".into()))
            .search(&["p.code", "p.name"], &Some("a".into()));
        assert_eq!(
            f.sql(),
            " AND a = ?2 AND b <> ?2 AND p.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ?3 UNION \
             SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub) \
             AND (p.code LIKE ?4 ESCAPE '\\' OR p.name LIKE ?4 ESCAPE '\\')"
        );
        assert_eq!(limit_clause(0, 20), "");
        assert_eq!(limit_clause(3, 20), " LIMIT 20 OFFSET 40");
        assert_eq!(limit_clause(1, 100_000), " LIMIT 500 OFFSET 0");
        let p = Page::of((1..=45).collect::<Vec<i32>>(), 3, 20);
        assert_eq!((p.total, p.rows), (45, vec![41, 42, 43, 44, 45]));
        assert_eq!(
            order_by(Some("name; DROP"), &[("name", "p.name")], "p.code"),
            "p.code"
        );
        assert_eq!(
            order_by(Some("name"), &[("name", "p.name")], "p.code"),
            "p.name"
        );
    }
}
