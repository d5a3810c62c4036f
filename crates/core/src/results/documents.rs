//! Official documents: a draft is composed from its source ([`super::compose`]) and editable;
//! issuing assigns the 文号 ([`super::register`]), renders the PDF once with jixiao-gongwen and
//! stores bytes + model, so an issued letter reprints byte for byte. Batches re-render the issued
//! models of a year and kind into one PDF for hand delivery.

use super::compose::{self, Composed, DocSettings};
use super::{register, DocStatus, DocType};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use jixiao_gongwen::{DocNumber, Document, FontSet, GongwenError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// What to draft: the 文种 and its source. `source_kind`: key_eval / spot_check (反馈意见函),
/// key_eval / monitor_task (整改通知书), unit (绩效管理意见书, with `year`), monitor_task
/// (监控结果反馈书), project (事前评估意见).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DraftInput {
    pub doc_type: DocType,
    pub source_kind: String,
    pub source_id: String,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentRow {
    pub id: String,
    pub doc_type: DocType,
    pub fiscal_year: i32,
    pub source_kind: String,
    pub source_id: String,
    pub unit_name: Option<String>,
    pub title: String,
    pub status: DocStatus,
    /// 文号 once issued.
    pub number: Option<String>,
    pub issued_by: Option<String>,
    pub issued_at: Option<String>,
    pub pdf_bytes: Option<i64>,
    pub created_at: String,
}

/// A document with its model (the text a clerk edits before issuing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocumentView {
    pub row: DocumentRow,
    pub model: Document,
}

/// A layout failure (missing font or glyph …) as a user-facing error.
pub fn layout_error(e: GongwenError) -> Error {
    Error::invalid("公文排版", e.to_string())
}

/// Which font file serves a role, for the 文书设置 screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FontInfo {
    /// 仿宋 / 小标宋 / 黑体 / 楷体.
    pub role: String,
    pub family: String,
    pub path: String,
    /// One of the fonts GB/T 9704 names (else an open substitute).
    pub official: bool,
    pub configured: bool,
}

pub fn font_info(fonts: &FontSet) -> Vec<FontInfo> {
    fonts
        .describe()
        .into_iter()
        .map(|c| FontInfo {
            role: c.role_name,
            family: c.family,
            path: c.path.display().to_string(),
            official: c.official,
            configured: c.configured,
        })
        .collect()
}

/// The fonts of a PC as the 字体 screen and `print fonts` show them: which face serves each
/// role, and one warning per role served by a substitute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FontReport {
    pub fonts: Vec<FontInfo>,
    /// Empty when every role has its official face.
    pub warnings: Vec<String>,
    /// Where imported fonts are copied (searched before the system fonts).
    pub fonts_dir: Option<String>,
}

pub fn font_report(c: &Connection, fonts: &FontSet) -> FontReport {
    FontReport {
        fonts: font_info(fonts),
        warnings: fonts.warnings(),
        fonts_dir: fonts_dir(c).map(|d| d.display().to_string()),
    }
}

/// The font folder of the data folder: fonts imported there are searched before the system's.
pub fn fonts_dir(c: &Connection) -> Option<std::path::PathBuf> {
    let db = c.path().filter(|p| !p.is_empty())?;
    let parent = std::path::Path::new(db).parent()?;
    Some(if parent.as_os_str().is_empty() {
        std::path::PathBuf::from("fonts")
    } else {
        parent.join("fonts")
    })
}

/// The font settings with the data folder's font folder searched first (what
/// [`fonts_for`] discovers; the app caches the parsed set per config).
pub fn font_config(c: &Connection) -> Result<jixiao_gongwen::FontConfig> {
    let mut config = compose::get_settings(c)?.fonts;
    if let Some(dir) = fonts_dir(c).filter(|d| d.is_dir()) {
        config.extra_dirs.insert(0, dir);
    }
    Ok(config)
}

/// The fonts of the current settings (parsed once per call: cache the result).
pub fn fonts_for(c: &Connection) -> Result<FontSet> {
    FontSet::discover(&font_config(c)?).map_err(layout_error)
}

/// Copies a font file the bureau owns (e.g. 仿宋_GB2312.ttf) into the data folder's font
/// folder, where [`fonts_for`] finds it before the system fonts; returns its families.
pub fn import_font(c: &Connection, src: &std::path::Path) -> Result<Vec<String>> {
    let dir = fonts_dir(c).ok_or_else(|| Error::invalid("字体文件", "内存数据库没有数据文件夹"))?;
    let (_, families) = jixiao_gongwen::import_font(src, &dir).map_err(layout_error)?;
    Ok(families)
}

/// [`import_font`] as a user action: the 文书 permission's (the font serves every letter of
/// the bureau), recorded in the 操作日志 with the file and the families it holds.
pub fn import_font_action(ctx: &WriteCtx, src: &std::path::Path) -> Result<Vec<String>> {
    ctx.require(Perm::Documents)?;
    let families = import_font(ctx, src)?;
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ctx.audit(
        "import",
        "font",
        None,
        &format!("导入字体文件 {name}：{}", families.join("、")),
        None,
        Some(&serde_json::json!({ "file": name, "families": families })),
    )?;
    Ok(families)
}

/// The composed draft with its punctuation normalised (GB/T 15834, see
/// `jixiao_gongwen::punct`).
fn compose_for(
    c: &Connection,
    s: &DocSettings,
    input: &DraftInput,
    date: NaiveDate,
) -> Result<Composed> {
    let mut composed = compose_source(c, s, input, date)?;
    jixiao_gongwen::normalize_document(&mut composed.doc);
    Ok(composed)
}

fn compose_source(
    c: &Connection,
    s: &DocSettings,
    input: &DraftInput,
    date: NaiveDate,
) -> Result<Composed> {
    let id = input.source_id.as_str();
    match (input.doc_type, input.source_kind.as_str()) {
        (DocType::FeedbackLetter, "key_eval") => compose::feedback_from_key_eval(c, s, id, date),
        (DocType::FeedbackLetter, "spot_check") => {
            compose::feedback_from_spot_check(c, s, id, date)
        }
        (DocType::RectificationNotice, "key_eval") => compose::notice_from_key_eval(c, s, id, date),
        (DocType::RectificationNotice, "monitor_task") => {
            compose::notice_from_monitoring(c, s, id, date)
        }
        (DocType::ManagementOpinion, "unit") => {
            let year = input
                .year
                .ok_or_else(|| Error::invalid("年度", "绩效管理意见书需要指定年度"))?;
            compose::management_opinion(c, s, id, year, date)
        }
        (DocType::MonitoringFeedback, "monitor_task") => {
            compose::monitoring_feedback(c, s, id, date)
        }
        (DocType::ExAnteOpinion, "project") => compose::exante_opinion(c, s, id, date),
        (t, k) => Err(Error::invalid(
            "文书来源",
            format!("{}不能由「{k}」生成", t.label()),
        )),
    }
}

const SELECT: &str = "SELECT d.id, d.doc_type, d.fiscal_year, d.source_kind, d.source_id, u.name,
        d.title, d.status, d.org_code, d.doc_year, d.doc_seq, d.issued_by, d.issued_at,
        length(d.pdf), d.created_at, d.model_json
    FROM document d LEFT JOIN org_unit u ON u.id = d.unit_id";

fn map(r: &rusqlite::Row) -> rusqlite::Result<(DocumentRow, String)> {
    let code: Option<String> = r.get(8)?;
    let year: Option<i32> = r.get(9)?;
    let seq: Option<i64> = r.get(10)?;
    Ok((
        DocumentRow {
            id: r.get(0)?,
            doc_type: r.get(1)?,
            fiscal_year: r.get(2)?,
            source_kind: r.get(3)?,
            source_id: r.get(4)?,
            unit_name: r.get(5)?,
            title: r.get(6)?,
            status: r.get(7)?,
            number: match (code, year, seq) {
                (Some(c), Some(y), Some(s)) => Some(register::format_number(&c, y, s)),
                _ => None,
            },
            issued_by: r.get(11)?,
            issued_at: r.get(12)?,
            pdf_bytes: r.get(13)?,
            created_at: r.get(14)?,
        },
        r.get(15)?,
    ))
}

pub fn get_document(c: &Connection, id: &str) -> Result<DocumentView> {
    let (row, json) = c
        .query_row(
            &format!("{SELECT} WHERE d.id = ?1 AND d.deleted_at IS NULL"),
            [id],
            map,
        )
        .map_err(|_| Error::NotFound("找不到该文书，请刷新后重试".into()))?;
    Ok(DocumentView {
        row,
        model: serde_json::from_str(&json)?,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocQuery {
    pub year: i32,
    pub doc_type: Option<DocType>,
    pub status: Option<DocStatus>,
    pub search: Option<String>,
}

pub fn list_documents(c: &Connection, q: &DocQuery) -> Result<Vec<DocumentRow>> {
    let like = crate::listing::search_pattern(&q.search);
    let mut st = c.prepare(&format!(
        "{SELECT} WHERE d.fiscal_year = ?1 AND d.deleted_at IS NULL
           AND (?2 IS NULL OR d.doc_type = ?2) AND (?3 IS NULL OR d.status = ?3)
           AND (?4 IS NULL OR d.title LIKE ?4 ESCAPE '\\' OR u.name LIKE ?4 ESCAPE '\\')
         ORDER BY d.created_at DESC, d.id DESC"
    ))?;
    let rows = st
        .query_map(params![q.year, q.doc_type, q.status, like], map)?
        .map(|r| r.map(|(row, _)| row))
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Drafts a document from its source. A live draft of the same 文种 and source is returned as
/// it is; an issued one is refused (void its 文号 in the register to issue again).
pub fn create_draft(ctx: &WriteCtx, input: &DraftInput) -> Result<DocumentView> {
    ctx.require(Perm::Documents)?;
    let existing: Option<(String, String)> = ctx
        .query_row(
            "SELECT id, status FROM document WHERE doc_type = ?1 AND source_kind = ?2
               AND source_id = ?3 AND deleted_at IS NULL
               AND (?4 IS NULL OR fiscal_year = ?4)",
            params![
                input.doc_type,
                input.source_kind,
                input.source_id,
                input.year
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, status)) = existing {
        let view = get_document(ctx, &id)?;
        if status == DocStatus::Issued.label() {
            return Err(Error::Conflict(format!(
                "该{}已印发（{}），如需重新出具请先在发文登记簿中作废该文号",
                input.doc_type.label(),
                view.row.number.unwrap_or_default()
            )));
        }
        return Ok(view);
    }
    let settings = compose::get_settings(ctx)?;
    let composed = compose_for(ctx, &settings, input, ctx.clock.today())?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO document (id, doc_type, fiscal_year, source_kind, source_id, unit_id, title,
            model_json, status, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '草稿', ?9, ?10, ?10)",
        params![
            id,
            input.doc_type,
            composed.fiscal_year,
            input.source_kind,
            input.source_id,
            composed.unit_id,
            composed.doc.title,
            serde_json::to_string(&composed.doc)?,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    let view = get_document(ctx, &id)?;
    ctx.audit(
        "create",
        "document",
        Some(&id),
        &format!("起草{}：{}", input.doc_type.label(), view.row.title),
        None,
        Some(&serde_json::to_value(&view.row)?),
    )?;
    Ok(view)
}

fn ensure_draft(view: &DocumentView) -> Result<()> {
    if view.row.status == DocStatus::Draft {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "{} 已印发，不能再修改",
            view.row.number.clone().unwrap_or_default()
        )))
    }
}

/// Saves the edited text of a draft.
pub fn update_draft(ctx: &WriteCtx, id: &str, model: &Document) -> Result<DocumentView> {
    ctx.require(Perm::Documents)?;
    let before = get_document(ctx, id)?;
    ensure_draft(&before)?;
    if model.title.trim().is_empty() {
        return Err(Error::invalid("标题", "请填写标题"));
    }
    if model.addressees.iter().all(|a| a.trim().is_empty()) {
        return Err(Error::invalid("主送机关", "请填写主送机关"));
    }
    let mut model = model.clone();
    model.doc_number = None;
    // A clerk's edits get the same punctuation rules as composed text.
    jixiao_gongwen::normalize_document(&mut model);
    ctx.execute(
        "UPDATE document SET title = ?2, model_json = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            id,
            model.title.trim(),
            serde_json::to_string(&model)?,
            ctx.now()
        ],
    )?;
    let after = get_document(ctx, id)?;
    ctx.audit(
        "update",
        "document",
        Some(id),
        &format!("修改文书草稿：{}", after.row.title),
        Some(&serde_json::to_value(&before.model)?),
        Some(&serde_json::to_value(&after.model)?),
    )?;
    Ok(after)
}

/// Composes the draft again from the current data (the edits are discarded).
pub fn regenerate_draft(ctx: &WriteCtx, id: &str) -> Result<DocumentView> {
    ctx.require(Perm::Documents)?;
    let before = get_document(ctx, id)?;
    ensure_draft(&before)?;
    let input = DraftInput {
        doc_type: before.row.doc_type,
        source_kind: before.row.source_kind.clone(),
        source_id: before.row.source_id.clone(),
        year: Some(before.row.fiscal_year),
    };
    let composed = compose_for(ctx, &compose::get_settings(ctx)?, &input, ctx.clock.today())?;
    update_draft(ctx, id, &composed.doc)
}

/// Issues a draft: the next 文号 of its 代字 and year, today's date, the PDF rendered and stored.
pub fn issue_document(ctx: &WriteCtx, id: &str, fonts: &FontSet) -> Result<DocumentView> {
    ctx.require(Perm::Documents)?;
    let before = get_document(ctx, id)?;
    ensure_draft(&before)?;
    let settings = compose::get_settings(ctx)?;
    let code = settings
        .codes
        .get(before.row.doc_type.label())
        .cloned()
        .unwrap_or_default();
    let today = ctx.clock.today();
    let year = today.year();
    let seq = register::assign(ctx, code.trim(), year, id, &before.row.title)?;
    let mut model = before.model.clone();
    model.doc_number = Some(DocNumber {
        code: code.trim().to_string(),
        year,
        seq: seq as u32,
    });
    model.date = today;
    if let Some(r) = model.record.as_mut() {
        r.print_date = today;
    }
    let pdf = jixiao_gongwen::render(&model, fonts).map_err(layout_error)?;
    let sha = format!("{:x}", Sha256::digest(&pdf));
    ctx.execute(
        "UPDATE document SET status = '已印发', org_code = ?2, doc_year = ?3, doc_seq = ?4,
            model_json = ?5, pdf = ?6, pdf_sha256 = ?7, issued_by = ?8, issued_at = ?9,
            updated_at = ?9 WHERE id = ?1",
        params![
            id,
            code.trim(),
            year,
            seq,
            serde_json::to_string(&model)?,
            pdf,
            sha,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    let after = get_document(ctx, id)?;
    ctx.audit(
        "issue",
        "document",
        Some(id),
        &format!(
            "印发{} {}：{}",
            after.row.doc_type.label(),
            after.row.number.clone().unwrap_or_default(),
            after.row.title
        ),
        Some(&serde_json::to_value(&before.row)?),
        Some(&serde_json::to_value(&after.row)?),
    )?;
    Ok(after)
}

/// The PDF of a document: the stored bytes once issued, else a preview of the draft with
/// 「草稿」 across every page and no 文号 line.
pub fn document_pdf(c: &Connection, id: &str, fonts: &FontSet) -> Result<Vec<u8>> {
    let stored: Option<Vec<u8>> = c
        .query_row(
            "SELECT pdf FROM document WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match stored {
        Some(bytes) => Ok(bytes),
        None => {
            jixiao_gongwen::render_draft(&get_document(c, id)?.model, fonts).map_err(layout_error)
        }
    }
}

/// The issued documents of `year` and `doc_type` in 文号 order, as one PDF.
pub fn batch_pdf(
    c: &Connection,
    year: i32,
    doc_type: DocType,
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(usize, Vec<u8>)> {
    let mut st = c.prepare(
        "SELECT model_json FROM document WHERE fiscal_year = ?1 AND doc_type = ?2
           AND status = '已印发' AND deleted_at IS NULL ORDER BY org_code, doc_year, doc_seq",
    )?;
    let models: Vec<Document> = st
        .query_map(params![year, doc_type], |r| r.get::<_, String>(0))?
        .map(|j| Ok(serde_json::from_str(&j?)?))
        .collect::<Result<_>>()?;
    if models.is_empty() {
        return Err(Error::Conflict(format!(
            "{year}年度还没有已印发的{}",
            doc_type.label()
        )));
    }
    let pdf = jixiao_gongwen::render_batch(&models, fonts, progress).map_err(layout_error)?;
    Ok((models.len(), pdf))
}

/// Which evaluation table holds `id`: key_eval, spot_check, or None.
pub fn evaluation_source_kind(c: &Connection, id: &str) -> Result<Option<&'static str>> {
    for (table, kind) in [("key_eval", "key_eval"), ("spot_check", "spot_check")] {
        let found: Option<i64> = c
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE id = ?1 AND deleted_at IS NULL"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_some() {
            return Ok(Some(kind));
        }
    }
    Ok(None)
}

/// The issued document of `doc_type` made from `source_id`, if any.
pub fn issued_for(
    c: &Connection,
    doc_type: DocType,
    source_id: &str,
) -> Result<Option<DocumentView>> {
    let id: Option<String> = c
        .query_row(
            "SELECT id FROM document WHERE doc_type = ?1 AND source_id = ?2
               AND status = '已印发' AND deleted_at IS NULL",
            params![doc_type, source_id],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get_document(c, &id)).transpose()
}
