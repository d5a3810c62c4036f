//! 文书 of the demo county, through the ordinary draft → issue functions (so each has its 文号 in
//! the 发文登记簿, its stored PDF and its 操作日志 rows): the 文书设置 with a contact, 抄送 and
//! 印发机关; a 反馈意见函 for every finished evaluation of the closed year (定稿 重点评价 and
//! 已复核 抽查); and one of each other 文种 — 整改通知书 (from a key evaluation and from a red
//! 监控情况表), 绩效管理意见书, 监控结果反馈书 and 事前评估意见. Sources are taken in a fixed order
//! so the same seed gives the same letters and 文号.
//!
//! Issuing lays out a PDF, which needs CJK fonts: on a PC without any (none of the faces
//! `jixiao_gongwen` looks for), the demo loads without documents and says nothing — the letters
//! can be issued later from the 文书 screen.

use super::compose::{self, DocSettings};
use super::documents::{create_draft, fonts_for, issue_document, DraftInput};
use super::DocType;
use crate::db::WriteCtx;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// What the demo issued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoDocuments {
    pub issued: u32,
}

fn ids(ctx: &WriteCtx, sql: &str, year: i32) -> Result<Vec<String>> {
    let mut st = ctx.prepare(sql)?;
    let rows = st
        .query_map(params![year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn first(ctx: &WriteCtx, sql: &str, year: i32) -> Result<Option<String>> {
    Ok(ctx.query_row(sql, params![year], |r| r.get(0)).optional()?)
}

/// Sets the demo bureau's 文书设置 and issues its letters of `year` (the closed year).
pub fn generate(ctx: &WriteCtx, year: i32) -> Result<DemoDocuments> {
    let mut out = DemoDocuments::default();
    let defaults = compose::get_settings(ctx)?;
    compose::save_settings(
        ctx,
        &DocSettings {
            contact: "王晓梅".into(),
            phone: "0635-8123456".into(),
            cc: vec!["县人民政府办公室".into(), "县审计局".into()],
            ..defaults
        },
    )?;
    let Ok(fonts) = fonts_for(ctx) else {
        return Ok(out);
    };
    let mut inputs: Vec<DraftInput> = Vec::new();
    let draft = |doc_type, source_kind: &str, source_id: String, year| DraftInput {
        doc_type,
        source_kind: source_kind.into(),
        source_id,
        year,
    };
    // 反馈意见函 of every finished evaluation of the year.
    let keys = ids(
        ctx,
        "SELECT id FROM key_eval WHERE fiscal_year = ?1 AND status = '定稿'
           AND deleted_at IS NULL ORDER BY object_name, id",
        year,
    )?;
    for k in &keys {
        inputs.push(draft(DocType::FeedbackLetter, "key_eval", k.clone(), None));
    }
    for s in ids(
        ctx,
        "SELECT s.id FROM spot_check s JOIN spot_check_draw d ON d.id = s.draw_id
          WHERE d.fiscal_year = ?1 AND s.status = '已复核' AND s.deleted_at IS NULL
          ORDER BY s.seq, s.id",
        year,
    )? {
        inputs.push(draft(DocType::FeedbackLetter, "spot_check", s, None));
    }
    // One 整改通知书 from a key evaluation's findings and one from a red 监控情况表; the same red
    // sheet gets its 监控结果反馈书.
    if let Some(k) = keys.first() {
        inputs.push(draft(
            DocType::RectificationNotice,
            "key_eval",
            k.clone(),
            None,
        ));
    }
    let mut red = None;
    for round in crate::monitoring::list_rounds(ctx, year)? {
        red = crate::monitoring::task_rows(ctx, &round.id)?
            .into_iter()
            .find(|r| r.warning == Some(crate::monitoring::Warning::Red))
            .map(|r| r.id);
        if red.is_some() {
            break;
        }
    }
    if let Some(t) = &red {
        inputs.push(draft(
            DocType::RectificationNotice,
            "monitor_task",
            t.clone(),
            None,
        ));
        inputs.push(draft(
            DocType::MonitoringFeedback,
            "monitor_task",
            t.clone(),
            None,
        ));
    }
    if let Some(u) = first(
        ctx,
        "SELECT e.unit_id FROM self_eval e JOIN org_unit u ON u.id = e.unit_id
          WHERE e.fiscal_year = ?1 AND e.deleted_at IS NULL ORDER BY u.code LIMIT 1",
        year,
    )? {
        inputs.push(draft(DocType::ManagementOpinion, "unit", u, Some(year)));
    }
    if let Some(p) = first(
        ctx,
        "SELECT a.project_id FROM exante_assessment a JOIN project p ON p.id = a.project_id
          WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL ORDER BY p.code LIMIT 1",
        year,
    )? {
        inputs.push(draft(DocType::ExAnteOpinion, "project", p, None));
    }
    for input in inputs {
        let view = create_draft(ctx, &input)?;
        issue_document(ctx, &view.row.id, &fonts)?;
        out.issued += 1;
    }
    Ok(out)
}
