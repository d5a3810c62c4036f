//! 成本预算绩效分析: the bureau groups the projects of one year into a 成本领域 (城乡环卫, 学前教育,
//! 校车补贴, 公厕管理, 路灯维护, or a field it adds), records per project a 成本动因 with its 数量 and
//! 计量单位 and the cost parts 人员 / 运维 / 材料 / 其他, and compares 单位成本 across the county
//! (median, P25, P75, outliers — formulas in [`math`]). It adopts a 成本定额标准 per 成本动因
//! (versioned: every adoption inserts a new version, audited; nothing is edited in place), and
//! next year's budget check compares each project's request with standard × 数量: the excess is
//! the 建议压减额, and the year's total over all fields is a figure of 年度总览 (结果应用).
//!
//! Invariants: within one (year, field) every project uses the same 成本动因 and 计量单位 — unit
//! costs of different drivers are not comparable, so one median per field is meaningful and the
//! importer refuses a second driver. The 下年申请数 of a project is its 年初预算数 in year + 1
//! (same 项目编码), or, when it has no row next year, its 调整后预算数 of the year itself.
//! Analysis rows of a 单位填报 account are its own unit subtree; the quartiles stay county-wide.

pub mod demo;
pub mod math;
pub mod print;
pub mod xlsx;

use crate::access::{Actor, Perm};
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use math::Quartiles;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

/// The built-in 成本领域 (冠县's pilots and the two its 压减 named).
pub const DEFAULT_FIELDS: [&str; 5] = ["城乡环卫", "学前教育", "校车补贴", "公厕管理", "路灯维护"];

/// One 成本领域.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CostField {
    pub name: String,
    /// One of [`DEFAULT_FIELDS`] (cannot be removed).
    pub builtin: bool,
}

/// The built-in fields, then those the bureau added (by name).
pub fn fields(c: &Connection) -> Result<Vec<CostField>> {
    let mut out: Vec<CostField> = DEFAULT_FIELDS
        .iter()
        .map(|n| CostField {
            name: (*n).to_string(),
            builtin: true,
        })
        .collect();
    let mut stmt =
        c.prepare("SELECT name FROM cost_field WHERE deleted_at IS NULL ORDER BY name")?;
    let added = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for name in added {
        let name = name?;
        if !DEFAULT_FIELDS.contains(&name.as_str()) {
            out.push(CostField {
                name,
                builtin: false,
            });
        }
    }
    Ok(out)
}

/// Refuses a field name that is not in [`fields`].
pub fn check_field(c: &Connection, field: &str) -> Result<String> {
    let field = field.trim();
    let all = fields(c)?;
    if all.iter().any(|f| f.name == field) {
        return Ok(field.to_string());
    }
    Err(Error::invalid(
        "成本领域",
        format!(
            "『{field}』不是已有的成本领域，可选：{}（可在成本分析页面新增领域）",
            all.iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
    ))
}

/// Adds a 成本领域 (名称 1–20 characters, not already present).
pub fn add_field(ctx: &WriteCtx, name: &str) -> Result<CostField> {
    ctx.require(Perm::CostAnalysis)?;
    let name = name.trim();
    let len = name.chars().count();
    if len == 0 || len > 20 {
        return Err(Error::invalid("领域名称", "请填写 1 至 20 个字的领域名称"));
    }
    if fields(ctx)?.iter().any(|f| f.name == name) {
        return Err(Error::Conflict(format!("成本领域『{name}』已存在")));
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO cost_field (id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![id, name, ctx.now()],
    )?;
    ctx.audit(
        "create",
        "cost_field",
        Some(&id),
        &format!("新增成本领域『{name}』"),
        None,
        Some(&json!({ "name": name })),
    )?;
    Ok(CostField {
        name: name.to_string(),
        builtin: false,
    })
}

/// One project's cost sheet as entered (amounts in 分, 数量 in 1/100 units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CostInput {
    pub project_id: String,
    pub driver: String,
    pub quantity_c: i64,
    pub measure_unit: String,
    pub personnel_fen: i64,
    pub operation_fen: i64,
    pub material_fen: i64,
    pub other_fen: i64,
}

/// What saving a cost sheet did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Created,
    Updated,
    Unchanged,
}

/// The (driver, 计量单位) a (year, field) already uses, other than `except_project`'s own row.
pub(crate) fn field_driver(
    c: &Connection,
    year: i32,
    field: &str,
    except_project: &str,
) -> Result<Option<(String, String)>> {
    Ok(c.query_row(
        "SELECT driver, measure_unit FROM cost_item
         WHERE fiscal_year = ?1 AND field = ?2 AND project_id <> ?3 AND deleted_at IS NULL
         LIMIT 1",
        params![year, field, except_project],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

/// Creates or updates a project's cost sheet in `field` (the project's own year). Refuses a
/// driver or 计量单位 other than the one the field already uses that year.
pub fn save_item(ctx: &WriteCtx, field: &str, input: &CostInput) -> Result<Saved> {
    ctx.require(Perm::CostAnalysis)?;
    let field = check_field(ctx, field)?;
    let (year, code): (i32, String) = ctx
        .query_row(
            "SELECT fiscal_year, code FROM project WHERE id = ?1 AND deleted_at IS NULL",
            [&input.project_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("项目不存在或已删除".into()))?;
    let driver = input.driver.trim();
    let unit = input.measure_unit.trim();
    if driver.is_empty() || driver.chars().count() > 30 {
        return Err(Error::invalid(
            "成本动因",
            "请填写成本动因（1 至 30 个字），如 公厕座数",
        ));
    }
    if unit.is_empty() || unit.chars().count() > 10 {
        return Err(Error::invalid(
            "计量单位",
            "请填写计量单位（1 至 10 个字），如 座",
        ));
    }
    if input.quantity_c <= 0 {
        return Err(Error::invalid("数量", "数量必须大于 0"));
    }
    let parts = [
        ("人员成本", input.personnel_fen),
        ("运维成本", input.operation_fen),
        ("材料成本", input.material_fen),
        ("其他成本", input.other_fen),
    ];
    for (name, v) in parts {
        if v < 0 {
            return Err(Error::invalid(name, "金额不能为负数"));
        }
    }
    if let Some((d, u)) = field_driver(ctx, year, &field, &input.project_id)? {
        if d != driver || u != unit {
            return Err(Error::invalid(
                "成本动因",
                format!(
                    "{year}年度『{field}』领域的成本动因是『{d}』（{u}），同一领域的项目须按同一动因和计量单位测算，现为『{driver}』（{unit}）"
                ),
            ));
        }
    }
    let after = json!({
        "field": field, "project": code, "driver": driver, "quantity_c": input.quantity_c,
        "measure_unit": unit, "personnel_fen": input.personnel_fen,
        "operation_fen": input.operation_fen, "material_fen": input.material_fen,
        "other_fen": input.other_fen,
    });
    let old: Option<(String, serde_json::Value)> = ctx
        .query_row(
            "SELECT id, driver, quantity_c, measure_unit, personnel_fen, operation_fen,
                    material_fen, other_fen
             FROM cost_item WHERE fiscal_year = ?1 AND field = ?2 AND project_id = ?3
               AND deleted_at IS NULL",
            params![year, field, input.project_id],
            |r| {
                Ok((
                    r.get(0)?,
                    json!({
                        "field": field, "project": code, "driver": r.get::<_, String>(1)?,
                        "quantity_c": r.get::<_, i64>(2)?, "measure_unit": r.get::<_, String>(3)?,
                        "personnel_fen": r.get::<_, i64>(4)?, "operation_fen": r.get::<_, i64>(5)?,
                        "material_fen": r.get::<_, i64>(6)?, "other_fen": r.get::<_, i64>(7)?,
                    }),
                ))
            },
        )
        .optional()?;
    match old {
        Some((_, before)) if before == after => Ok(Saved::Unchanged),
        Some((id, before)) => {
            ctx.execute(
                "UPDATE cost_item SET driver = ?2, quantity_c = ?3, measure_unit = ?4,
                    personnel_fen = ?5, operation_fen = ?6, material_fen = ?7, other_fen = ?8,
                    updated_at = ?9 WHERE id = ?1",
                params![
                    id,
                    driver,
                    input.quantity_c,
                    unit,
                    input.personnel_fen,
                    input.operation_fen,
                    input.material_fen,
                    input.other_fen,
                    ctx.now()
                ],
            )?;
            ctx.audit(
                "update",
                "cost_item",
                Some(&id),
                &format!("修改{year}年度『{field}』项目 {code} 的成本测算"),
                Some(&before),
                Some(&after),
            )?;
            Ok(Saved::Updated)
        }
        None => {
            let id = new_id();
            ctx.execute(
                "INSERT INTO cost_item (id, fiscal_year, field, project_id, driver, quantity_c,
                    measure_unit, personnel_fen, operation_fen, material_fen, other_fen,
                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![
                    id,
                    year,
                    field,
                    input.project_id,
                    driver,
                    input.quantity_c,
                    unit,
                    input.personnel_fen,
                    input.operation_fen,
                    input.material_fen,
                    input.other_fen,
                    ctx.now()
                ],
            )?;
            ctx.audit(
                "create",
                "cost_item",
                Some(&id),
                &format!("新增{year}年度『{field}』项目 {code} 的成本测算"),
                None,
                Some(&after),
            )?;
            Ok(Saved::Created)
        }
    }
}

/// 成本定额标准 basis: which figure of the analysis, or a figure the bureau sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum StandardBasis {
    #[serde(rename = "中位数")]
    Median,
    #[serde(rename = "P25")]
    P25,
    #[serde(rename = "P75")]
    P75,
    #[serde(rename = "自定")]
    Custom,
}

impl StandardBasis {
    pub fn label(self) -> &'static str {
        match self {
            StandardBasis::Median => "中位数",
            StandardBasis::P25 => "P25",
            StandardBasis::P75 => "P75",
            StandardBasis::Custom => "自定",
        }
    }
    pub fn parse(s: &str) -> Option<StandardBasis> {
        [Self::Median, Self::P25, Self::P75, Self::Custom]
            .into_iter()
            .find(|b| b.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// One adopted version of a 成本定额标准.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CostStandard {
    pub id: String,
    pub year: i32,
    pub field: String,
    pub driver: String,
    pub version: i64,
    /// 标准单位成本, 分 per 计量单位.
    pub unit_cost_fen: i64,
    pub measure_unit: String,
    /// 中位数 / P25 / P75 / 自定.
    pub basis: String,
    pub note: String,
    pub adopted_by: String,
    pub adopted_at: String,
}

/// Adopting a standard: the basis, and the 元 amount when the basis is 自定.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdoptInput {
    pub year: i32,
    pub field: String,
    pub basis: StandardBasis,
    /// 元 per unit, two decimals at most; only with 自定.
    pub custom_yuan: Option<String>,
    pub note: String,
}

fn standard_row(r: &rusqlite::Row) -> rusqlite::Result<CostStandard> {
    Ok(CostStandard {
        id: r.get(0)?,
        year: r.get(1)?,
        field: r.get(2)?,
        driver: r.get(3)?,
        version: r.get(4)?,
        unit_cost_fen: r.get(5)?,
        measure_unit: r.get(6)?,
        basis: r.get(7)?,
        note: r.get(8)?,
        adopted_by: r.get(9)?,
        adopted_at: r.get(10)?,
    })
}

const STANDARD_COLS: &str = "id, fiscal_year, field, driver, version, unit_cost_fen, measure_unit,
    basis, note, adopted_by, created_at";

/// Every version of the standards of (year, field), newest first.
pub fn standards(c: &Connection, year: i32, field: &str) -> Result<Vec<CostStandard>> {
    let mut stmt = c.prepare(&format!(
        "SELECT {STANDARD_COLS} FROM cost_standard
         WHERE fiscal_year = ?1 AND field = ?2 AND deleted_at IS NULL
         ORDER BY driver, version DESC"
    ))?;
    let rows = stmt.query_map(params![year, field], standard_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current (highest live) version for (year, field, driver).
pub fn current_standard(
    c: &Connection,
    year: i32,
    field: &str,
    driver: &str,
) -> Result<Option<CostStandard>> {
    Ok(c.query_row(
        &format!(
            "SELECT {STANDARD_COLS} FROM cost_standard
             WHERE fiscal_year = ?1 AND field = ?2 AND driver = ?3 AND deleted_at IS NULL
             ORDER BY version DESC LIMIT 1"
        ),
        params![year, field, driver],
        standard_row,
    )
    .optional()?)
}

/// Adopts a 成本定额标准 for the field's 成本动因 in `year`: a new version (1 for the first),
/// audited. With a quantile basis the figure is the analysis's own, computed here.
pub fn adopt_standard(ctx: &WriteCtx, input: &AdoptInput) -> Result<CostStandard> {
    ctx.require(Perm::CostAnalysis)?;
    let field = check_field(ctx, &input.field)?;
    let a = analyse(ctx, &Actor::system("成本分析"), input.year, &field)?;
    let (Some(driver), Some(q)) = (a.driver.clone(), a.quartiles()) else {
        return Err(Error::invalid(
            "成本定额标准",
            format!(
                "{}年度『{field}』领域还没有项目的成本测算，请先导入成本测算表",
                input.year
            ),
        ));
    };
    let fen = match (input.basis, input.custom_yuan.as_deref()) {
        (StandardBasis::Median, _) => q.median,
        (StandardBasis::P25, _) => q.p25,
        (StandardBasis::P75, _) => q.p75,
        (StandardBasis::Custom, Some(t)) => {
            math::parse_yuan(t).map_err(|m| Error::invalid("标准单位成本", m))?
        }
        (StandardBasis::Custom, None) => {
            return Err(Error::invalid(
                "标准单位成本",
                "自定标准请填写标准单位成本（元）",
            ))
        }
    };
    if fen <= 0 {
        return Err(Error::invalid("标准单位成本", "标准单位成本必须大于 0"));
    }
    let version: i64 = ctx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM cost_standard
         WHERE fiscal_year = ?1 AND field = ?2 AND driver = ?3",
        params![input.year, field, driver],
        |r| r.get(0),
    )?;
    let id = new_id();
    let unit = a.measure_unit.clone().unwrap_or_default();
    let note = input.note.trim();
    ctx.execute(
        "INSERT INTO cost_standard (id, fiscal_year, field, driver, version, unit_cost_fen,
            measure_unit, basis, note, adopted_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            id,
            input.year,
            field,
            driver,
            version,
            fen,
            unit,
            input.basis.label(),
            note,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    let std = CostStandard {
        id: id.clone(),
        year: input.year,
        field: field.clone(),
        driver: driver.clone(),
        version,
        unit_cost_fen: fen,
        measure_unit: unit.clone(),
        basis: input.basis.label().to_string(),
        note: note.to_string(),
        adopted_by: ctx.actor.name.clone(),
        adopted_at: ctx.now().to_string(),
    };
    ctx.audit(
        "adopt",
        "cost_standard",
        Some(&id),
        &format!(
            "采用{}年度『{field}』成本定额标准第{version}版：{} 元/{unit}（{}，按{}）",
            input.year,
            math::yuan(fen),
            driver,
            input.basis.label()
        ),
        None,
        Some(&serde_json::to_value(&std)?),
    )?;
    Ok(std)
}

/// One project of the analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CostRow {
    pub project_id: String,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    pub driver: String,
    pub measure_unit: String,
    /// 数量 in 1/100 units, and as text ("12.5").
    pub quantity_c: i64,
    pub quantity: String,
    pub personnel_fen: i64,
    pub operation_fen: i64,
    pub material_fen: i64,
    pub other_fen: i64,
    pub total_fen: i64,
    /// 单位成本, 分 per 计量单位.
    pub unit_cost_fen: i64,
    /// 偏离中位数, basis points (None when the median is 0).
    pub deviation_bp: Option<i64>,
    /// 偏高 / 偏低 outside Tukey's fences.
    pub outlier: Option<String>,
    /// 下年申请数 (分) and where it comes from (「2026年年初预算」 or 「2025年调整后预算」).
    pub request_fen: i64,
    pub request_source: String,
    /// 定额 = current standard × 数量 (None without a standard).
    pub allowed_fen: Option<i64>,
    /// 建议压减额 (0 without a standard or within it).
    pub suggested_cut_fen: i64,
}

/// The analysis of one field and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CostAnalysis {
    pub year: i32,
    pub field: String,
    pub driver: Option<String>,
    pub measure_unit: Option<String>,
    /// Rows the account may see (all, or its unit subtree), by 单位成本 descending.
    pub projects: Vec<CostRow>,
    /// Over every project of the field in the county (None when there are none).
    pub median_fen: Option<i64>,
    pub p25_fen: Option<i64>,
    pub p75_fen: Option<i64>,
    pub low_fence_fen: Option<i64>,
    pub high_fence_fen: Option<i64>,
    /// Projects of the field in the county (the quartiles' base).
    pub county_count: i64,
    /// The current standard, if one was adopted.
    pub standard: Option<CostStandard>,
    /// Sum of the rows' 建议压减额 (of the rows shown).
    pub suggested_cut_fen: i64,
}

impl CostAnalysis {
    pub fn quartiles(&self) -> Option<Quartiles> {
        Some(Quartiles {
            p25: self.p25_fen?,
            median: self.median_fen?,
            p75: self.p75_fen?,
        })
    }
}

struct Item {
    row: CostRow,
    unit_id: String,
}

fn items(c: &Connection, year: i32, field: &str) -> Result<Vec<Item>> {
    let mut stmt = c.prepare(
        "SELECT p.id, p.code, p.name, u.name, i.driver, i.measure_unit, i.quantity_c,
                i.personnel_fen, i.operation_fen, i.material_fen, i.other_fen,
                p.adjusted_budget_fen, n.initial_budget_fen, p.unit_id
         FROM cost_item i JOIN project p ON p.id = i.project_id
         JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN project n ON n.fiscal_year = p.fiscal_year + 1 AND n.code = p.code
              AND n.deleted_at IS NULL
         WHERE i.fiscal_year = ?1 AND i.field = ?2 AND i.deleted_at IS NULL
           AND p.deleted_at IS NULL
         ORDER BY p.code",
    )?;
    let rows = stmt.query_map(params![year, field], |r| {
        let parts: [i64; 4] = [r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?];
        let quantity_c: i64 = r.get(6)?;
        let total = math::total_fen(parts);
        let next: Option<i64> = r.get(12)?;
        let (request_fen, request_source) = match next {
            Some(f) => (f, format!("{}年年初预算", year + 1)),
            None => (r.get(11)?, format!("{year}年调整后预算")),
        };
        Ok(Item {
            row: CostRow {
                project_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit_name: r.get(3)?,
                driver: r.get(4)?,
                measure_unit: r.get(5)?,
                quantity_c,
                quantity: math::quantity_text(quantity_c),
                personnel_fen: parts[0],
                operation_fen: parts[1],
                material_fen: parts[2],
                other_fen: parts[3],
                total_fen: total,
                unit_cost_fen: math::unit_cost_fen(total, quantity_c).unwrap_or(0),
                deviation_bp: None,
                outlier: None,
                request_fen,
                request_source,
                allowed_fen: None,
                suggested_cut_fen: 0,
            },
            unit_id: r.get(13)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The analysis of `field` in `year` as `actor` may see it.
pub fn analyse(c: &Connection, actor: &Actor, year: i32, field: &str) -> Result<CostAnalysis> {
    let field = check_field(c, field)?;
    let all = items(c, year, &field)?;
    let costs: Vec<i64> = all.iter().map(|i| i.row.unit_cost_fen).collect();
    let q = Quartiles::of(&costs);
    let driver = all.first().map(|i| i.row.driver.clone());
    let measure_unit = all.first().map(|i| i.row.measure_unit.clone());
    let standard = match &driver {
        Some(d) => current_standard(c, year, &field, d)?,
        None => None,
    };
    let visible: Option<std::collections::HashSet<String>> = match crate::review::read_scope(actor)
    {
        Some(unit) => {
            let mut stmt = c.prepare(&format!(
                "SELECT id FROM org_unit WHERE 1 = 1{}",
                crate::review::scope_sql("id", 1)
            ))?;
            let ids = stmt.query_map([unit], |r| r.get::<_, String>(0))?;
            Some(ids.collect::<rusqlite::Result<_>>()?)
        }
        None => None,
    };
    let county_count = all.len() as i64;
    let mut projects = Vec::new();
    for Item { mut row, unit_id } in all {
        if visible.as_ref().is_some_and(|v| !v.contains(&unit_id)) {
            continue;
        }
        if let Some(q) = q {
            row.deviation_bp = math::deviation_bp(row.unit_cost_fen, q.median);
            row.outlier = q.outlier(row.unit_cost_fen).map(str::to_string);
        }
        if let Some(s) = &standard {
            let allowed = math::allowed_fen(s.unit_cost_fen, row.quantity_c);
            row.allowed_fen = Some(allowed);
            row.suggested_cut_fen = math::suggested_cut_fen(row.request_fen, allowed);
        }
        projects.push(row);
    }
    projects.sort_by(|a, b| {
        b.unit_cost_fen
            .cmp(&a.unit_cost_fen)
            .then_with(|| a.code.cmp(&b.code))
    });
    let fences = q.map(|q| q.fences());
    Ok(CostAnalysis {
        year,
        field,
        driver,
        measure_unit,
        suggested_cut_fen: projects.iter().map(|p| p.suggested_cut_fen).sum(),
        projects,
        median_fen: q.map(|q| q.median),
        p25_fen: q.map(|q| q.p25),
        p75_fen: q.map(|q| q.p75),
        low_fence_fen: fences.map(|f| f.0),
        high_fence_fen: fences.map(|f| f.1),
        county_count,
        standard,
    })
}

/// The year's 成本分析压减 (建议压减额 under the adopted standards, every field), per budget type
/// of the projects: `(budget_type, 分)` — what 年度总览 shows under 结果应用.
pub fn year_cuts_by_budget_type(c: &Connection, year: i32) -> Result<Vec<(String, i64)>> {
    let mut by: std::collections::BTreeMap<String, i64> = Default::default();
    let mut stmt = c.prepare(
        "SELECT DISTINCT field FROM cost_standard WHERE fiscal_year = ?1 AND deleted_at IS NULL",
    )?;
    let with_standard: Vec<String> = stmt
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for field in with_standard {
        if check_field(c, &field).is_err() {
            continue;
        }
        let a = analyse(c, &Actor::system("年度总览"), year, &field)?;
        for p in a.projects.iter().filter(|p| p.suggested_cut_fen > 0) {
            let bt: String = c.query_row(
                "SELECT budget_type FROM project WHERE id = ?1",
                [&p.project_id],
                |r| r.get(0),
            )?;
            *by.entry(bt).or_default() += p.suggested_cut_fen;
        }
    }
    Ok(by.into_iter().collect())
}

/// The year's 成本分析压减 total (分).
pub fn year_cut_fen(c: &Connection, year: i32) -> Result<i64> {
    Ok(year_cuts_by_budget_type(c, year)?
        .iter()
        .map(|(_, f)| f)
        .sum())
}
