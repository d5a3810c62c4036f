//! 入网: the bureau makes an enrolment file (入网文件) for one unit or township PC, and a new,
//! empty database joins the county from it.
//!
//! The file is a zip: `enrolment.json` (the bureau's site id, name and public key; the site id,
//! kind, unit and SM2 key pair it gives the new PC), `signature.json` (the bureau's SM2
//! signature of `enrolment.json`) and `snapshot.jxpkg` — a full package for that unit signed by
//! the bureau: the shared reference data (units, rule sets, the 指标库 with the bureau's ids) and
//! that unit's own rows, nothing of other units. The file is handed over in person; it holds
//! the new PC's secret key.

use super::keys::{self, KeyPair};
use super::package::MAX_PACKAGE_BYTES;
use super::site::{self, SiteKind};
use crate::access::{Actor, Perm};
use crate::db::{new_id, Db};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

const FORMAT: &str = "jxenrol";
const FORMAT_VERSION: u32 = 1;
pub const EXTENSION: &str = "jxenrol";
const MAX_JSON: u64 = 64 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct EnrolmentFile {
    format: String,
    format_version: u32,
    schema_version: i64,
    bureau_site_id: String,
    bureau_name: String,
    bureau_public_hex: String,
    site_id: String,
    site_name: String,
    kind: String,
    unit_id: String,
    unit_code: String,
    secret_hex: String,
    public_hex: String,
    created_at: String,
    snapshot_sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileSignature {
    alg: String,
    public_hex: String,
    signature_hex: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrolReport {
    pub site_id: String,
    pub unit_code: String,
    pub name: String,
    pub kind: String,
    pub file: String,
    pub change_count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JoinReport {
    pub site_id: String,
    pub name: String,
    pub kind: String,
    pub unit_code: String,
    pub bureau_name: String,
    pub applied: u64,
}

/// Enrols a PC for unit `unit` (code or id) and writes its 入网文件 to `out`.
pub fn enrol(db: &Db, actor: &Actor, unit: &str, out: &Path) -> Result<EnrolReport> {
    crate::db::guard::check_destination(out)?;
    let (site_id, name, kind, unit_id, unit_code, keys) = db.write(actor, |ctx| {
        ctx.require(Perm::SystemMaintain)?;
        let me = site::get(ctx)?;
        if !me.kind.is_bureau() {
            return Err(Error::Forbidden(
                "只有财政局的电脑能发放入网文件，未做任何修改".into(),
            ));
        }
        let (unit_id, unit_code, name, unit_kind): (String, String, String, String) = ctx
            .query_row(
                "SELECT id, code, name, kind FROM org_unit
                 WHERE (id = ?1 OR code = ?1) AND deleted_at IS NULL",
                [unit.trim()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::Invalid {
                field: "单位".into(),
                message: format!("找不到单位『{unit}』，请填单位编码（见「单位管理」）"),
            })?;
        if !matches!(unit_kind.as_str(), "主管部门" | "预算单位" | "乡镇") {
            return Err(Error::Invalid {
                field: "单位".into(),
                message: format!(
                    "『{name}』是{unit_kind}，不办理预算：入网文件只发给主管部门、预算单位和乡镇"
                ),
            });
        }
        let kind = if unit_kind == "乡镇" {
            SiteKind::乡镇
        } else {
            SiteKind::预算单位
        };
        let pair = keys::generate();
        let site_id = new_id();
        ctx.execute(
            "INSERT INTO sync_enrolment (site_id, unit_id, kind, name, public_hex, enrolled_at,
                                         enrolled_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                site_id,
                unit_id,
                kind.as_str(),
                name,
                pair.public_hex,
                ctx.now(),
                ctx.actor.name
            ],
        )?;
        ctx.execute(
            "INSERT INTO sync_peer (site_id, name, kind, unit_id, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![site_id, name, kind.as_str(), unit_id, ctx.now()],
        )?;
        ctx.audit(
            "enrol",
            "sync_enrolment",
            Some(&site_id),
            &format!("发放入网文件：{name}（{unit_code}，{}）", kind.as_str()),
            None,
            None,
        )?;
        Ok((site_id, name, kind, unit_id, unit_code, pair))
    })?;
    // The secret key goes only into the file: the bureau keeps the public half.
    let change_count = write_file(
        db, actor, &site_id, &name, kind, &unit_id, &unit_code, &keys, out,
    )?;
    Ok(EnrolReport {
        site_id,
        unit_code,
        name,
        kind: kind.as_str().into(),
        file: out.display().to_string(),
        change_count,
    })
}

#[allow(clippy::too_many_arguments)]
fn write_file(
    db: &Db,
    actor: &Actor,
    site_id: &str,
    name: &str,
    kind: SiteKind,
    unit_id: &str,
    unit_code: &str,
    pair: &KeyPair,
    out: &Path,
) -> Result<u64> {
    let scratch = Scratch::new()?;
    let snapshot = scratch.0.join("snapshot.jxpkg");
    let report = super::export::export_as(
        db,
        actor,
        Perm::SystemMaintain,
        site_id,
        true,
        &snapshot,
        &mut |_, _| {},
    )?;
    let (me, bureau) = db.read(|c| Ok((site::get(c)?, keys::signer(c)?)))?;
    let body = EnrolmentFile {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: crate::db::latest_version(),
        bureau_site_id: me.site_id,
        bureau_name: me.name,
        bureau_public_hex: bureau.keys.public_hex.clone(),
        site_id: site_id.into(),
        site_name: name.into(),
        kind: kind.as_str().into(),
        unit_id: unit_id.into(),
        unit_code: unit_code.into(),
        secret_hex: pair.secret_hex.clone(),
        public_hex: pair.public_hex.clone(),
        created_at: db.clock().stamp(),
        snapshot_sha256: super::package::sha256_file(&snapshot)?,
    };
    let json = serde_json::to_vec_pretty(&body)?;
    let sig = FileSignature {
        alg: keys::ALG.into(),
        public_hex: bureau.keys.public_hex.clone(),
        signature_hex: keys::sign(&bureau.keys, &json)?,
    };
    let part = out.with_extension("jxenrol.part");
    let written = (|| {
        let file = std::fs::File::create(&part)?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(&file));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let io = |e: zip::result::ZipError| Error::File(format!("写入入网文件失败：{e}"));
        zip.start_file("enrolment.json", opts).map_err(io)?;
        zip.write_all(&json)?;
        zip.start_file("signature.json", opts).map_err(io)?;
        zip.write_all(&serde_json::to_vec_pretty(&sig)?)?;
        // Already compressed: stored as is.
        zip.start_file(
            "snapshot.jxpkg",
            opts.compression_method(zip::CompressionMethod::Stored),
        )
        .map_err(io)?;
        std::io::copy(&mut std::fs::File::open(&snapshot)?, &mut zip)?;
        zip.finish().map_err(io)?;
        file.sync_all()?;
        std::fs::rename(&part, out)?;
        Ok::<_, Error>(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&part);
        return Err(Error::File(format!(
            "无法写入入网文件『{}』：{e}。请检查U盘是否已插好、是否有空间",
            out.display()
        )));
    }
    Ok(report.change_count)
}

/// Joins the county from a 入网文件: the database must be new (no account, no unit). It takes
/// the PC's identity and keys from the file, then applies the bureau's snapshot as a package
/// from the bureau (so every check of an import applies).
pub fn join(db: &Db, file: &Path) -> Result<JoinReport> {
    let empty: bool = db.read(|c| {
        Ok(c.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM account) AND NOT EXISTS (SELECT 1 FROM org_unit)",
            [],
            |r| r.get(0),
        )?)
    })?;
    if !empty {
        return Err(Error::Conflict(
            "本机数据库中已有数据或账号，不能再用入网文件加入。入网文件只用于新装的电脑".into(),
        ));
    }
    let scratch = Scratch::new()?;
    let (body, snapshot) = read_file(file, &scratch.0)?;
    let system = Actor::system("入网");
    db.write(&system, |ctx| {
        ctx.execute(
            "UPDATE sync_local SET site_id = ?1, name = ?2, kind = ?3, unit_id = NULL,
                    base_seq = 0, updated_at = ?4 WHERE id = 1",
            params![body.site_id, body.site_name, body.kind, ctx.now()],
        )?;
        ctx.execute(
            "UPDATE sync_key SET secret_hex = ?1, public_hex = ?2, bureau_site_id = ?3,
                    bureau_public_hex = ?4 WHERE id = 1",
            params![
                body.secret_hex,
                body.public_hex,
                body.bureau_site_id,
                body.bureau_public_hex
            ],
        )?;
        Ok(())
    })?;
    let applied = super::import::import(db, &system, &snapshot, &mut |_, _| {})?.applied;
    db.write(&system, |ctx| {
        // What the snapshot brought is the common base, held by the bureau already.
        ctx.execute(
            "UPDATE sync_local SET unit_id = ?1,
                    base_seq = (SELECT COALESCE(MAX(seq), 0) FROM sync_row) WHERE id = 1",
            [&body.unit_id],
        )?;
        super::mark_all_shared(ctx)?;
        ctx.audit(
            "join",
            "sync_local",
            Some(&body.site_id),
            &format!(
                "用入网文件加入：{}（{}，{}），由{}发放",
                body.site_name, body.unit_code, body.kind, body.bureau_name
            ),
            None,
            None,
        )
    })?;
    Ok(JoinReport {
        site_id: body.site_id,
        name: body.site_name,
        kind: body.kind,
        unit_code: body.unit_code,
        bureau_name: body.bureau_name,
        applied,
    })
}

/// Reads and checks a 入网文件; the snapshot is copied into `dir`.
fn read_file(file: &Path, dir: &Path) -> Result<(EnrolmentFile, PathBuf)> {
    let bad = |what: &str| {
        Error::File(format!(
            "入网文件『{}』{what}，未做任何修改。请向财政局重新领取入网文件",
            file.display()
        ))
    };
    let f = std::fs::File::open(file)
        .map_err(|e| Error::File(format!("无法打开入网文件『{}』：{e}", file.display())))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(f))
        .map_err(|_| bad("不是入网文件或已损坏"))?;
    let mut small = |name: &str| -> Result<Vec<u8>> {
        let entry = zip
            .by_name(name)
            .map_err(|_| bad(&format!("缺少 {name}")))?;
        let mut buf = Vec::new();
        entry.take(MAX_JSON + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > MAX_JSON {
            return Err(bad(&format!("中的 {name} 过大")));
        }
        Ok(buf)
    };
    let json = small("enrolment.json")?;
    let sig: FileSignature =
        serde_json::from_slice(&small("signature.json")?).map_err(|_| bad("的签名无法识别"))?;
    let body: EnrolmentFile = serde_json::from_slice(&json).map_err(|_| bad("的内容无法识别"))?;
    if body.format != FORMAT || body.format_version != FORMAT_VERSION {
        return Err(bad("不是本程序的入网文件"));
    }
    if body.schema_version != crate::db::latest_version() {
        return Err(bad(&format!(
            "来自数据库版本 {} 的财政局程序，本机为版本 {}；请两边升级到同一版本",
            body.schema_version,
            crate::db::latest_version()
        )));
    }
    if sig.alg != keys::ALG
        || sig.public_hex != body.bureau_public_hex
        || !keys::verify(&body.bureau_public_hex, &json, &sig.signature_hex)
    {
        return Err(bad("的签名不符（文件被改动过）"));
    }
    SiteKind::parse(&body.kind)?;
    let snapshot = dir.join("snapshot.jxpkg");
    {
        let entry = zip
            .by_name("snapshot.jxpkg")
            .map_err(|_| bad("缺少 snapshot.jxpkg"))?;
        let mut out = std::fs::File::create(&snapshot)?;
        let n = std::io::copy(&mut entry.take(MAX_PACKAGE_BYTES + 1), &mut out)?;
        if n > MAX_PACKAGE_BYTES {
            return Err(bad("中的数据过大"));
        }
    }
    if super::package::sha256_file(&snapshot)? != body.snapshot_sha256 {
        return Err(bad("中的数据与签名不符（文件被改动过）"));
    }
    Ok((body, snapshot))
}

/// A temporary folder, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("jixiao-enrol-{}", new_id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::File(format!("无法创建临时文件夹『{}』：{e}", dir.display())))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
