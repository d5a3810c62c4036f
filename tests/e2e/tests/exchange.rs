//! 数据交换 through the real window: the township PC (joined from its 入网文件) and the
//! bureau both changed the same 整改事项 offline. The bureau imports the township's package — the
//! preview shows the conflict before anything is written — then settles it in 冲突处理 by keeping
//! its own wording. The database then holds the settled conflict and its audit row.

mod support;

use jixiao_core::access::Actor;
use jixiao_core::db::Db;
use jixiao_core::results::rectification::{create_rectification, RectInput};
use jixiao_core::sync::{self, conflicts, history, site, SiteInput, SiteKind};
use std::path::{Path, PathBuf};
use support::{county, Session};

const BUREAU_MEASURE: &str = "局里：限期三十日内整改到位";
const TOWN_MEASURE: &str = "镇里：已完成道路修补，待验收";

struct Prepared {
    bureau: PathBuf,
    town: PathBuf,
    package: PathBuf,
    rect: String,
}

/// 本机身份 is the 系统管理员's.
fn set_site(db: &Db, name: &str, kind: SiteKind, unit: Option<&str>) {
    let (admin, _) =
        jixiao_core::access::login::login(db, "admin", support::PASSWORD).expect("admin");
    db.write(&admin, |ctx| {
        site::set(
            ctx,
            &SiteInput {
                name: name.into(),
                kind,
                unit: unit.map(str::to_string),
            },
        )
    })
    .expect("site");
}

fn set_measure(db: &Db, actor: &Actor, rect: &str, measure: &str) {
    db.write(actor, |ctx| {
        ctx.execute(
            "UPDATE rectification SET feedback = ?1 WHERE id = ?2",
            [measure, rect],
        )?;
        Ok(())
    })
    .expect("edit the 整改事项");
}

fn measure_of(db: &Db, rect: &str) -> String {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT feedback FROM rectification WHERE id = ?1",
            [rect],
            |r| r.get::<_, String>(0),
        )?)
    })
    .expect("整改措施")
}

/// The bureau's database with a 河口镇 整改事项, its copy on the township PC, both edited, and the
/// township's package to the bureau.
fn prepare(dir: &Path) -> Prepared {
    let bureau_path = dir.join("bureau.db");
    let bureau = Db::open(&bureau_path).expect("bureau db");
    let actor = support::accounts(&bureau);
    let rect = bureau
        .write(&actor, |ctx| {
            // As at the app's first start, so the township's copy has the 指标库 too.
            jixiao_core::library::install_starter(ctx)?;
            let town = county::township(ctx, "307", "河口镇")?;
            county::project(ctx, 2026, "HK-2026-001", "河口镇村道修补", &town.id)?;
            create_rectification(
                ctx,
                &RectInput {
                    source_kind: "manual".into(),
                    unit_id: town.id.clone(),
                    problem: "村道路面破损，影响群众出行".into(),
                    measure: "限期修补".into(),
                    responsible_person: "赵刚".into(),
                    deadline: "2026-06-30".into(),
                    fiscal_year: 2026,
                    ..Default::default()
                },
            )
        })
        .expect("a 整改事项 of 河口镇")
        .id;
    set_site(&bureau, "示例县财政局", SiteKind::财政局, None);

    // The bureau's administrator gives 河口镇 its 入网文件; the new township PC joins from it.
    let (admin, _) =
        jixiao_core::access::login::login(&bureau, "admin", support::PASSWORD).expect("admin");
    let enrolment = dir.join("河口镇.jxenrol");
    sync::enrol::enrol(&bureau, &admin, "307", &enrolment).expect("入网文件");
    let town_path = dir.join("town/town.db");
    std::fs::create_dir_all(town_path.parent().expect("dir")).expect("mkdir");
    let town = Db::open(&town_path).expect("town db");
    sync::enrol::join(&town, &enrolment).expect("join");

    // Offline, both change the same row.
    set_measure(&town, &actor, &rect, TOWN_MEASURE);
    set_measure(&bureau, &actor, &rect, BUREAU_MEASURE);

    let report = sync::export(&town, &actor, "all", false, dir, &mut |_, _| {}).expect("export");
    assert_eq!(report.change_count, 1, "the township sends its one edit");
    Prepared {
        bureau: bureau_path,
        town: town_path,
        package: PathBuf::from(report.file),
        rect,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bureau_imports_a_township_package_and_keeps_its_own_version_of_a_conflicting_row() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let p = prepare(tmp.path());
    let s = Session::start(&p.bureau).await;
    s.login("wangxm", support::PASSWORD).await;

    s.click("[data-testid=menu-sync-import]").await;
    s.type_into(
        "[data-testid=sync-import-file]",
        &p.package.display().to_string(),
    )
    .await;
    s.click("[data-testid=sync-import-preview]").await;
    s.wait_text("[data-testid=sync-preview-from]", "河口镇")
        .await;
    s.wait_text("[data-testid=sync-preview-table]", "整改事项")
        .await;
    s.wait_text("[data-testid=sync-preview-conflict-rectification]", "1")
        .await;
    s.wait_text("[data-testid=sync-preview-totals]", "冲突 1 条")
        .await;
    s.click("[data-testid=sync-import-confirm]").await;
    s.wait_text(
        "[data-testid=sync-import-result]",
        "已应用 0 条，重复跳过 0 条，冲突 1 条",
    )
    .await;
    s.shot("71-sync-import").await;

    s.click("[data-testid=menu-sync-conflicts]").await;
    // A row is selected by clicking one of its cells (WebKitWebDriver refuses clicks on a <tr>).
    s.click(&format!(
        "[data-testid=sync-conflict-{}] td:nth-child(3) .cell",
        p.rect
    ))
    .await;
    s.wait_text("[data-testid=sync-conflict-fields]", BUREAU_MEASURE)
        .await;
    s.wait_text("[data-testid=sync-conflict-fields]", TOWN_MEASURE)
        .await;
    s.shot("72-sync-conflict").await;
    s.click("[data-testid=sync-keep-ours]").await;
    s.click(".el-message-box__btns .el-button--primary").await;
    s.wait_text("[data-testid=sync-conflicts-count]", "待处理 0 条")
        .await;

    // The settlement goes back to the township on a 「U盘」 folder.
    let usb = tmp.path().join("usb");
    std::fs::create_dir_all(&usb).expect("usb folder");
    s.click("[data-testid=menu-sync-export]").await;
    s.choose_option("[data-testid=sync-export-to]", "河口镇")
        .await;
    s.type_into(
        "[data-testid=sync-export-folder]",
        &usb.display().to_string(),
    )
    .await;
    s.click("[data-testid=sync-export-run]").await;
    s.wait_text("[data-testid=sync-export-count]", "1").await;
    s.shot("73-sync-export").await;
    s.click("[data-testid=menu-sync-history]").await;
    s.wait_text("body", "导出").await;
    s.shot("74-sync-history").await;
    // 本机身份 is the 系统管理员's screen.
    s.logout().await;
    s.login("admin", support::PASSWORD).await;
    s.click("[data-testid=menu-sync-site]").await;
    s.wait_text("body", "站点").await;
    s.shot("75-sync-site").await;
    s.stop().await;

    let db = Db::open(&p.bureau).expect("open the app's database");
    let all = db.read(|c| conflicts::list(c, false)).expect("conflicts");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].pk, p.rect);
    assert_eq!(all[0].status, "已处理");
    assert_eq!(all[0].choice.as_deref(), Some("本机"));
    let measure = measure_of(&db, &p.rect);
    assert_eq!(measure, BUREAU_MEASURE);
    let audited = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = '处理数据冲突' AND entity_id = ?1",
                [&p.rect],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .expect("audit");
    assert_eq!(audited, 1, "the choice is in the 操作日志");
    let packages = db.read(|c| history::list(c, 10)).expect("history");
    let sent_record: Vec<_> = packages.iter().filter(|p| p.direction == "导出").collect();
    // Newest first: the package just sent, then the snapshot inside 河口镇's 入网文件.
    assert_eq!(sent_record.len(), 2);
    assert_eq!(
        (
            sent_record[0].peer_name.as_str(),
            sent_record[0].change_count
        ),
        ("河口镇", 1),
        "only the settled row goes back"
    );
    let received: Vec<_> = packages.iter().filter(|p| p.direction == "导入").collect();
    assert_eq!(received.len(), 1);
    assert_eq!(
        (received[0].peer_name.as_str(), received[0].conflicts),
        ("河口镇", 1)
    );

    // The township imports the bureau's package: both PCs now hold the bureau's wording.
    let sent = std::fs::read_dir(&usb)
        .expect("usb")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "jxpkg"))
        .expect("the package on the USB folder");
    let town = Db::open(&p.town).expect("town db");
    let actor = Actor::system("河口镇");
    let r = sync::import(&town, &actor, &sent, &mut |_, _| {}).expect("town imports");
    assert_eq!((r.applied, r.conflicts), (1, 0));
    let town_measure = measure_of(&town, &p.rect);
    assert_eq!(town_measure, BUREAU_MEASURE);
}
