//! 佐证材料 of an item: the file is copied into `<data folder>/evidence/<sha256>` (content
//! addressed: the same file uploaded twice is stored once) and a row records its name, hash and
//! size. The copy happens before the row is written; if the row then fails, the transaction
//! leaves no row and the stored file is at most an unused copy — harmless.

use super::{audit_item, get_rectification, short};
use crate::access::{Owned, Perm};
use crate::db::{new_id, WriteCtx};
use crate::results::RectStatus;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Largest file accepted: 50 MB.
pub const MAX_EVIDENCE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evidence {
    pub id: String,
    pub rectification_id: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub added_by: String,
    pub created_at: String,
}

/// Where the files live inside the data folder.
pub fn evidence_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("evidence")
}

/// A stored file is named by its hash: exactly 64 lowercase hex digits, so a hash from a package
/// or a restored database can never name a path (`../jixiao.db`). The schema refuses other
/// values too (migration 0009); this check runs before any path is built from one.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The stored file of `sha256`, or an error when the value is not a hash.
pub fn evidence_file(data_dir: &Path, sha256: &str) -> Result<PathBuf> {
    if !is_sha256_hex(sha256) {
        return Err(Error::File(format!(
            "佐证材料的校验值『{}』不是64位十六进制数字，已拒绝",
            sha256.chars().take(80).collect::<String>()
        )));
    }
    Ok(evidence_dir(data_dir).join(sha256))
}

/// Makes a rename inside `dir` durable (a power cut must not lose a stored 佐证材料).
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Copies `input` to `tmp`; returns (sha256 hex, size).
fn copy_hashing(input: &mut std::fs::File, tmp: &Path) -> std::io::Result<(String, u64)> {
    let mut out = std::fs::File::create(tmp)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = input.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n])?;
        size += n as u64;
    }
    out.sync_all()?;
    Ok((format!("{:x}", hasher.finalize()), size))
}

/// Copies `src` into the store while hashing it; returns (sha256 hex, size).
fn store(data_dir: &Path, src: &Path, name: &str) -> Result<(String, u64)> {
    let dir = evidence_dir(data_dir);
    std::fs::create_dir_all(&dir)
        .map_err(|e| Error::File(format!("无法创建佐证材料文件夹『{}』：{e}", dir.display())))?;
    let mut input = std::fs::File::open(src)
        .map_err(|e| Error::File(format!("无法读取文件『{name}』：{e}")))?;
    let tmp = dir.join(format!(".upload-{}", new_id()));
    let (sha, size) = copy_hashing(&mut input, &tmp).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::File(format!("复制文件『{name}』失败：{e}"))
    })?;
    if size > MAX_EVIDENCE_BYTES {
        let _ = std::fs::remove_file(&tmp);
        return Err(too_big(name, size));
    }
    let dest = dir.join(&sha);
    if dest.exists() {
        let _ = std::fs::remove_file(&tmp);
    } else {
        std::fs::rename(&tmp, &dest).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::File(format!("保存文件『{name}』失败：{e}"))
        })?;
        sync_dir(&dir);
    }
    Ok((sha, size))
}

fn too_big(name: &str, size: u64) -> Error {
    Error::invalid(
        "佐证材料",
        format!(
            "文件『{name}』有 {} MB，超过 50 MB 的上限，请压缩或拆分后再上传",
            mb(size)
        ),
    )
}

/// Attaches the file `src` to item `id`. Refused for a missing file, a folder, a file over
/// 50 MB and a 销号 item.
pub fn add_evidence(ctx: &WriteCtx, data_dir: &Path, id: &str, src: &Path) -> Result<Evidence> {
    ctx.require_row(Perm::RectFeedback, Owned::Rectification, id)?;
    let before = get_rectification(ctx, id, ctx.clock.today())?;
    if before.status == RectStatus::Closed {
        return Err(Error::Conflict("整改事项已销号，不能再添加佐证材料".into()));
    }
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| src.display().to_string());
    let meta = std::fs::metadata(src).map_err(|_| {
        Error::File(format!(
            "找不到文件『{}』，它可能已被移动或删除，请重新选择",
            src.display()
        ))
    })?;
    if !meta.is_file() {
        return Err(Error::File(format!(
            "『{}』不是文件，请选择要上传的佐证材料文件",
            src.display()
        )));
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(too_big(&name, meta.len()));
    }
    let (sha, size) = store(data_dir, src, &name)?;
    let evidence_id = new_id();
    ctx.execute(
        "INSERT INTO rectification_evidence (id, rectification_id, file_name, sha256, size_bytes,
            added_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            evidence_id,
            id,
            name,
            sha,
            size as i64,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    ctx.execute(
        "UPDATE rectification SET updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    audit_item(
        ctx,
        "update",
        id,
        Some(&before),
        &format!("上传佐证材料『{name}』：{}", short(&before.problem)),
    )?;
    get_evidence(ctx, &evidence_id)
}

const SELECT: &str = "SELECT id, rectification_id, file_name, sha256, size_bytes, added_by,
        created_at FROM rectification_evidence WHERE deleted_at IS NULL";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        rectification_id: r.get(1)?,
        file_name: r.get(2)?,
        sha256: r.get(3)?,
        size_bytes: r.get(4)?,
        added_by: r.get(5)?,
        created_at: r.get(6)?,
    })
}

fn get_evidence(c: &Connection, id: &str) -> Result<Evidence> {
    c.query_row(&format!("{SELECT} AND id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该佐证材料，请刷新后重试".into()))
}

/// The files of item `id`, oldest first.
pub fn list_evidence(c: &Connection, id: &str) -> Result<Vec<Evidence>> {
    let mut st = c.prepare(&format!(
        "{SELECT} AND rectification_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = st.query_map([id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Copies a stored file out to `dest` (「另存为」); refuses when the stored copy is missing.
pub fn export_evidence(
    c: &Connection,
    data_dir: &Path,
    evidence_id: &str,
    dest: &Path,
) -> Result<()> {
    let e = get_evidence(c, evidence_id)?;
    let stored = evidence_file(data_dir, &e.sha256)?;
    if !stored.is_file() {
        return Err(Error::File(format!(
            "佐证材料『{}』的文件不在数据文件夹中（{}），请重新上传",
            e.file_name,
            stored.display()
        )));
    }
    crate::db::guard::check_destination(dest)?;
    std::fs::copy(&stored, dest)
        .map_err(|err| Error::File(format!("无法保存到『{}』：{err}", dest.display())))?;
    Ok(())
}
