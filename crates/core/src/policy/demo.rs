//! The demo county's 政策: 小学课后服务补助政策 and 工业技术改造综合奖补资金 (冠县's examples),
//! each carried by the demo projects whose names say so, with 资金规模 = those projects'
//! 调整后预算数 per year. The second one has its 政策事前评估; the first is left for the user.

use super::{create_policy, save_policy_assessment, PolicyFundInput, PolicyInput};
use crate::db::WriteCtx;
use crate::exante::{AssessorType, ExAnteInput, ItemScore};
use crate::Result;
use std::collections::BTreeMap;

/// (政策名称, 文号, project-name fragments: the first that names some demo project is used).
const POLICIES: [(&str, &str, &[&str]); 2] = [
    (
        "小学课后服务补助政策",
        "示教发〔2025〕8号",
        &["课后服务", "义务教育", "教育"],
    ),
    (
        "工业技术改造综合奖补资金",
        "示政办发〔2025〕15号",
        &["技术改造", "企业", "工业"],
    ),
];

pub fn generate(ctx: &WriteCtx, y0: i32, y1: i32) -> Result<()> {
    for (i, (name, doc_no, fragments)) in POLICIES.iter().enumerate() {
        let mut rows = Vec::new();
        for fragment in *fragments {
            rows = carriers(ctx, fragment, y0, y1)?;
            if !rows.is_empty() {
                break;
            }
        }
        let Some(dept) = rows.first().map(|r| r.2.clone()) else {
            continue;
        };
        let mut funds: BTreeMap<i32, i64> = BTreeMap::new();
        for r in &rows {
            *funds.entry(r.1).or_default() += r.3;
        }
        let policy = create_policy(
            ctx,
            &PolicyInput {
                name: (*name).to_string(),
                doc_no: (*doc_no).to_string(),
                dept_unit_id: dept,
                start_year: y0,
                end_year: y1 + 1,
                funds: funds
                    .into_iter()
                    .map(|(year, fen)| PolicyFundInput {
                        year,
                        amount_wan: crate::money::Fen(fen).wan_exact(),
                    })
                    .collect(),
                project_ids: rows.iter().map(|r| r.0.clone()).collect(),
            },
        )?;
        if i == 1 {
            let rules = crate::rules::current(ctx)?;
            // 4.50 of 5 on every item but the 退出机制 ones (3.00): 88.50 → 调整完善后予以支持.
            let scores = rules
                .rules
                .ex_ante
                .policy_aspects
                .iter()
                .flat_map(|a| {
                    a.items.iter().map(move |it| ItemScore {
                        aspect: a.name.clone(),
                        item: it.name.clone(),
                        score_cp: if it.name.contains("退出") {
                            it.max_cp * 6 / 10
                        } else {
                            it.max_cp * 9 / 10
                        },
                    })
                })
                .collect();
            save_policy_assessment(
                ctx,
                &policy.id,
                &ExAnteInput {
                    scores,
                    assessor_type: AssessorType::Finance,
                    assessor_org_id: None,
                    assessor_name: "王晓梅".into(),
                    declared_wan: policy.total_fen.wan_exact(),
                    approved_wan: policy.total_fen.wan_exact(),
                    opinion: "政策依据充分，需补充到期退出机制".into(),
                    assessed_on: format!("{y0}-03-10"),
                },
            )?;
        }
    }
    Ok(())
}

/// The demo projects whose name holds `fragment`: (id, fiscal_year, the unit's 主管部门 or the
/// unit itself, 调整后预算数).
fn carriers(
    ctx: &WriteCtx,
    fragment: &str,
    y0: i32,
    y1: i32,
) -> Result<Vec<(String, i32, String, i64)>> {
    let mut stmt = ctx.prepare(
        "SELECT p.id, p.fiscal_year, COALESCE(
        CASE WHEN par.kind = '主管部门' THEN par.id END, p.unit_id),
        p.adjusted_budget_fen
         FROM project p JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN org_unit par ON par.id = u.parent_id
         WHERE p.deleted_at IS NULL AND p.name LIKE ?1 AND p.fiscal_year BETWEEN ?2 AND ?3
         ORDER BY p.fiscal_year, p.code LIMIT 12",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![format!("%{fragment}%"), y0, y1], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
