//! `WriteCtx`: what a core function gets inside `Db::write` — the transaction, who acts, the
//! clock, and the audit-log writer that must be called for every change.

use crate::access::Actor;
use crate::clock::Clock;
use crate::Result;
use rusqlite::{Connection, Transaction};
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

    /// The same transaction, clock and timestamp with `actor` doing the work (the demo county's
    /// steps are done by its named people inside the one transaction that loads it).
    pub fn acting_as<'b>(&'b self, actor: &'b Actor) -> WriteCtx<'b>
    where
        'a: 'b,
    {
        WriteCtx {
            tx: self.tx,
            actor,
            clock: self.clock,
            stamp: self.stamp.clone(),
        }
    }

    /// The timestamp of this action (one value for every row it touches).
    pub fn now(&self) -> &str {
        &self.stamp
    }

    /// Writes one `audit_log` row in this transaction, chained to the last one (seq + 1, the
    /// last row's hash as prev_hash, its own SM3 hash — see `audit::chain`).
    pub fn audit(
        &self,
        action: &str,
        entity: &str,
        entity_id: Option<&str>,
        summary: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<()> {
        crate::audit::chain::append(
            self.tx,
            &super::new_id(),
            &self.stamp,
            self.actor,
            crate::audit::chain::Tail {
                action,
                entity,
                entity_id,
                summary,
                before_json: before.map(Value::to_string),
                after_json: after.map(Value::to_string),
            },
        )
    }
}

impl std::ops::Deref for WriteCtx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.tx
    }
}
