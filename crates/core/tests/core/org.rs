//! The unit tree: create, move (no cycles), delete (refused while in use), audit rows.

use super::common::{actor, add_unit, project_input, temp_db, unit_input};
use jixiao_core::org::{self, UnitKind};
use jixiao_core::projects;

#[test]
fn moving_a_unit_under_its_own_child_is_refused() {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "101001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let err =
        t.db.write(&actor(), |ctx| {
            org::move_unit(ctx, &dept.id, Some(&school.id))
        })
        .expect_err("cycle refused");
    assert!(err.to_string().contains("下级"), "{err}");
    let moved =
        t.db.write(&actor(), |ctx| org::move_unit(ctx, &school.id, None))
            .expect("move to top");
    assert_eq!(moved.parent_id, None);
}

#[test]
fn deleting_a_unit_with_children_or_projects_is_refused_and_an_empty_one_is_soft_deleted() {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "101001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let refuse = |id: &str| {
        t.db.write(&actor(), |ctx| org::delete_unit(ctx, id))
            .expect_err("refused")
            .to_string()
    };
    assert!(refuse(&dept.id).contains("下级单位"));
    t.db.write(&actor(), |ctx| {
        projects::create_project(ctx, &project_input(2026, "P1", &school.id, "10"))
    })
    .expect("project");
    assert!(refuse(&school.id).contains("项目"));

    let spare = add_unit(&t.db, "102", "县档案馆", UnitKind::BudgetUnit, None);
    t.db.write(&actor(), |ctx| org::delete_unit(ctx, &spare.id))
        .expect("delete");
    assert!(t
        .db
        .read(|c| org::find_unit_by_code(c, "102"))
        .expect("q")
        .is_none());
    let still_there: i64 =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM org_unit WHERE code = '102' AND deleted_at IS NOT NULL",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("q");
    assert_eq!(still_there, 1, "soft delete keeps a tombstone for sync");
    // The code is free again for a new unit.
    add_unit(&t.db, "102", "县档案馆", UnitKind::BudgetUnit, None);
}

#[test]
fn every_change_writes_an_audit_row_with_who_and_before_after() {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let mut input = unit_input("101", "县教育和体育局", UnitKind::Department, None);
    input.phone = "13812345678".into();
    t.db.write(&actor(), |ctx| org::update_unit(ctx, &u.id, &input))
        .expect("update");
    let log =
        t.db.read(|c| jixiao_core::audit::list_recent(c, 10))
            .expect("audit");
    assert_eq!(log.len(), 2);
    let upd = &log[0];
    assert_eq!(
        (upd.action.as_str(), upd.operator_name.as_str()),
        ("update", "张三")
    );
    assert!(upd
        .before_json
        .as_deref()
        .unwrap_or("")
        .contains("县教育局"));
    assert!(upd
        .after_json
        .as_deref()
        .unwrap_or("")
        .contains("县教育和体育局"));
}

#[test]
fn a_bad_phone_is_refused_naming_the_field() {
    let t = temp_db();
    let mut input = unit_input("101", "县教育局", UnitKind::Department, None);
    input.phone = "请打办公室".into();
    let err =
        t.db.write(&actor(), |ctx| org::create_unit(ctx, &input))
            .expect_err("refused");
    assert!(err.to_string().contains("联系电话"), "{err}");
}
