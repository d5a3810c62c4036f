//! The `.jxpkg` exchange file: a zip holding `header.json` (format and schema version, source
//! site, destination, the range of changes, created at, counts, the sha256 of the changes),
//! `changes.jsonl` (one row version per line), `audit.jsonl` (a unit's 操作日志 rows, see
//! `audit_trail`), `files/<sha256>` (佐证材料 the rows name) and
//! `signature.json`: the sender's SM2 signature over the header's bytes and the list of files
//! (the header carries the sha256 of the changes, so the whole content is signed).
//!
//! The reader trusts nothing: sizes are capped before anything is inflated, the header is
//! checked before the body, the body's sha256 before any line is parsed, every file's content
//! against its name. Whatever is wrong becomes a Chinese error and nothing is applied.

use super::tables;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, Write};
use ts_rs::TS;

pub const FORMAT: &str = "jxpkg";
pub const FORMAT_VERSION: u32 = 1;
pub const EXTENSION: &str = "jxpkg";
const AUDIT_ENTRY: &str = "audit.jsonl";

/// Caps, all checked while inflating (a zip's declared sizes can lie).
const MAX_HEADER: u64 = 64 * 1024;
/// `changes.jsonl` is parsed into memory: 256 MB of JSON is several full county exports.
const MAX_CHANGES: u64 = 256 * 1024 * 1024;
/// A 佐证材料 is at most 50 MB when uploaded; a little slack for older files.
const MAX_FILE: u64 = 60 * 1024 * 1024;
/// Everything inflated from one package together.
const MAX_TOTAL: u64 = 2 * 1024 * 1024 * 1024;
/// The package file itself (checked before it is opened).
pub const MAX_PACKAGE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
const MAX_ENTRIES: usize = 100_000;
/// Inflated bytes per compressed byte beyond which an entry is a zip bomb. JSON of rows
/// compresses 10–30×; a bomb of zeros ~1000×.
const MAX_RATIO: u64 = 200;
/// Below this an entry's ratio does not matter (a small file of repeated text may compress well).
const RATIO_FLOOR: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "PackageSite")]
pub struct PackageSite {
    pub site_id: String,
    pub name: String,
    pub kind: String,
    pub unit_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageHeader {
    pub format: String,
    pub format_version: u32,
    pub package_id: String,
    pub schema_version: i64,
    pub app_version: String,
    pub source: PackageSite,
    /// Destination site id, or "*" for every unit.
    pub to_site_id: String,
    pub to_name: String,
    /// The sender's change sequence this package covers: (from, to].
    pub seq_from: i64,
    pub seq_to: i64,
    pub created_at: String,
    pub change_count: u64,
    pub file_count: u64,
    pub changes_sha256: String,
    /// What the sender already holds of other PCs' changes, so they need not be sent again.
    #[serde(default)]
    pub acks: Vec<Ack>,
    /// Consecutive per destination within `epoch`: a gap is a lost package.
    #[serde(default)]
    pub number: i64,
    /// The sender's epoch: a new one after it was restored from an older backup.
    #[serde(default)]
    pub epoch: String,
    /// The sender's 操作日志 head when it exported: "seq:hash".
    #[serde(default)]
    pub audit_head: String,
    /// sha256 of `audit.jsonl` (the sender's audit rows since its previous package to the same
    /// PC, see `audit_trail`); empty when the package carries none.
    #[serde(default)]
    pub audit_sha256: String,
}

/// `signature.json`: who signed, with which public key, and the signature (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageSignature {
    pub alg: String,
    pub signer_site_id: String,
    pub public_hex: String,
    pub signature_hex: String,
}

/// What is signed: the header exactly as stored, then each file name.
fn signed_payload(header: &[u8], mut file_names: Vec<String>) -> Vec<u8> {
    file_names.sort();
    let mut out = header.to_vec();
    for n in file_names {
        out.push(b'\n');
        out.extend_from_slice(n.as_bytes());
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Ack {
    pub site_id: String,
    pub seq: i64,
}

/// One row version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    #[serde(rename = "t")]
    pub table: String,
    #[serde(rename = "k")]
    pub pk: String,
    #[serde(rename = "v")]
    pub ver: String,
    /// Earlier versions, oldest first.
    #[serde(rename = "h")]
    pub hist: Vec<String>,
    #[serde(rename = "o")]
    pub origin: String,
    #[serde(rename = "d")]
    pub deleted: bool,
    /// The row image; None for a tombstone.
    #[serde(rename = "r")]
    pub row: Option<Map<String, Value>>,
}

pub struct Package {
    pub header: PackageHeader,
    /// Checked against the content; whether its key may speak for the sender is
    /// `keys::admit`'s question.
    pub signature: Option<PackageSignature>,
    pub changes: Vec<Change>,
    /// The sender's audit rows (`audit_trail`); empty from the bureau.
    pub audit: Vec<super::audit_trail::AuditEntry>,
    /// (sha256, file in the package's temporary folder) of the 佐证材料 carried.
    pub files: Vec<(String, std::path::PathBuf)>,
    /// Removed when the package is dropped.
    _scratch: Scratch,
}

/// A temporary folder for one package's inflated entries; removed on drop.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("jixiao-pkg-{}", crate::db::new_id()));
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

/// sha256 of a file, read in pieces (a package may be large).
pub fn sha256_file(path: &std::path::Path) -> Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(format!("{:x}", h.finalize()))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn damaged(what: &str) -> Error {
    Error::File(format!(
        "数据包已损坏或不完整（{what}），未导入任何数据。请在对方电脑上重新导出后再导入"
    ))
}

/// Writes a package without audit rows (see [`write_with_audit`]).
pub fn write<W: Write + Seek>(
    out: W,
    header: PackageHeader,
    changes: &[Change],
    files: &[(String, Vec<u8>)],
    signer: &super::keys::Signer,
) -> Result<PackageHeader> {
    write_with_audit(out, header, changes, &[], files, signer)
}

fn jsonl<T: Serialize>(items: &[T]) -> Result<Vec<u8>> {
    let mut body = Vec::with_capacity(items.len() * 256);
    for it in items {
        serde_json::to_writer(&mut body, it)?;
        body.push(b'\n');
    }
    Ok(body)
}

/// Writes a package; `header.change_count`, `file_count`, `changes_sha256` and `audit_sha256`
/// are filled in.
pub fn write_with_audit<W: Write + Seek>(
    out: W,
    mut header: PackageHeader,
    changes: &[Change],
    audit: &[super::audit_trail::AuditEntry],
    files: &[(String, Vec<u8>)],
    signer: &super::keys::Signer,
) -> Result<PackageHeader> {
    let body = jsonl(changes)?;
    let audit_body = jsonl(audit)?;
    header.change_count = changes.len() as u64;
    header.file_count = files.len() as u64;
    header.changes_sha256 = sha256_hex(&body);
    header.audit_sha256 = if audit.is_empty() {
        String::new()
    } else {
        sha256_hex(&audit_body)
    };
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut zip = zip::ZipWriter::new(out);
    let io = |e: zip::result::ZipError| Error::File(format!("写入数据包失败：{e}"));
    let header_bytes = serde_json::to_vec_pretty(&header)?;
    let names = files
        .iter()
        .map(|(sha, _)| format!("files/{sha}"))
        .collect();
    let signature = PackageSignature {
        alg: super::keys::ALG.into(),
        signer_site_id: signer.site_id.clone(),
        public_hex: signer.keys.public_hex.clone(),
        signature_hex: super::keys::sign(&signer.keys, &signed_payload(&header_bytes, names))?,
    };
    zip.start_file("header.json", opts).map_err(io)?;
    zip.write_all(&header_bytes)?;
    zip.start_file("signature.json", opts).map_err(io)?;
    zip.write_all(&serde_json::to_vec_pretty(&signature)?)?;
    zip.start_file("changes.jsonl", opts).map_err(io)?;
    zip.write_all(&body)?;
    if !audit.is_empty() {
        zip.start_file(AUDIT_ENTRY, opts).map_err(io)?;
        zip.write_all(&audit_body)?;
    }
    for (sha, bytes) in files {
        zip.start_file(format!("files/{sha}"), opts).map_err(io)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(io)?;
    Ok(header)
}

/// How much may still be inflated from this package.
struct Budget {
    left: u64,
}

/// Inflates entry `name` into `out`, hashing it; refuses more than `cap` bytes, more than the
/// package's remaining budget, or a ratio of a zip bomb. Returns (sha256 hex, size).
fn inflate_entry<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
    budget: &mut Budget,
    out: &mut dyn Write,
) -> Result<(String, u64)> {
    let entry = zip
        .by_name(name)
        .map_err(|_| damaged(&format!("缺少 {name}")))?;
    let packed = entry.compressed_size();
    let ratio_cap = packed.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
    if entry.size() > ratio_cap {
        return Err(bomb(name));
    }
    if entry.size() > cap {
        return Err(too_large(name));
    }
    // The declared size can lie: never inflate more than the caps allow.
    let limit = cap.min(budget.left).min(ratio_cap);
    let mut reader = entry.take(limit + 1);
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader
            .read(&mut buf)
            .map_err(|_| damaged(&format!("{name} 无法解压")))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > limit {
            return Err(if size > ratio_cap {
                bomb(name)
            } else if size > cap {
                too_large(name)
            } else {
                Error::File(format!(
                    "数据包解压后超过 {} GB 的上限，未导入任何数据。请分几次导出（如先导出增量）",
                    MAX_TOTAL >> 30
                ))
            });
        }
        h.update(&buf[..n]);
        out.write_all(&buf[..n])?;
    }
    budget.left -= size;
    Ok((format!("{:x}", h.finalize()), size))
}

fn too_large(name: &str) -> Error {
    damaged(&format!("{name} 超过允许的大小"))
}

fn bomb(name: &str) -> Error {
    Error::File(format!(
        "数据包中的 {name} 压缩比异常（疑似“压缩炸弹”），已拒绝，未导入任何数据。请向对方核实来源后重新导出"
    ))
}

/// An entry small enough to hold in memory (the header).
fn read_small<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
    cap: u64,
) -> Result<Vec<u8>> {
    let mut budget = Budget { left: cap };
    let mut buf = Vec::new();
    inflate_entry(zip, name, cap, &mut budget, &mut buf)?;
    Ok(buf)
}

/// Reads and checks only the header (for the import preview and history).
pub fn read_header<R: Read + Seek>(input: R, schema_version: i64) -> Result<PackageHeader> {
    let mut zip = open(input)?;
    Ok(header_of(&mut zip, schema_version)?.0)
}

fn open<R: Read + Seek>(input: R) -> Result<zip::ZipArchive<R>> {
    let zip = zip::ZipArchive::new(input).map_err(|_| {
        Error::File("这不是绩效系统数据包（.jxpkg），或文件已损坏/不完整，未导入任何数据。请确认选择的文件后重试".into())
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(damaged("文件数过多"));
    }
    Ok(zip)
}

fn header_of<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    schema_version: i64,
) -> Result<(PackageHeader, Vec<u8>)> {
    let bytes = read_small(zip, "header.json", MAX_HEADER)?;
    let header: PackageHeader =
        serde_json::from_slice(&bytes).map_err(|_| damaged("包头无法识别"))?;
    if header.format != FORMAT {
        return Err(damaged("不是绩效系统数据包"));
    }
    if header.format_version != FORMAT_VERSION {
        return Err(Error::File(format!(
            "数据包格式版本为 {}，本机支持 {}，未导入任何数据。请两台电脑升级到同一版本后重新导出",
            header.format_version, FORMAT_VERSION
        )));
    }
    if header.schema_version != schema_version {
        return Err(Error::File(format!(
            "数据包来自数据库版本 {} 的电脑，本机为版本 {}，未导入任何数据。请两台电脑升级到同一版本后重新导出",
            header.schema_version, schema_version
        )));
    }
    Ok((header, bytes))
}

/// The signature entry, if any, checked against the header and file names: a package edited
/// after export (any byte of the header, the changes or a file) fails here.
fn signature_of<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    header: &PackageHeader,
    header_bytes: &[u8],
    file_names: Vec<String>,
) -> Result<Option<PackageSignature>> {
    if zip.index_for_name("signature.json").is_none() {
        return Ok(None);
    }
    let bytes = read_small(zip, "signature.json", MAX_HEADER)?;
    let sig: PackageSignature =
        serde_json::from_slice(&bytes).map_err(|_| damaged("签名无法识别"))?;
    let forged = || {
        Error::File(
            "数据包的签名不符：导出后内容被改动过（或不是发送方电脑签发的），已拒绝整个数据包，未导入任何数据。请对方重新导出"
                .into(),
        )
    };
    if sig.alg != super::keys::ALG || sig.signer_site_id != header.source.site_id {
        return Err(forged());
    }
    let payload = signed_payload(header_bytes, file_names);
    if !super::keys::verify(&sig.public_hex, &payload, &sig.signature_hex) {
        return Err(forged());
    }
    Ok(Some(sig))
}

/// Reads a package and checks it. The body and the files are inflated into a temporary folder
/// (never whole into memory) under the caps above; the changes are then parsed line by line.
pub fn read<R: Read + Seek>(input: R, schema_version: i64) -> Result<Package> {
    let mut zip = open(input)?;
    let (header, header_bytes) = header_of(&mut zip, schema_version)?;
    let entry_names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()))
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| damaged("附件名无法识别"))?;
    let file_names = entry_names
        .iter()
        .filter(|n| n.starts_with("files/"))
        .cloned()
        .collect();
    let signature = signature_of(&mut zip, &header, &header_bytes, file_names)?;
    let scratch = Scratch::new()?;
    let mut budget = Budget { left: MAX_TOTAL };
    let body_path = scratch.0.join("changes.jsonl");
    let (body_sha, _) = {
        let file = std::fs::File::create(&body_path)?;
        let mut w = std::io::BufWriter::new(file);
        let r = inflate_entry(&mut zip, "changes.jsonl", MAX_CHANGES, &mut budget, &mut w)?;
        w.flush()?;
        r
    };
    if body_sha != header.changes_sha256 {
        return Err(Error::File(
            "数据包校验和不符（内容在复制途中被改动或损坏），未导入任何数据。请重新导出后再导入"
                .into(),
        ));
    }
    let mut changes = Vec::new();
    let body = std::io::BufReader::new(std::fs::File::open(&body_path)?);
    for (i, line) in std::io::BufRead::split(body, b'\n').enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        let ch: Change = serde_json::from_slice(&line)
            .map_err(|_| damaged(&format!("第 {} 条变更无法识别", i + 1)))?;
        check_change(&ch, i + 1)?;
        changes.push(ch);
    }
    let _ = std::fs::remove_file(&body_path);
    if changes.len() as u64 != header.change_count {
        return Err(damaged("变更条数与包头不符"));
    }
    let audit = read_audit(&mut zip, &header, &entry_names, &mut budget)?;
    let mut files = Vec::new();
    for name in entry_names {
        let Some(sha) = name.strip_prefix("files/") else {
            continue;
        };
        // The name becomes a file name in the data folder: only a hash is one.
        if !crate::results::rectification::is_sha256_hex(sha) {
            return Err(damaged("附件名不是校验值"));
        }
        let sha = sha.to_string();
        let path = scratch.0.join(format!("f{}", files.len()));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let (got, _) = inflate_entry(&mut zip, &name, MAX_FILE, &mut budget, &mut w)?;
        w.flush()?;
        if got != sha {
            return Err(damaged(&format!("附件 {sha} 内容与校验值不符")));
        }
        files.push((sha, path));
    }
    if files.len() as u64 != header.file_count {
        return Err(damaged("附件数与包头不符"));
    }
    Ok(Package {
        header,
        signature,
        changes,
        audit,
        files,
        _scratch: scratch,
    })
}

/// `audit.jsonl`, checked against the signed header's sha256 before a line is parsed.
fn read_audit<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    header: &PackageHeader,
    entry_names: &[String],
    budget: &mut Budget,
) -> Result<Vec<super::audit_trail::AuditEntry>> {
    let present = entry_names.iter().any(|n| n == AUDIT_ENTRY);
    if header.audit_sha256.is_empty() {
        return if present {
            Err(damaged("附有包头未记载的操作日志"))
        } else {
            Ok(Vec::new())
        };
    }
    let mut bytes = Vec::new();
    let (sha, _) = inflate_entry(zip, AUDIT_ENTRY, MAX_CHANGES, budget, &mut bytes)?;
    if sha != header.audit_sha256 {
        return Err(Error::File(
            "数据包所附操作日志的校验和不符（导出后被改动过），未导入任何数据。请对方重新导出"
                .into(),
        ));
    }
    let mut out = Vec::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        out.push(
            serde_json::from_slice(line)
                .map_err(|_| damaged(&format!("所附操作日志第 {} 行无法识别", i + 1)))?,
        );
    }
    Ok(out)
}

fn check_change(ch: &Change, line: usize) -> Result<()> {
    let bad = |what: &str| damaged(&format!("第 {line} 条变更{what}"));
    if tables::find(&ch.table).is_none() {
        return Err(bad(&format!("的表『{}』不在交换范围内", ch.table)));
    }
    if ch.pk.is_empty() || ch.ver.is_empty() || ch.hist.len() > 64 {
        return Err(bad("缺少主键或版本"));
    }
    if ch.deleted != ch.row.is_none() {
        return Err(bad("的删除标记与内容不符"));
    }
    // A 佐证材料 row's hash names its file in the data folder: it must be a hash, checked here
    // before any path is built from it (the schema refuses it again, migration 0009).
    if ch.table == "rectification_evidence" {
        if let Some(row) = &ch.row {
            let sha = row
                .get("sha256")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !crate::results::rectification::is_sha256_hex(sha) {
                return Err(Error::File(format!(
                    "数据包第 {line} 条变更（佐证材料）的校验值『{}』不是64位十六进制数字，已拒绝整个数据包，未导入任何数据",
                    sha.chars().take(80).collect::<String>()
                )));
            }
        }
    }
    Ok(())
}
