//! Appending to the audit log. Values of personal data never go into `detail`.

use crate::backend::clock;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel,
    NotSet, Set,
};

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
        at: Set(clock::now()),
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

/// One step taken on a file under review (an assistance target, a certification file).
#[derive(Clone, Debug)]
pub struct FileEvent<'a> {
    /// The file's id.
    pub id: i64,
    /// The review step's code, when the action belongs to one.
    pub step: Option<&'static str>,
    /// `apply`, `approve`, `send_back`, `objection` …
    pub action: &'a str,
    pub reason: Option<String>,
}

/// What a file's event row keeps.
#[derive(Clone, Debug)]
pub struct EventFacts {
    pub at: DateTime<Utc>,
    /// The worker's username, or `system:<what>`.
    pub actor_name: String,
    pub step: Option<String>,
    pub action: String,
    pub reason: Option<String>,
}

/// Writes a file's event (the row `row` builds from its facts, in the file's own event table)
/// and the audit line for `entity` (`step=<code>` as its detail), inside the caller's
/// transaction.
pub async fn file_event<C, A>(
    conn: &C,
    by: By<'_>,
    entity: &str,
    event: FileEvent<'_>,
    row: impl FnOnce(EventFacts) -> A,
) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    A: ActiveModelTrait + ActiveModelBehavior + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    row(EventFacts {
        at: clock::now(),
        actor_name: by.event_name(),
        step: event.step.map(str::to_string),
        action: event.action.to_string(),
        reason: event.reason,
    })
    .insert(conn)
    .await?;
    append(
        conn,
        by,
        event.action,
        entity,
        &event.id.to_string(),
        event.step.map(|s| format!("step={s}")),
    )
    .await
}
