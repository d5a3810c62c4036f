//! The 第三方机构 registry: an org_unit of kind 第三方机构 plus its `agency` row (type,
//! qualification, record), recorded relations with units, and the computed 清退提示 (the last
//! `exclude_after_fails` quality reviews all 不合格).

use super::model::*;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::evaluation::QualityGrade;
use crate::org::{create_unit, get_unit, update_unit, UnitInput, UnitKind};
use crate::{rules, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

const SELECT: &str = "SELECT u.id, u.code, u.name, u.contact, u.phone, a.unit_id IS NOT NULL,
        a.agency_type, COALESCE(a.qualification, ''), COALESCE(a.record, ''),
        (SELECT COUNT(*) FROM engagement e WHERE e.agency_id = u.id AND e.deleted_at IS NULL)
    FROM org_unit u LEFT JOIN agency a ON a.unit_id = u.id AND a.deleted_at IS NULL
    WHERE u.deleted_at IS NULL AND u.kind = '第三方机构'";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<AgencyRow> {
    Ok(AgencyRow {
        unit_id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        contact: r.get(3)?,
        phone: r.get(4)?,
        registered: r.get(5)?,
        agency_type: r.get(6)?,
        qualification: r.get(7)?,
        record: r.get(8)?,
        engagements: r.get(9)?,
        latest_grades: Vec::new(),
        flagged_for_exclusion: false,
        relations: Vec::new(),
    })
}

/// Quality grades of an agency's reviewed engagements, latest first (by contract date).
pub(super) fn grades_latest_first(c: &Connection, agency_id: &str) -> Result<Vec<QualityGrade>> {
    let mut stmt = c.prepare(
        "SELECT r.grade FROM engagement_review r JOIN engagement e ON e.id = r.engagement_id
         WHERE e.agency_id = ?1 AND e.deleted_at IS NULL AND r.deleted_at IS NULL
         ORDER BY e.contract_date DESC, r.reviewed_at DESC, r.id DESC",
    )?;
    let grades = stmt
        .query_map([agency_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(grades)
}

/// 清退提示: at least `n` reviews and the latest `n` all 不合格.
pub fn flagged(latest_first: &[QualityGrade], n: i64) -> bool {
    let n = usize::try_from(n.max(1)).unwrap_or(1);
    latest_first.len() >= n && latest_first[..n].iter().all(|g| *g == QualityGrade::Fail)
}

fn relations(c: &Connection, agency_id: &str) -> Result<Vec<AgencyRelation>> {
    let mut stmt = c.prepare(
        "SELECT r.id, r.agency_id, r.unit_id, u.name, r.note FROM agency_relation r
         JOIN org_unit u ON u.id = r.unit_id
         WHERE r.agency_id = ?1 AND r.deleted_at IS NULL ORDER BY u.code",
    )?;
    let rows = stmt
        .query_map([agency_id], |r| {
            Ok(AgencyRelation {
                id: r.get(0)?,
                agency_id: r.get(1)?,
                unit_id: r.get(2)?,
                unit_name: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn complete(c: &Connection, mut row: AgencyRow, fails: i64) -> Result<AgencyRow> {
    row.latest_grades = grades_latest_first(c, &row.unit_id)?;
    row.flagged_for_exclusion = flagged(&row.latest_grades, fails);
    row.relations = relations(c, &row.unit_id)?;
    Ok(row)
}

/// Every 第三方机构 unit, registered ones first, then by code.
pub fn list_agencies(c: &Connection) -> Result<Vec<AgencyRow>> {
    let fails = rules::current(c)?
        .rules
        .evaluation
        .agency_review
        .exclude_after_fails;
    let mut stmt = c.prepare(&format!("{SELECT} ORDER BY a.unit_id IS NULL, u.code"))?;
    let rows: Vec<AgencyRow> = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|r| complete(c, r, fails)).collect()
}

/// One 第三方机构 unit of the registry.
pub fn get_agency(c: &Connection, unit_id: &str) -> Result<AgencyRow> {
    let fails = rules::current(c)?
        .rules
        .evaluation
        .agency_review
        .exclude_after_fails;
    let row = c
        .query_row(&format!("{SELECT} AND u.id = ?1"), [unit_id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该第三方机构，可能已被删除，请刷新后重试".into()))?;
    complete(c, row, fails)
}

/// A registered agency (with its `agency` row), or a clear refusal.
pub(super) fn registered(c: &Connection, unit_id: &str) -> Result<AgencyRow> {
    let row = get_agency(c, unit_id)?;
    if !row.registered {
        return Err(Error::invalid(
            "第三方机构",
            format!(
                "『{}』尚未登记机构类别和资质，请先在第三方机构名录中登记",
                row.name
            ),
        ));
    }
    Ok(row)
}

fn check_text(field: &str, text: &str, max: usize) -> Result<String> {
    let t = text.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(field, format!("不能超过{max}个字")));
    }
    Ok(t.to_string())
}

/// Creates or updates a 第三方机构: its org_unit (kind 第三方机构) and its registry row.
pub fn save_agency(ctx: &WriteCtx, input: &AgencyInput) -> Result<AgencyRow> {
    ctx.require(Perm::Agency)?;
    let qualification = check_text("资质", &input.qualification, 500)?;
    let record = check_text("执业记录", &input.record, 2000)?;
    let unit_input = |parent_id: Option<String>| UnitInput {
        code: input.code.clone(),
        name: input.name.clone(),
        parent_id,
        kind: UnitKind::ThirdParty,
        contact: input.contact.clone(),
        phone: input.phone.clone(),
    };
    let unit = match input.unit_id.as_deref().filter(|id| !id.is_empty()) {
        Some(id) => {
            let unit = get_unit(ctx, id)?;
            if unit.kind != UnitKind::ThirdParty {
                return Err(Error::invalid(
                    "第三方机构",
                    format!("『{}』是{}，不是第三方机构", unit.name, unit.kind.label()),
                ));
            }
            let same = unit.code == input.code.trim()
                && unit.name == input.name.trim()
                && unit.contact == input.contact.trim()
                && unit.phone == input.phone.trim();
            if same {
                unit
            } else {
                update_unit(ctx, id, &unit_input(unit.parent_id.clone()))?
            }
        }
        None => create_unit(ctx, &unit_input(None))?,
    };
    let before = get_agency(ctx, &unit.id)?;
    if before.registered {
        ctx.execute(
            "UPDATE agency SET agency_type = ?2, qualification = ?3, record = ?4, updated_at = ?5
             WHERE unit_id = ?1",
            params![unit.id, input.agency_type, qualification, record, ctx.now()],
        )?;
    } else {
        ctx.execute(
            "INSERT INTO agency (unit_id, agency_type, qualification, record, created_at,
                updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![unit.id, input.agency_type, qualification, record, ctx.now()],
        )?;
    }
    let after = get_agency(ctx, &unit.id)?;
    ctx.audit(
        if before.registered {
            "update"
        } else {
            "create"
        },
        "agency",
        Some(&unit.id),
        &format!(
            "{}第三方机构 {}（{}）",
            if before.registered {
                "修改"
            } else {
                "登记"
            },
            after.name,
            input.agency_type.label()
        ),
        before
            .registered
            .then(|| serde_json::to_value(&before))
            .transpose()?
            .as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Records that `agency_id` is related to `unit_id` (投资、审计、咨询服务 …): it may then not
/// evaluate that unit or the units below it.
pub fn add_agency_relation(
    ctx: &WriteCtx,
    agency_id: &str,
    unit_id: &str,
    note: &str,
) -> Result<AgencyRelation> {
    ctx.require(Perm::Agency)?;
    let agency = registered(ctx, agency_id)?;
    let unit = get_unit(ctx, unit_id).map_err(|_| Error::invalid("关联单位", "所选单位不存在"))?;
    if unit.id == agency.unit_id {
        return Err(Error::invalid("关联单位", "请选择与该机构有关联的其他单位"));
    }
    let note = check_text("关联说明", note, 200)?;
    if note.is_empty() {
        return Err(Error::invalid(
            "关联说明",
            "请写明关联关系，如『近三年为该单位提供审计服务』",
        ));
    }
    if agency.relations.iter().any(|r| r.unit_id == unit.id) {
        return Err(Error::Conflict(format!(
            "已记录『{}』与『{}』的关联关系",
            agency.name, unit.name
        )));
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO agency_relation (id, agency_id, unit_id, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![id, agency.unit_id, unit.id, note, ctx.now()],
    )?;
    let relation = AgencyRelation {
        id: id.clone(),
        agency_id: agency.unit_id,
        unit_id: unit.id,
        unit_name: unit.name.clone(),
        note,
    };
    ctx.audit(
        "create",
        "agency_relation",
        Some(&id),
        &format!("记录第三方机构 {} 与 {} 的关联关系", agency.name, unit.name),
        None,
        Some(&serde_json::to_value(&relation)?),
    )?;
    Ok(relation)
}

/// Removes a recorded relation (soft delete).
pub fn remove_agency_relation(ctx: &WriteCtx, relation_id: &str) -> Result<()> {
    ctx.require(Perm::Agency)?;
    let found: Option<(String, String)> = ctx
        .query_row(
            "SELECT r.agency_id, r.unit_id FROM agency_relation r
             WHERE r.id = ?1 AND r.deleted_at IS NULL",
            [relation_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((agency_id, _)) = found else {
        return Err(Error::NotFound(
            "找不到该关联关系，可能已被删除，请刷新后重试".into(),
        ));
    };
    let relation = relations(ctx, &agency_id)?
        .into_iter()
        .find(|r| r.id == relation_id)
        .ok_or_else(|| Error::NotFound("找不到该关联关系，可能已被删除，请刷新后重试".into()))?;
    let agency = get_agency(ctx, &agency_id)?;
    ctx.execute(
        "UPDATE agency_relation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![relation_id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "agency_relation",
        Some(relation_id),
        &format!(
            "删除第三方机构 {} 与 {} 的关联关系",
            agency.name, relation.unit_name
        ),
        Some(&serde_json::to_value(&relation)?),
        None,
    )
}

/// The relation that forbids `agency_id` to evaluate `unit_id`: one recorded with the unit
/// itself or any unit above it (its 主管部门).
pub(super) fn conflicting_relation(
    c: &Connection,
    agency_id: &str,
    unit_id: &str,
) -> Result<Option<(String, String)>> {
    Ok(c.query_row(
        "WITH RECURSIVE up(id, parent_id, depth) AS (
             SELECT id, parent_id, 0 FROM org_unit WHERE id = ?2
             UNION SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o
                   JOIN up ON o.id = up.parent_id)
         SELECT u.name, r.note FROM agency_relation r JOIN up ON up.id = r.unit_id
         JOIN org_unit u ON u.id = r.unit_id
         WHERE r.agency_id = ?1 AND r.deleted_at IS NULL ORDER BY up.depth LIMIT 1",
        params![agency_id, unit_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use QualityGrade::*;

    #[test]
    fn two_fails_in_a_row_flag_but_a_pass_between_does_not() {
        assert!(flagged(&[Fail, Fail], 2));
        assert!(flagged(&[Fail, Fail, Pass], 2));
        assert!(!flagged(&[Fail, Pass, Fail], 2));
        assert!(!flagged(&[Fail], 2));
        assert!(!flagged(&[], 2));
        assert!(flagged(&[Fail], 1));
    }
}
