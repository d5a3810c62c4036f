//! `WriteCtx`: what a core function gets inside `Db::write` — the transaction, who acts, the
//! clock, and the audit-log writer that must be called for every change.

use crate::access::Actor;
use crate::clock::Clock;
use crate::Result;
use rusqlite::{params, Connection, Transaction};
use serde_json::Value;

pub struct WriteCtx<'a> {
    tx: &'a Transaction<'a>,
    pub actor: &'a Actor,
    pub clock: &'a dyn Clock,
    stamp: String,
}

impl<'a> WriteCtx<'a> {
    pub(super) fn new(tx: &'a Transaction<'a>, actor: &'a Actor, clock: &'a dyn Clock) -> Self {
        WriteCtx {
            tx,
            actor,
            clock,
            stamp: clock.stamp(),
        }
    }

    /// The timestamp of this action (one value for every row it touches).
    pub fn now(&self) -> &str {
        &self.stamp
    }

    /// Writes one `audit_log` row in this transaction.
    pub fn audit(
        &self,
        action: &str,
        entity: &str,
        entity_id: Option<&str>,
        summary: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO audit_log (id, at, operator_id, operator_name, operator_dept, action,
                                    entity, entity_id, summary, before_json, after_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                super::new_id(),
                self.stamp,
                self.actor.id,
                self.actor.name,
                self.actor.dept,
                action,
                entity,
                entity_id,
                summary,
                before.map(Value::to_string),
                after.map(Value::to_string),
            ],
        )?;
        Ok(())
    }
}

impl std::ops::Deref for WriteCtx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}
