//! Field-by-field merge of a row both PCs changed: against the image both started from (the
//! common ancestor kept by the change trigger), each field changed on one side only takes that
//! side's value; a field changed on both sides to different values makes it a real conflict.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The merged image, or None when both sides changed a field differently (or a field the base
/// doesn't hold, such as a BLOB).
pub fn three_way(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
) -> Option<Map<String, Value>> {
    if ours.len() != theirs.len() {
        return None;
    }
    let mut out = ours.clone();
    for (col, t) in theirs {
        let o = ours.get(col)?;
        if o == t || col == "updated_at" {
            continue;
        }
        let b = base.get(col)?;
        if o == b {
            out.insert(col.clone(), t.clone());
        } else if t != b {
            return None;
        }
    }
    // The later save time of the two, so both PCs end with the same row.
    if let (Some(Value::String(o)), Some(Value::String(t))) =
        (ours.get("updated_at"), theirs.get("updated_at"))
    {
        if t > o {
            out.insert("updated_at".into(), Value::String(t.clone()));
        }
    }
    Some(out)
}

/// The merged version's id: the same on both PCs when they merge the same two versions from the
/// same ancestor, so their results meet as one version.
pub fn merged_ver(a: &str, b: &str, base_ver: &str) -> String {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let digest = format!(
        "{:x}",
        Sha256::digest(format!("merge|{lo}|{hi}|{base_ver}"))
    );
    digest[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn m(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn edits_of_different_fields_are_both_kept() {
        let base = m(json!({"id": "r", "feedback": "", "review_note": "", "updated_at": "1"}));
        let ours =
            m(json!({"id": "r", "feedback": "", "review_note": "局：补照片", "updated_at": "2"}));
        let theirs =
            m(json!({"id": "r", "feedback": "镇：已整改", "review_note": "", "updated_at": "3"}));
        let merged = three_way(&base, &ours, &theirs).expect("mergeable");
        assert_eq!(merged["feedback"], "镇：已整改");
        assert_eq!(merged["review_note"], "局：补照片");
        assert_eq!(merged["updated_at"], "3");
        assert_eq!(
            three_way(&base, &theirs, &ours),
            Some(merged),
            "both PCs get the same row"
        );
    }

    #[test]
    fn the_same_field_changed_differently_is_a_conflict_and_the_same_change_is_not() {
        let base = m(json!({"id": "r", "measure": "限期修补"}));
        let ours = m(json!({"id": "r", "measure": "局里"}));
        let theirs = m(json!({"id": "r", "measure": "镇里"}));
        assert_eq!(three_way(&base, &ours, &theirs), None);
        assert_eq!(three_way(&base, &ours, &ours.clone()), Some(ours));
    }

    #[test]
    fn a_field_the_base_does_not_hold_cannot_be_merged() {
        let base = m(json!({"id": "r"}));
        let ours = m(json!({"id": "r", "pdf": {"$b64": "AA=="}}));
        let theirs = m(json!({"id": "r", "pdf": {"$b64": "AQ=="}}));
        assert_eq!(three_way(&base, &ours, &theirs), None);
    }

    #[test]
    fn both_pcs_name_the_merge_alike() {
        assert_eq!(merged_ver("a1", "b1", "0"), merged_ver("b1", "a1", "0"));
        assert_ne!(merged_ver("a1", "b1", "0"), merged_ver("a1", "b1", "x"));
    }
}
