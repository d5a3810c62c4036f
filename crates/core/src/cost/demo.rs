//! The demo county's 成本预算绩效分析 of 年度 `year`: cost sheets on the demo projects that fit each
//! built-in field (by name), costs that add up to about the project's 调整后预算数, unit costs
//! spread around a field price (one 城乡环卫 project far above it, an outlier), and standards
//! adopted at the median for 公厕管理 and 路灯维护 (冠县 cut exactly those) and at P75 for 城乡环卫,
//! so the year's 成本分析压减 is a believable figure. Deterministic, a few dozen rows: fast.

use super::{adopt_standard, save_item, AdoptInput, CostInput, StandardBasis};
use crate::db::WriteCtx;
use crate::Result;
use rusqlite::params;

/// (field, name keywords, 成本动因, 计量单位, field price 分 per unit, adopted basis)
type FieldPlan = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    i64,
    Option<StandardBasis>,
);

const PLAN: [FieldPlan; 5] = [
    (
        "城乡环卫",
        &[
            "环卫保洁",
            "垃圾清运",
            "垃圾中转",
            "人居环境",
            "环境综合整治",
        ],
        "保洁面积",
        "万平方米",
        1_850_000,
        Some(StandardBasis::P75),
    ),
    (
        "学前教育",
        &["课后服务", "助学金", "免学费"],
        "服务学生数",
        "人",
        180_000,
        None,
    ),
    (
        "校车补贴",
        &["公交一体化", "校车"],
        "校车班次",
        "班次",
        42_000,
        None,
    ),
    (
        "公厕管理",
        &["厕"],
        "公厕座数",
        "座",
        1_250_000,
        Some(StandardBasis::Median),
    ),
    (
        "路灯维护",
        &["照明", "路灯", "信号灯"],
        "路灯盏数",
        "盏",
        260_000,
        Some(StandardBasis::Median),
    ),
];

/// Unit-cost factors (percent of the field price), in project-code order; the 9th entry makes
/// an outlier when a field has that many projects.
const FACTORS: [i64; 9] = [96, 118, 84, 131, 102, 90, 108, 125, 205];

pub fn generate(ctx: &WriteCtx, year: i32) -> Result<()> {
    let mut taken = std::collections::HashSet::new();
    for (field, keywords, driver, unit, price, basis) in PLAN {
        let mut stmt = ctx.prepare(
            "SELECT id, code, name, adjusted_budget_fen FROM project
             WHERE fiscal_year = ?1 AND deleted_at IS NULL ORDER BY code",
        )?;
        let projects: Vec<(String, String, String, i64)> = stmt
            .query_map(params![year], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut n = 0usize;
        for (id, _code, name, budget) in projects {
            if budget <= 0 || taken.contains(&id) || !keywords.iter().any(|k| name.contains(k)) {
                continue;
            }
            taken.insert(id.clone());
            let factor = FACTORS[n % FACTORS.len()];
            n += 1;
            // Costs: about 92% of the budget; 人员 40%, 运维 33%, 材料 17%, 其他 the rest.
            let total = budget / 100 * 92;
            let personnel = total / 100 * 40;
            let operation = total / 100 * 33;
            let material = total / 100 * 17;
            let other = total - personnel - operation - material;
            // 数量 so that 单位成本 ≈ price × factor%, in 1/100 units (at least 1 unit).
            let unit_cost = price * factor / 100;
            let quantity_c = (i128::from(total) * 100 / i128::from(unit_cost)).max(100) as i64;
            save_item(
                ctx,
                field,
                &CostInput {
                    project_id: id,
                    driver: driver.to_string(),
                    quantity_c,
                    measure_unit: unit.to_string(),
                    personnel_fen: personnel,
                    operation_fen: operation,
                    material_fen: material,
                    other_fen: other,
                },
            )?;
        }
        if let (Some(basis), true) = (basis, n > 0) {
            adopt_standard(
                ctx,
                &AdoptInput {
                    year,
                    field: field.to_string(),
                    basis,
                    custom_yuan: None,
                    note: format!("按{year}年度成本分析结果确定"),
                },
            )?;
        }
    }
    Ok(())
}
