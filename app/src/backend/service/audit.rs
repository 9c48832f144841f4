//! Appending to the audit log. Values of personal data never go into `detail`.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, NotSet, Set};

use crate::backend::actor::Actor;
use crate::backend::entity::audit_log;

/// Who acted: a signed-in account, or the system itself (CLI, seeding).
#[derive(Clone, Copy, Debug)]
pub enum By<'a> {
    Actor(&'a Actor),
    System(&'a str),
}

impl By<'_> {
    /// The name a file's event records: the worker's username, or `system:<what>`.
    pub fn event_name(&self) -> String {
        match self {
            By::Actor(a) => a.username.clone(),
            By::System(s) => format!("system:{s}"),
        }
    }
}

/// Appends one entry inside the caller's transaction.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    by: By<'_>,
    action: &str,
    entity: &str,
    entity_id: &str,
    detail: Option<String>,
) -> Result<(), DbErr> {
    let (actor_id, actor_name, ip) = match by {
        By::Actor(a) => (Some(a.id), a.username.clone(), a.ip.clone()),
        By::System(name) => (None, name.to_string(), None),
    };
    audit_log::ActiveModel {
        id: NotSet,
        at: Set(Utc::now()),
        actor_id: Set(actor_id),
        actor_name: Set(actor_name),
        action: Set(action.to_string()),
        entity: Set(entity.to_string()),
        entity_id: Set(entity_id.to_string()),
        ip: Set(ip),
        detail: Set(detail),
    }
    .insert(conn)
    .await?;
    Ok(())
}
