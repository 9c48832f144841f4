//! 《就业援助卡》: issued when a file is confirmed, withdrawn when its holder exits, checked
//! publicly by number (valid or not, nothing personal), printed with a QR code to that check.

use chrono::{Datelike, NaiveDate};
use qrcode::QrCode;
use qrcode::render::svg;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

use crate::backend::actor::Actor;
use crate::backend::entity::{
    account, assistance_card as card, assistance_target as target, person,
};
use crate::backend::service::audit::{self, By};
use crate::backend::service::{areas, ledger::households};
use crate::domain::area_code::AreaCode;
use crate::domain::assistance::Category;
use crate::domain::assistance_card::{CardStatus, card_number, parse_card_number};
use crate::domain::calendar::ymd;
use crate::domain::id_card;
use crate::domain::role::Role;
use crate::model::AppError;
use crate::model::assistance::{CardCheck, CardView};

/// Issues the card of a confirmed file, inside the confirming transaction.
pub async fn issue<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    t: &target::Model,
    on: NaiveDate,
) -> Result<card::Model, AppError> {
    let p = person::Entity::find_by_id(t.person_id)
        .one(conn)
        .await?
        .ok_or(AppError::Internal)?;
    let community = AreaCode::parse(&t.community_code).map_err(|_| AppError::Internal)?;
    let street = community.parent().ok_or(AppError::Internal)?;
    let office = areas::names(conn, &[street.as_str().to_string()])
        .await?
        .remove(street.as_str())
        .map(|n| format!("{n}劳动保障事务所"))
        .unwrap_or_default();
    let (coordinator, contact) = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Coordinator.as_str()))
        .filter(account::Column::AreaCode.eq(&t.community_code))
        .filter(account::Column::Active.eq(true))
        .order_by_asc(account::Column::Id)
        .one(conn)
        .await?
        .map(|a| (a.display_name, a.contact_phone))
        .unwrap_or_else(|| ("—".into(), None));
    let inserted = card::Entity::insert(card::ActiveModel {
        id: NotSet,
        // A placeholder until the id is known: the number carries the sequence.
        number: Set(format!("pending-{}", t.id)),
        target_id: Set(t.id),
        person_id: Set(t.person_id),
        community_code: Set(t.community_code.clone()),
        holder_name: Set(p.name),
        categories: Set(t.categories.clone()),
        office_name: Set(office),
        coordinator_name: Set(coordinator),
        coordinator_contact: Set(contact),
        issued_on: Set(on),
        status: Set(CardStatus::Valid.as_str().into()),
        status_on: Set(on),
        version: Set(1),
    })
    .exec(conn)
    .await?;
    let id = inserted.last_insert_id;
    let county = &t.community_code[..6];
    let number = card_number(county, on.year(), id);
    card::Entity::update_many()
        .col_expr(card::Column::Number, Expr::value(number))
        .filter(card::Column::Id.eq(id))
        .exec(conn)
        .await?;
    audit::append(
        conn,
        By::Actor(actor),
        "issue",
        "assistance_card",
        &id.to_string(),
        None,
    )
    .await?;
    card::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(AppError::Internal)
}

/// Withdraws the valid card of a file whose holder exited.
pub async fn withdraw<C: ConnectionTrait>(
    conn: &C,
    target_id: i64,
    on: NaiveDate,
) -> Result<(), AppError> {
    card::Entity::update_many()
        .col_expr(
            card::Column::Status,
            Expr::value(CardStatus::Withdrawn.as_str()),
        )
        .col_expr(card::Column::StatusOn, Expr::value(on))
        .col_expr(
            card::Column::Version,
            Expr::col(card::Column::Version).add(1),
        )
        .filter(card::Column::TargetId.eq(target_id))
        .filter(card::Column::Status.ne(CardStatus::Withdrawn.as_str()))
        .exec(conn)
        .await?;
    Ok(())
}

/// The public check: valid or not, issue date and office; never the holder.
pub async fn check(db: &DatabaseConnection, number: &str) -> Result<CardCheck, AppError> {
    let number =
        parse_card_number(number).map_err(|_| AppError::field("number", "card.malformed"))?;
    let c = card::Entity::find()
        .filter(card::Column::Number.eq(&number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = CardStatus::parse(&c.status).ok_or(AppError::Internal)?;
    Ok(CardCheck {
        number: c.number,
        valid: status == CardStatus::Valid,
        status,
        issued_on: ymd(c.issued_on),
        issuer: c.office_name,
    })
}

/// The QR code of `url` as an SVG document.
pub fn qr_svg(url: &str) -> Result<String, AppError> {
    let code = QrCode::new(url.as_bytes()).map_err(|_| AppError::Internal)?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build())
}

/// The latest card of a person, as printed, for the roles that work the ledger there (the
/// read is audited). `base_url` is this site's address for the QR code.
pub async fn for_person(
    db: &DatabaseConnection,
    actor: &Actor,
    person_id: i64,
    base_url: &str,
) -> Result<CardView, AppError> {
    let p = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let h = households::load(db, actor, p.household_id, true).await?;
    let c = card::Entity::find()
        .filter(card::Column::PersonId.eq(person_id))
        .order_by_desc(card::Column::Id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = person::Entity::find()
        .filter(person::Column::HouseholdId.eq(h.id))
        .count(db)
        .await?;
    audit::append(
        db,
        By::Actor(actor),
        "read_card",
        "assistance_card",
        &c.id.to_string(),
        None,
    )
    .await?;
    let check_url = format!("{}/cards/{}", base_url.trim_end_matches('/'), c.number);
    Ok(CardView {
        qr_svg: qr_svg(&check_url)?,
        check_url,
        number: c.number,
        holder_name: c.holder_name,
        id_number: id_card::mask(&p.id_number()?),
        categories: c
            .categories
            .split(',')
            .filter_map(Category::parse)
            .collect(),
        zero_employment_household: h.zero_employment,
        household_members: members,
        office_name: c.office_name,
        coordinator_name: c.coordinator_name,
        coordinator_contact: c.coordinator_contact,
        issued_on: ymd(c.issued_on),
        status: CardStatus::parse(&c.status).ok_or(AppError::Internal)?,
    })
}
