//! Workbooks with one block of rows per form (监控情况表, 自评表): rows grouped by their code column,
//! where an empty code (a merged cell) continues the block above, and a form's refusal moved onto
//! the spreadsheet rows it came from.

use super::problem;
use super::reader::Record;
use crate::{Error, FieldProblem};

/// The rows of one code, with the cells of `heads` columns taken from its first row.
pub(crate) struct CodeGroup<'a> {
    pub code: String,
    pub heads: Vec<String>,
    pub rows: Vec<&'a Record>,
}

/// Groups `records` by column `code`; rows before any code are problems.
pub(crate) fn group_by_code<'a>(
    records: &'a [Record],
    code: usize,
    heads: &[usize],
) -> (Vec<CodeGroup<'a>>, Vec<FieldProblem>) {
    let mut groups: Vec<CodeGroup> = Vec::new();
    let mut problems = Vec::new();
    for r in records {
        let c = r.get(code).trim();
        if !c.is_empty() && groups.last().is_none_or(|g| g.code != c) {
            groups.push(CodeGroup {
                code: c.to_string(),
                heads: heads.iter().map(|h| r.get(*h).trim().to_string()).collect(),
                rows: Vec::new(),
            });
        }
        match groups.last_mut() {
            Some(g) => g.rows.push(r),
            None => problems.push(problem(r.row, "项目编码", "请填写项目编码")),
        }
    }
    (groups, problems)
}

/// A form's refusal as problems on spreadsheet rows: problem row N (1-based) is `rows[N-1]`,
/// row 0 (the form as a whole) and anything else is `first`.
pub(crate) fn problems_on_rows(e: Error, first: u32, rows: &[u32]) -> Vec<FieldProblem> {
    match e {
        Error::Rejected(list) | Error::Unsaved(list) => list
            .into_iter()
            .map(|p| FieldProblem {
                row: (p.row as usize)
                    .checked_sub(1)
                    .and_then(|i| rows.get(i).copied())
                    .unwrap_or(first),
                ..p
            })
            .collect(),
        Error::Invalid { field, message } => vec![problem(first, &field, message)],
        Error::Conflict(m) | Error::NotFound(m) => vec![problem(first, "项目编码", m)],
        other => vec![problem(first, "项目编码", other.to_string())],
    }
}
