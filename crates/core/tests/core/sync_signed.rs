//! Signed exchange (国密 SM2): a package edited after export, one whose header claims another
//! sender, one signed by a PC the bureau never enrolled or has revoked, and an altered 入网文件
//! are all refused with nothing changed; a gap in a PC's package numbers is reported.

use crate::common::{actor, admin};
use crate::sync::{dump, export, import, pair, Pair};
use jixiao_core::db::Db;
use jixiao_core::sync::package::{self, PackageHeader};
use jixiao_core::sync::{self as jsync, enrol, history, keys, site, SiteInput, SiteKind};
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

fn town_package(p: &Pair, name: &str, summary: &str) -> PathBuf {
    p.town
        .write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE rectification SET feedback = ?2
                 WHERE unit_id = ?1 AND status IN ('下达', '整改中', '退回')",
                [&p.town_unit, summary],
            )?;
            Ok(())
        })
        .expect("edit");
    PathBuf::from(export(&p.town, "all", &p.file(name)).file)
}

/// The package with entry `name` replaced by `edit(old bytes)`, every other entry as it was.
pub(crate) fn with_entry(file: &Path, name: &str, edit: impl Fn(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).expect("open")).expect("zip");
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).expect("entry");
            let entry = e.name().expect("name").to_string();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).expect("read");
            if entry == name {
                bytes = edit(bytes);
            }
            w.start_file(entry, zip::write::SimpleFileOptions::default())
                .expect("entry");
            w.write_all(&bytes).expect("write");
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

fn refused(p: &Pair, bytes: &[u8], name: &str, words: &str) {
    let f = p.file(name);
    std::fs::write(&f, bytes).expect("write");
    let before = dump(&p.bureau);
    let err = jsync::import(&p.bureau, &actor(), &f, &mut |_, _| {})
        .expect_err("refused")
        .to_string();
    assert!(err.contains(words), "{name}: {err}");
    assert!(err.contains("未导入任何数据"), "{name}: {err}");
    assert_eq!(dump(&p.bureau), before, "{name} changed the bureau's data");
}

#[test]
fn a_package_edited_after_export_is_refused_whatever_byte_changed() {
    let p = pair();
    let file = town_package(&p, "good.jxpkg", "镇里补充");
    // The header's kind, as any zip tool could change it.
    let bureau_kind = with_entry(&file, "header.json", |b| {
        String::from_utf8(b)
            .expect("utf8")
            .replace("\"kind\": \"乡镇\"", "\"kind\": \"财政局\"")
            .into_bytes()
    });
    refused(&p, &bureau_kind, "kind.jxpkg", "签名不符");
    // One row of the changes, with the header's checksum made to fit.
    let body = with_entry(&file, "changes.jsonl", |b| {
        String::from_utf8(b)
            .expect("utf8")
            .replace("镇里补充", "镇里改过")
            .into_bytes()
    });
    let mut zip = zip::ZipArchive::new(Cursor::new(body.clone())).expect("zip");
    let mut changes = Vec::new();
    zip.by_name("changes.jsonl")
        .expect("changes")
        .read_to_end(&mut changes)
        .expect("read");
    let sha = package::sha256_hex(&changes);
    let fitted = {
        let tmp = p.file("body.jxpkg");
        std::fs::write(&tmp, &body).expect("write");
        with_entry(&tmp, "header.json", |b| {
            let mut h: PackageHeader = serde_json::from_slice(&b).expect("header");
            h.changes_sha256 = sha.clone();
            serde_json::to_vec_pretty(&h).expect("json")
        })
    };
    refused(&p, &fitted, "row.jxpkg", "签名不符");
    // The signature taken away.
    let unsigned = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&file).expect("open")).expect("zip");
        let mut out = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut out);
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).expect("entry");
            if e.name().expect("name") == "signature.json" {
                continue;
            }
            let name = e.name().expect("name").to_string();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).expect("read");
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            w.write_all(&bytes).expect("write");
        }
        w.finish().expect("finish");
        out.into_inner()
    };
    refused(&p, &unsigned, "unsigned.jxpkg", "没有签名");
    // The untouched package still goes in.
    assert!(import(&p.bureau, &file).applied > 0);
}

#[test]
fn a_header_that_claims_the_bureau_is_refused_even_when_the_township_signs_it() {
    let p = pair();
    let file = town_package(&p, "good.jxpkg", "镇里补充");
    let pkg = package::read(
        std::io::BufReader::new(std::fs::File::open(&file).expect("open")),
        jixiao_core::db::latest_version(),
    )
    .expect("read");
    let mut h = pkg.header.clone();
    h.source.kind = "财政局".into();
    h.source.unit_id = None;
    let signer = p.town.read(keys::signer).expect("key");
    let mut out = Cursor::new(Vec::new());
    package::write(&mut out, h, &pkg.changes, &[], &signer).expect("write");
    refused(&p, &out.into_inner(), "claims.jxpkg", "入网时登记为乡镇");
}

#[test]
fn a_package_from_a_pc_never_enrolled_or_revoked_is_refused_and_re_enrolment_works() {
    let p = pair();
    // Another county's bureau (a database of its own) signs a package for "all".
    let stranger = Db::open(&p.file("stranger/jixiao.db")).expect("open");
    let mut bytes = Cursor::new(Vec::new());
    let pkg = package::read(
        std::io::BufReader::new(
            std::fs::File::open(town_package(&p, "good.jxpkg", "镇里补充")).expect("open"),
        ),
        jixiao_core::db::latest_version(),
    )
    .expect("read");
    let mut h = pkg.header.clone();
    let signer = stranger.read(keys::signer).expect("key");
    h.source.site_id = signer.site_id.clone();
    package::write(&mut bytes, h, &pkg.changes, &[], &signer).expect("write");
    refused(&p, &bytes.into_inner(), "stranger.jxpkg", "未在本局入网");

    // 河口镇's PC is lost: revoked, its next package is refused.
    let gone = p
        .bureau
        .write(&admin(), |ctx| keys::revoke(ctx, "307", "电脑丢失"))
        .expect("revoke");
    assert!(gone.revoked_at.is_some());
    let late = town_package(&p, "late.jxpkg", "丢失后");
    refused(
        &p,
        &std::fs::read(&late).expect("read"),
        "late.jxpkg",
        "注销入网",
    );
    // A new PC for 河口镇 from a new 入网文件 is heard again.
    let file = p.file("河口镇-新.jxenrol");
    enrol::enrol(&p.bureau, &admin(), "307", &file).expect("re-enrol");
    let new_town = Db::open(&p.file("town2/jixiao.db")).expect("open");
    let joined = enrol::join(&new_town, &file).expect("join");
    assert_eq!(
        (joined.kind.as_str(), joined.unit_code.as_str()),
        ("乡镇", "307")
    );
    new_town
        .write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE rectification SET feedback = '新电脑'
                 WHERE unit_id = ?1 AND status IN ('下达', '整改中', '退回')",
                [&p.town_unit],
            )?;
            Ok(())
        })
        .expect("edit");
    let pkg = export(&new_town, "all", &p.file("new.jxpkg"));
    assert!(import(&p.bureau, Path::new(&pkg.file)).applied > 0);
}

#[test]
fn the_township_accepts_only_its_bureau_and_never_switches_its_kind() {
    let p = pair();
    // A package signed by another "bureau" is refused on the township PC.
    let stranger = Db::open(&p.file("stranger/jixiao.db")).expect("open");
    let signer = stranger.read(keys::signer).expect("key");
    let good = export(&p.bureau, &town_site(&p), &p.file("down.jxpkg"));
    let pkg = package::read(
        std::io::BufReader::new(std::fs::File::open(&good.file).expect("open")),
        jixiao_core::db::latest_version(),
    )
    .expect("read");
    let mut h = pkg.header.clone();
    h.source.site_id = signer.site_id.clone();
    let mut out = Cursor::new(Vec::new());
    package::write(&mut out, h, &pkg.changes, &[], &signer).expect("write");
    let f = p.file("fake-bureau.jxpkg");
    std::fs::write(&f, out.into_inner()).expect("write");
    let err = jsync::import(&p.town, &actor(), &f, &mut |_, _| {})
        .expect_err("refused")
        .to_string();
    assert!(err.contains("不是本县财政局签发"), "{err}");
    // The real one is accepted.
    import(&p.town, Path::new(&good.file));

    for (kind, unit) in [
        (SiteKind::财政局, None),
        (SiteKind::乡镇, Some("311".to_string())),
    ] {
        let err = p
            .town
            .write(&admin(), |ctx| {
                site::set(
                    ctx,
                    &SiteInput {
                        name: "河口镇".into(),
                        kind,
                        unit: unit.clone(),
                    },
                )
            })
            .expect_err("no switch");
        assert!(err.to_string().contains("不能在本机修改"), "{err}");
    }
    let s = p.town.read(site::get).expect("site");
    assert_eq!(
        (s.kind, s.unit_id.as_deref()),
        (SiteKind::乡镇, Some(p.town_unit.as_str()))
    );
    // Nor can a bureau database make itself a township.
    let err = p
        .bureau
        .write(&admin(), |ctx| {
            site::set(
                ctx,
                &SiteInput {
                    name: "河口镇".into(),
                    kind: SiteKind::乡镇,
                    unit: Some("307".into()),
                },
            )
        })
        .expect_err("no switch");
    assert!(err.to_string().contains("入网文件"), "{err}");
}

fn town_site(p: &Pair) -> String {
    p.town.read(site::get).expect("site").site_id
}

#[test]
fn an_altered_enrolment_file_or_a_used_database_cannot_join() {
    let p = pair();
    let file = p.file("大营镇.jxenrol");
    let r = enrol::enrol(&p.bureau, &admin(), "311", &file).expect("enrol");
    assert_eq!(r.kind, "乡镇");
    // The unit it binds to, changed to another.
    let altered = with_entry(&file, "enrolment.json", |b| {
        String::from_utf8(b)
            .expect("utf8")
            .replace("\"unit_code\": \"311\"", "\"unit_code\": \"307\"")
            .into_bytes()
    });
    let bad = p.file("altered.jxenrol");
    std::fs::write(&bad, altered).expect("write");
    let fresh = Db::open(&p.file("d/jixiao.db")).expect("open");
    let err = enrol::join(&fresh, &bad).expect_err("refused").to_string();
    assert!(err.contains("签名不符"), "{err}");
    // A database that already has data is not overwritten.
    let err = enrol::join(&p.bureau, &file)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("已有数据"), "{err}");
    // The good file joins, with only 大营镇's rows of unit data.
    let joined = enrol::join(&fresh, &file).expect("join");
    assert_eq!(joined.unit_code, "311");
    let others: i64 = fresh
        .read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM self_eval WHERE unit_id NOT IN
                   (SELECT id FROM org_unit WHERE code = '311' OR parent_id =
                      (SELECT id FROM org_unit WHERE code = '311'))",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(others, 0, "no other unit's 自评 in the snapshot");
}

#[test]
fn a_lost_package_shows_as_a_gap_with_its_number() {
    let p = pair();
    let first = town_package(&p, "1.jxpkg", "一");
    let _second = town_package(&p, "2.jxpkg", "二");
    let third = town_package(&p, "3.jxpkg", "三");
    import(&p.bureau, &first);
    assert!(p.bureau.read(history::gaps).expect("gaps").is_empty());
    let late = import(&p.bureau, &third);
    // The 操作日志 rows of package 2 never arrived: the chain cannot be checked across the gap.
    assert_eq!(late.audit_status, "无法核对", "{}", late.audit_note);
    let gaps = p.bureau.read(history::gaps).expect("gaps");
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    assert_eq!(gaps[0].missing, [2]);
    assert!(
        gaps[0].message.contains("缺少来自河口镇的第 2 号数据包"),
        "{}",
        gaps[0].message
    );
    // The bureau's 工作台 has it as waiting work, opening 本机身份 where the remedy is.
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
    let bench = p
        .bureau
        .read(|c| jixiao_core::workbench::todo(c, &actor(), 2026, today))
        .expect("todo");
    let card = bench
        .cards
        .iter()
        .find(|c| c.kind == "sync_missing")
        .expect("card");
    assert_eq!((card.count, card.route.as_str()), (1, "/sync/site"));
    assert!(card.items[0].name.contains("第 2 号"), "{:?}", card.items);
}
