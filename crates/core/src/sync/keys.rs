//! 国密 signatures for the exchange: this PC's SM2 key pair (`sync_key`), the bureau's register
//! of enrolled PCs (`sync_enrolment`, 入网登记), and the decision whether the key that signed a
//! package may speak for the site its header names.
//!
//! Trust is one level deep: the bureau's key pair is made when its database is first opened;
//! a unit or township PC gets its own key pair and the bureau's public key from the 入网文件
//! the bureau signs for it ([`super::enrol`]). The bureau accepts a package only from an
//! enrolled, not revoked key whose enrolment names the same site, kind and unit as the header;
//! a unit accepts only the bureau's key. SM2 (GM/T 0003) with SM3 (GM/T 0004) rather than
//! Ed25519 because 密评 of a government system expects the national algorithms.

use super::package::{PackageHeader, PackageSignature};
use super::site::Site;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sm2::dsa::signature::{Signer as _, Verifier as _};
use sm2::dsa::{Signature, SigningKey, VerifyingKey};
use sm2::elliptic_curve::Generate;
use ts_rs::TS;

/// The signature algorithm named in every package.
pub const ALG: &str = "SM2-SM3";
/// The SM2 distinguishing identifier (GM/T 0009's default user id).
const DIST_ID: &str = "1234567812345678";

/// A key pair as stored: 32-byte secret scalar and SEC1 uncompressed public point, in hex.
#[derive(Debug, Clone)]
pub struct KeyPair {
    pub secret_hex: String,
    pub public_hex: String,
}

/// What signs this PC's packages.
#[derive(Debug, Clone)]
pub struct Signer {
    pub site_id: String,
    pub keys: KeyPair,
}

pub fn generate() -> KeyPair {
    loop {
        let secret = sm2::SecretKey::generate();
        // A random scalar is a valid key but for a vanishing few; then draw again.
        if let Ok(key) = SigningKey::new(DIST_ID, &secret) {
            return KeyPair {
                secret_hex: to_hex(&secret.to_bytes()),
                public_hex: to_hex(&key.verifying_key().to_sec1_bytes()),
            };
        }
    }
}

pub fn sign(keys: &KeyPair, msg: &[u8]) -> Result<String> {
    let bytes = from_hex(&keys.secret_hex).ok_or_else(broken_key)?;
    let key = SigningKey::from_slice(DIST_ID, &bytes).map_err(|_| broken_key())?;
    let sig: Signature = key.try_sign(msg).map_err(|_| broken_key())?;
    Ok(to_hex(&sig.to_bytes()))
}

/// Whether `sig_hex` is `public_hex`'s signature of `msg`.
pub fn verify(public_hex: &str, msg: &[u8], sig_hex: &str) -> bool {
    let (Some(public), Some(sig)) = (from_hex(public_hex), from_hex(sig_hex)) else {
        return false;
    };
    let (Ok(key), Ok(sig)) = (
        VerifyingKey::from_sec1_bytes(DIST_ID, &public),
        Signature::from_slice(&sig),
    ) else {
        return false;
    };
    key.verify(msg, &sig).is_ok()
}

fn broken_key() -> Error {
    Error::Invalid {
        field: "本机密钥".into(),
        message: "本机的签名密钥已损坏，不能签名。请联系财政局重新发放入网文件".into(),
    }
}

/// Gives a new database its key pair (a bureau's root key; a unit's is replaced on joining).
pub(crate) fn ensure(c: &Connection, now: &str) -> Result<()> {
    let has: bool = c.query_row("SELECT EXISTS (SELECT 1 FROM sync_key)", [], |r| r.get(0))?;
    if !has {
        let k = generate();
        c.execute(
            "INSERT INTO sync_key (id, secret_hex, public_hex, created_at) VALUES (1, ?1, ?2, ?3)",
            params![k.secret_hex, k.public_hex, now],
        )?;
    }
    Ok(())
}

/// This PC's signer.
pub fn signer(c: &Connection) -> Result<Signer> {
    let (site_id, secret_hex, public_hex) = c.query_row(
        "SELECT l.site_id, k.secret_hex, k.public_hex FROM sync_local l, sync_key k
         WHERE l.id = 1 AND k.id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(Signer {
        site_id,
        keys: KeyPair {
            secret_hex,
            public_hex,
        },
    })
}

/// This PC's public key (shown in 本机身份 so a clerk can compare it on the phone).
pub fn own_public(c: &Connection) -> Result<String> {
    Ok(
        c.query_row("SELECT public_hex FROM sync_key WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// The bureau a unit/township PC was enrolled by: (site id, public key).
pub fn bureau(c: &Connection) -> Result<Option<(String, String)>> {
    Ok(c.query_row(
        "SELECT bureau_site_id, bureau_public_hex FROM sync_key WHERE id = 1",
        [],
        |r| {
            Ok(
                match (
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                ) {
                    (Some(s), Some(k)) => Some((s, k)),
                    _ => None,
                },
            )
        },
    )?)
}

/// One PC in the bureau's 入网登记.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Enrolment {
    pub site_id: String,
    pub unit_id: String,
    pub unit_code: String,
    pub name: String,
    pub kind: String,
    pub public_hex: String,
    pub enrolled_at: String,
    pub enrolled_by: String,
    pub revoked_at: Option<String>,
    pub revoked_reason: String,
}

pub fn enrolments(c: &Connection) -> Result<Vec<Enrolment>> {
    let mut stmt = c.prepare(
        "SELECT e.site_id, e.unit_id, COALESCE(u.code, ''), e.name, e.kind, e.public_hex,
                e.enrolled_at, e.enrolled_by, e.revoked_at, e.revoked_reason
         FROM sync_enrolment e LEFT JOIN org_unit u ON u.id = e.unit_id
         ORDER BY e.enrolled_at DESC, e.site_id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Enrolment {
                site_id: r.get(0)?,
                unit_id: r.get(1)?,
                unit_code: r.get(2)?,
                name: r.get(3)?,
                kind: r.get(4)?,
                public_hex: r.get(5)?,
                enrolled_at: r.get(6)?,
                enrolled_by: r.get(7)?,
                revoked_at: r.get(8)?,
                revoked_reason: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn enrolment(c: &Connection, site_id: &str) -> Result<Option<Enrolment>> {
    Ok(enrolments(c)?.into_iter().find(|e| e.site_id == site_id))
}

/// Whether the key that signed the package (already checked against its content by the
/// reader) may speak for the sender its header names. Every refusal leaves the package unread.
pub(crate) fn admit(
    c: &Connection,
    me: &Site,
    h: &PackageHeader,
    sig: Option<&PackageSignature>,
) -> Result<()> {
    let refuse = |why: String| {
        Err(Error::Invalid {
            field: "数据包签名".into(),
            message: format!("{why}，未导入任何数据"),
        })
    };
    if h.source.site_id == me.site_id {
        // This PC's own package: the addressing check says so in its own words.
        return Ok(());
    }
    let Some(sig) = sig else {
        return refuse(format!(
            "来自『{}』的数据包没有签名（旧版本导出或被改动过）。请对方升级后重新导出",
            h.source.name
        ));
    };
    if me.kind.is_bureau() {
        let Some(e) = enrolment(c, &h.source.site_id)? else {
            return refuse(format!(
                "数据包来自未在本局入网的电脑『{}』。单位/乡镇的电脑须用财政局发放的入网文件加入后再交换数据",
                h.source.name
            ));
        };
        if let Some(at) = &e.revoked_at {
            return refuse(format!(
                "发送数据包的电脑『{}』已于 {} 被注销入网（{}）。如已找回或更换电脑，请重新发放入网文件",
                e.name,
                &at[..at.len().min(10)],
                e.revoked_reason
            ));
        }
        if e.public_hex != sig.public_hex {
            return refuse(format!(
                "数据包的签名密钥与『{}』入网时登记的不符（可能是伪造的数据包）",
                e.name
            ));
        }
        if h.source.kind != e.kind || h.source.unit_id.as_deref() != Some(e.unit_id.as_str()) {
            return refuse(format!(
                "数据包自称来自{}，但签名的电脑入网时登记为{}『{}』（包头被改动过）",
                h.source.kind, e.kind, e.name
            ));
        }
        return Ok(());
    }
    match bureau(c)? {
        Some((site, key)) if site == h.source.site_id && key == sig.public_hex => {
            if h.source.kind != "财政局" {
                return refuse("数据包的包头被改动过（发送方类型不符）".into());
            }
            Ok(())
        }
        Some(_) => refuse(format!(
            "数据包不是本县财政局签发的（发送方『{}』）。本机只接收入网时登记的财政局的数据包",
            h.source.name
        )),
        None => {
            refuse("本机尚未用入网文件加入，不能导入数据包。请向财政局领取本单位的入网文件".into())
        }
    }
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 4096 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Marks a PC of the register as revoked (lost or stolen): its packages are refused from now on.
pub fn revoke(ctx: &crate::db::WriteCtx, site: &str, reason: &str) -> Result<Enrolment> {
    ctx.require(crate::access::Perm::SystemMaintain)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid {
            field: "注销原因".into(),
            message: "请写明注销原因（如「电脑丢失」「更换电脑」）".into(),
        });
    }
    // By site id, or the unit code of its (one) active enrolment.
    let site_id: Option<String> = ctx
        .query_row(
            "SELECT e.site_id FROM sync_enrolment e LEFT JOIN org_unit u ON u.id = e.unit_id
             WHERE e.revoked_at IS NULL AND (e.site_id = ?1 OR u.code = ?1)
             ORDER BY e.enrolled_at DESC LIMIT 1",
            [site.trim()],
            |r| r.get(0),
        )
        .optional()?;
    let Some(site_id) = site_id else {
        return Err(Error::NotFound(format!(
            "没有找到未注销的入网电脑『{site}』：请填站点编号或单位编码（见 site enrolments）"
        )));
    };
    ctx.execute(
        "UPDATE sync_enrolment SET revoked_at = ?2, revoked_reason = ?3 WHERE site_id = ?1",
        params![site_id, ctx.now(), reason],
    )?;
    let e = enrolment(ctx, &site_id)?.ok_or_else(|| Error::NotFound(site_id.clone()))?;
    ctx.audit(
        "revoke",
        "sync_enrolment",
        Some(&site_id),
        &format!("注销入网：{}（{}），原因：{reason}", e.name, e.unit_code),
        None,
        None,
    )?;
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_message_and_key() {
        let k = generate();
        let other = generate();
        let sig = sign(&k, b"header").expect("sign");
        assert!(verify(&k.public_hex, b"header", &sig));
        assert!(!verify(&k.public_hex, b"headeR", &sig));
        assert!(!verify(&other.public_hex, b"header", &sig));
        assert!(!verify(&k.public_hex, b"header", "00"));
        assert!(!verify("zz", b"header", &sig));
    }
}
