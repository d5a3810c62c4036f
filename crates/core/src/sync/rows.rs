//! Row images: a synced row as a JSON object (column → value; BLOBs as {"$b64": …}), read from
//! and written back into its table exactly, column by column.

use super::tables::Columns;
use crate::{Error, Result};
use base64::Engine;
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde_json::{Map, Value};

fn to_json(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => {
            let mut m = Map::new();
            m.insert(
                "$b64".into(),
                Value::from(base64::engine::general_purpose::STANDARD.encode(b)),
            );
            Value::Object(m)
        }
    }
}

fn to_sql(table: &str, col: &str, v: &Value) -> Result<SqlValue> {
    let bad = || {
        Error::File(format!(
            "数据包中表『{table}』字段『{col}』的值无法识别，数据包可能已损坏，请重新导出"
        ))
    };
    Ok(match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => SqlValue::Integer(i),
            None => SqlValue::Real(n.as_f64().ok_or_else(bad)?),
        },
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Object(m) => match m.get("$b64").and_then(Value::as_str) {
            Some(b) => SqlValue::Blob(
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .map_err(|_| bad())?,
            ),
            None => return Err(bad()),
        },
        Value::Array(_) => return Err(bad()),
    })
}

/// The current image of a row, or None when it is not there.
pub fn read_row(c: &Connection, info: &Columns, pk: &str) -> Result<Option<Map<String, Value>>> {
    let Columns {
        table,
        pk: pk_col,
        cols,
    } = info;
    let sql = format!("SELECT * FROM {table} WHERE {pk_col} = ?1");
    Ok(c.prepare_cached(&sql)?
        .query_row([pk], |r| {
            let mut m = Map::new();
            for (i, col) in cols.iter().enumerate() {
                m.insert(col.clone(), to_json(r.get_ref(i)?));
            }
            Ok(m)
        })
        .optional()?)
}

/// Writes a row image (insert or replace by primary key). The image must carry exactly the
/// table's columns; a package from the same schema version always does.
pub fn write_row(c: &Connection, info: &Columns, pk: &str, row: &Map<String, Value>) -> Result<()> {
    let Columns {
        table,
        pk: pk_col,
        cols,
    } = info;
    if row.len() != cols.len() || cols.iter().any(|col| !row.contains_key(col)) {
        return Err(Error::File(format!(
            "数据包中表『{table}』的字段与本机不一致，请两台电脑升级到同一版本后重新导出"
        )));
    }
    if row.get(pk_col.as_str()).and_then(Value::as_str) != Some(pk) {
        return Err(Error::File(format!(
            "数据包中表『{table}』一行的主键与记录不符，数据包可能已损坏，请重新导出"
        )));
    }
    let values = cols
        .iter()
        .map(|col| to_sql(table, col, &row[col]))
        .collect::<Result<Vec<_>>>()?;
    let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = cols
        .iter()
        .filter(|col| *col != pk_col)
        .map(|col| format!("{col} = excluded.{col}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({pk_col}) DO UPDATE SET {}",
        cols.join(", "),
        placeholders.join(", "),
        updates.join(", ")
    );
    c.prepare_cached(&sql)?.execute(params_from_iter(values))?;
    Ok(())
}

pub fn delete_row(c: &Connection, info: &Columns, pk: &str) -> Result<()> {
    let Columns {
        table, pk: pk_col, ..
    } = info;
    c.prepare_cached(&format!("DELETE FROM {table} WHERE {pk_col} = ?1"))?
        .execute([pk])?;
    Ok(())
}

/// Two images are the same data if they differ at most in updated_at.
pub fn same_data(a: Option<&Map<String, Value>>, b: Option<&Map<String, Value>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| k == "updated_at" || b.get(k) == Some(v))
        }
        _ => false,
    }
}
