//! 劳动保障协理员: the list of the account's area (`/coordinators`), registering one
//! (`/coordinators/new`), one coordinator with the grade rules explained rule by rule and the
//! HR manager's record forms (`/coordinators/:id`), the coordinator's own view on the phone
//! (`/coordinators/me`), and the annual-rating workbook upload (`/coordinators/import`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::components::{Pager, query_string};
use super::ledger::{
    field_error_of, field_value, form_error_of, refused, saved_notice, today_text,
};
use crate::api::coordinators::{
    AddExamRecord, AddRatingRecord, AddTrainingRecord, EnterSecondGrade, RegisterCoordinator,
    UpdateCoordinator, list_coordinators, load_coordinator, my_coordinator_record,
    ratings_import_outcome,
};
use crate::api::ledger::take_form_state;
use crate::domain::grading::{Employment, Grade, Rating, RuleCheck};
use crate::domain::ledger::Education;
use crate::i18n::{tr, use_locale};
use crate::model::AppError;
use crate::model::coordinator::{CoordinatorQuery, CoordinatorRow, CoordinatorView};
use crate::model::form::FormState;

pub fn grade_label(g: Option<Grade>) -> String {
    match g {
        Some(g) => tr(&format!("grade.{}", g.as_str())),
        None => tr("grade.none"),
    }
}

pub fn rating_label(r: Rating) -> String {
    tr(&format!("rating.{}", r.as_str()))
}

fn rule_label(rule: &str) -> String {
    tr(&format!("rule.{rule}"))
}

/// The rules checked, each met or not, with the records behind it.
pub fn rule_table(checks: &[RuleCheck]) -> impl IntoView + use<> {
    let rows = checks
        .iter()
        .map(|c| {
            view! {
                <tr data-rule=c.rule.clone() data-met=c.met.to_string()>
                    <th scope="row">{rule_label(&c.rule)}</th>
                    <td>{if c.met {
                        view! { <span class="badge ok">{tr("rule.met")}</span> }.into_any()
                    } else {
                        view! { <span class="badge bad">{tr("rule.unmet")}</span> }.into_any()
                    }}</td>
                    <td class="evidence">{if c.evidence.is_empty() { tr("rule.no_records") } else { c.evidence.join("；") }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="rules">
                <thead><tr><th>{tr("rule.rule")}</th><th>{tr("rule.result")}</th><th>{tr("rule.records")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CoordinatorsPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || {
        let m = query.read();
        CoordinatorQuery {
            area: m.get("area"),
            q: m.get("q"),
            page: m.get("page"),
            per_page: None,
        }
    };
    let data = Resource::new(q, list_coordinators);
    view! {
        {super::page_title("coordinators.title")}
        <section class="card">
            <h1>{tr("coordinators.title")}</h1>
            <form method="get" action="/coordinators" class="search">
                <label for="q" class="visually-hidden">{tr("coordinators.search")}</label>
                <input id="q" name="q" placeholder=tr("coordinators.search") value=move || q().q.unwrap_or_default()/>
                <button type="submit">{tr("coordinators.search_submit")}</button>
            </form>
            <p class="result-meta">
                <a href="/coordinators/new">{tr("coordinators.new")}</a>
                <a href="/coordinators/import">{tr("coordinators.import")}</a>
                <a href="/promotions">{tr("nav.promotions")}</a>
            </p>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => {
                        let pages = page.page_count();
                        let current = q();
                        let href = Callback::new(move |n: u64| {
                            format!("/coordinators{}", query_string(&[
                                ("q", current.q.clone()),
                                ("area", current.area.clone()),
                                ("page", Some(n.to_string())),
                            ]))
                        });
                        view! {
                            <p class="muted">{tr("coordinators.count").replace("{n}", &page.total.to_string())}</p>
                            {page.items.is_empty().then(|| view! { <p class="empty">{tr("coordinators.none")}</p> })}
                            <ul class="results" id="coordinators">{page.items.into_iter().map(coordinator_row).collect_view()}</ul>
                            <Pager page=page.page pages=pages href=href/>
                        }.into_any()
                    }
                    Err(e) => refused(e, "/coordinators".into()),
                }
            })}
        </Suspense>
    }
}

fn coordinator_row(c: CoordinatorRow) -> impl IntoView {
    view! {
        <li class="result card" data-coordinator=c.id>
            <div class="result-head">
                <a class="result-name" href=format!("/coordinators/{}", c.id)>{c.name.clone()}</a>
                <span class="badge">{grade_label(c.grade)}</span>
                {c.promotion_candidate.then(|| view! { <span class="badge ok">{tr("coordinators.candidate")}</span> })}
                {c.non_renewal.then(|| view! { <span class="badge bad">{tr("coordinators.non_renewal")}</span> })}
            </div>
            <p class="muted">
                {c.area.name.clone()}" · "{tr(&format!("employment.{}", c.employment.as_str()))}" · "{c.id_number.clone()}
                {c.latest_rating.map(|r| format!(" · {} {}", r.year, rating_label(r.rating)))}
            </p>
        </li>
    }
}

/// The fields of a coordinator's record, for registering or editing.
fn record_fields(state: &Option<FormState>, c: Option<&CoordinatorView>) -> impl IntoView + use<> {
    let v = |field: &str, current: Option<String>| field_value(state, field, current);
    let name = v("name", c.map(|c| c.name.clone()));
    let area = v("area_code", c.map(|c| c.area.code.clone()));
    let hired = v("hired_on", c.map(|c| c.hired_on.clone()));
    let from = v("contract_from", c.and_then(|c| c.contract_from.clone()));
    let until = v("contract_until", c.and_then(|c| c.contract_until.clone()));
    let account = v(
        "account_username",
        c.and_then(|c| c.account_username.clone()),
    );
    let employment = v("employment", c.map(|c| c.employment.as_str().to_string()));
    let education = v(
        "education",
        c.and_then(|c| c.education.map(|e| e.as_str().to_string())),
    );
    let employment_options = Employment::ALL
        .into_iter()
        .map(|e| {
            let selected = employment == e.as_str();
            view! { <option value=e.as_str() selected=selected>{tr(&format!("employment.{}", e.as_str()))}</option> }
        })
        .collect_view();
    let education_options = Education::ALL
        .into_iter()
        .map(|e| {
            let selected = education == e.as_str();
            view! { <option value=e.as_str() selected=selected>{tr(&format!("ledger.education.{}", e.as_str()))}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="c-name">{tr("coordinators.field.name")}</label>
            <input id="c-name" name="input[name]" maxlength="50" required value=name autocomplete="name"/>
            {field_error_of(state, "name")}
        </div>
        <div class="field">
            <label for="c-id">{tr("coordinators.field.id_number")}</label>
            <input id="c-id" name="input[id_number]" maxlength="18" required autocomplete="off"
                value=c.map(|c| c.id_number.clone()).unwrap_or_default()/>
            {field_error_of(state, "id_number")}
        </div>
        <div class="field">
            <label for="c-phone">{tr("coordinators.field.phone")}</label>
            <input id="c-phone" name="input[phone]" maxlength="20" inputmode="tel"
                value=c.and_then(|c| c.phone.clone()).unwrap_or_default()/>
            {field_error_of(state, "phone")}
        </div>
        <div class="field">
            <label for="c-area">{tr("coordinators.field.area_code")}</label>
            <input id="c-area" name="input[area_code]" maxlength="12" inputmode="numeric" required value=area/>
            {field_error_of(state, "area_code")}
        </div>
        <div class="field">
            <label for="c-employment">{tr("coordinators.field.employment")}</label>
            <select id="c-employment" name="input[employment]">{employment_options}</select>
            {field_error_of(state, "employment")}
        </div>
        <div class="field">
            <label for="c-hired">{tr("coordinators.field.hired_on")}</label>
            <input id="c-hired" name="input[hired_on]" type="date" required value=hired/>
            {field_error_of(state, "hired_on")}
        </div>
        <div class="field">
            <label for="c-education">{tr("coordinators.field.education")}</label>
            <select id="c-education" name="input[education]"><option value="">"—"</option>{education_options}</select>
            {field_error_of(state, "education")}
        </div>
        <div class="field">
            <label for="c-from">{tr("coordinators.field.contract_from")}</label>
            <input id="c-from" name="input[contract_from]" type="date" value=from/>
            {field_error_of(state, "contract_from")}
        </div>
        <div class="field">
            <label for="c-until">{tr("coordinators.field.contract_until")}</label>
            <input id="c-until" name="input[contract_until]" type="date" value=until/>
            {field_error_of(state, "contract_until")}
        </div>
        <div class="field">
            <label for="c-account">{tr("coordinators.field.account_username")}</label>
            <input id="c-account" name="input[account_username]" maxlength="64" value=account/>
            {field_error_of(state, "account_username")}
        </div>
    }
}

#[component]
pub fn NewCoordinatorPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| take_form_state("coordinator-new".into()));
    let action = ServerAction::<RegisterCoordinator>::new();
    view! {
        {super::page_title("coordinators.new")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                let state = match data.await {
                    Ok(s) => s,
                    Err(e) => return refused(e, "/coordinators/new".into()),
                };
                let grade = field_value(&state, "grade", None);
                let since = field_value(&state, "grade_since", None);
                let error = form_error_of(&state);
                let fields = record_fields(&state, None);
                let since_error = field_error_of(&state, "grade_since");
                let (second, first) = (grade == "second", grade == "first");
                view! {
                    <section class="card">
                        <h1>{tr("coordinators.new")}</h1>
                        {error}
                        <ActionForm action=action attr:class="stack">
                            {fields}
                            <fieldset>
                                <legend>{tr("coordinators.existing_grade")}</legend>
                                <div class="field">
                                    <label for="c-grade">{tr("coordinators.field.grade")}</label>
                                    <select id="c-grade" name="input[grade]">
                                        <option value="">{tr("grade.none")}</option>
                                        <option value="second" selected=second>{tr("grade.second")}</option>
                                        <option value="first" selected=first>{tr("grade.first")}</option>
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="c-since">{tr("coordinators.field.grade_since")}</label>
                                    <input id="c-since" name="input[grade_since]" type="date" value=since/>
                                    {since_error}
                                </div>
                            </fieldset>
                            <button type="submit" class="primary">{tr("form.save")}</button>
                        </ActionForm>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The forms a coordinator's page offers the HR manager, each with its refused state.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct FormStates {
    edit: Option<FormState>,
    training: Option<FormState>,
    exam: Option<FormState>,
    rating: Option<FormState>,
    entry: Option<FormState>,
}

#[component]
pub fn CoordinatorPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or_default()
    };
    let saved = move || query.read().get("saved").is_some();
    let data = Resource::new(id, |id| async move {
        let c = load_coordinator(id).await?;
        let forms = FormStates {
            edit: take_form_state(format!("coordinator-{id}")).await?,
            training: take_form_state(format!("training-{id}")).await?,
            exam: take_form_state(format!("exam-{id}")).await?,
            rating: take_form_state(format!("rating-{id}")).await?,
            entry: take_form_state(format!("entry-{id}")).await?,
        };
        Ok::<_, AppError>((c, forms))
    });
    view! {
        {super::page_title("coordinators.one")}
        {move || saved_notice(saved())}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((c, forms)) => {
                        let editing = c.can_edit.then(|| keeper_forms(&c, forms));
                        view! { {summary(&c)}{records(&c)}{editing} }.into_any()
                    }
                    Err(e) => refused(e, format!("/coordinators/{}", id())),
                }
            })}
        </Suspense>
    }
}

/// The coordinator's own record, laid out for a phone: grade, what promotion still needs,
/// training hours, ratings.
#[component]
pub fn MyRecordPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_coordinator_record());
    view! {
        {super::page_title("coordinators.mine")}
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(c) => view! { {summary(&c)}{records(&c)} }.into_any(),
                    Err(e) => refused(e, "/coordinators/me".into()),
                }
            })}
        </Suspense>
    }
}

fn summary(c: &CoordinatorView) -> impl IntoView + use<> {
    let missing: Vec<String> = c
        .promotion_checks
        .iter()
        .filter(|r| !r.met)
        .map(|r| rule_label(&r.rule))
        .collect();
    let next = c.next_grade.as_ref().map(|g| {
        tr("coordinators.next_grade")
            .replace("{grade}", &grade_label(Some(g.grade)))
            .replace("{date}", &g.from_date)
    });
    let pay = c
        .pay_coefficient
        .map(|p| format!("{}.{:02}", p / 1000, (p % 1000) / 10));
    let street = c
        .street
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    view! {
        <section class="card" data-coordinator=c.id data-grade=c.grade.map(|g| g.as_str()).unwrap_or("none")>
            <h1>{c.name.clone()}</h1>
            <p class="result-head">
                <span class="badge" id="grade">{grade_label(c.grade)}</span>
                {c.non_renewal.then(|| view! { <span class="badge bad">{tr("coordinators.non_renewal")}</span> })}
            </p>
            {next.map(|n| view! { <p class="notice">{n}</p> })}
            <dl class="facts">
                <dt>{tr("coordinators.field.area_code")}</dt><dd>{street}" "{c.area.name.clone()}</dd>
                <dt>{tr("coordinators.grade_since")}</dt><dd>{c.grade_since.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("coordinators.pay")}</dt><dd id="pay">{pay.unwrap_or_else(|| "—".into())}</dd>
                <dt>{tr("coordinators.training_hours")}</dt><dd id="training-hours">{c.training_hours}</dd>
                <dt>{tr("coordinators.field.employment")}</dt><dd>{tr(&format!("employment.{}", c.employment.as_str()))}</dd>
                <dt>{tr("coordinators.field.id_number")}</dt><dd>{c.id_number.clone()}</dd>
                <dt>{tr("coordinators.field.hired_on")}</dt><dd>{c.hired_on.clone()}</dd>
                <dt>{tr("coordinators.contract")}</dt>
                <dd>{c.contract_from.clone().unwrap_or_default()}" – "{c.contract_until.clone().unwrap_or_default()}</dd>
            </dl>
            {(c.grade == Some(Grade::Second)).then(|| {
                if missing.is_empty() {
                    view! { <p class="badge ok" id="promotion-missing">{tr("coordinators.ready")}</p> }.into_any()
                } else {
                    view! { <p id="promotion-missing">{tr("coordinators.missing")}" "{missing.join("、")}</p> }.into_any()
                }
            })}
        </section>
        <section class="card" id="rules">
            <h2>{if c.grade.is_none() { tr("coordinators.entry_rules") } else { tr("coordinators.promotion_rules") }}</h2>
            <p class="muted">{tr("coordinators.policy").replace("{v}", &c.policy_version)}</p>
            {if c.grade.is_none() { rule_table(&c.entry_checks).into_any() } else { rule_table(&c.promotion_checks).into_any() }}
        </section>
    }
}

fn records(c: &CoordinatorView) -> impl IntoView + use<> {
    let grades = c
        .grades
        .iter()
        .map(|g| view! { <li>{format!("{} · {} · {}", g.from_date, grade_label(Some(g.grade)), g.reason)}</li> })
        .collect_view();
    let training = c
        .training
        .iter()
        .map(|t| {
            let pre = if t.pre_service {
                format!(" · {}", tr("coordinators.pre_service"))
            } else {
                String::new()
            };
            view! { <li>{format!("{} · {} · {}h{pre}", t.finished_on, t.course, t.hours)}</li> }
        })
        .collect_view();
    let exams = c
        .exams
        .iter()
        .map(|e| view! { <li>{format!("{} · {} {} · {} {}", e.sat_on, tr("coordinators.theory"), e.theory, tr("coordinators.practical"), e.practical)}</li> })
        .collect_view();
    let ratings = c
        .ratings
        .iter()
        .map(|r| view! { <li data-year=r.year>{format!("{} · {}", r.year, rating_label(r.rating))}</li> })
        .collect_view();
    let caseload = c.caseload.map(|k| {
        view! {
            <dl class="facts">
                <dt>{tr("coordinators.caseload.households")}</dt><dd>{k.households}</dd>
                <dt>{tr("coordinators.caseload.people")}</dt><dd>{k.people}</dd>
                <dt>{tr("coordinators.caseload.targets")}</dt><dd>{k.assistance_targets}</dd>
                <dt>{tr("coordinators.caseload.zero")}</dt><dd>{k.zero_households}</dd>
            </dl>
        }
    });
    view! {
        <section class="card" id="records">
            <h2>{tr("coordinators.grades")}</h2>
            <ul class="history" id="grade-history">{grades}</ul>
            <h2>{tr("coordinators.ratings")}</h2>
            <ul class="history" id="ratings">{ratings}</ul>
            <h2>{tr("coordinators.training")}</h2>
            <ul class="history">{training}</ul>
            <h2>{tr("coordinators.exams")}</h2>
            <ul class="history">{exams}</ul>
            {caseload.map(|k| view! { <h2>{tr("coordinators.caseload")}</h2>{k} })}
        </section>
    }
}

fn keeper_forms(c: &CoordinatorView, f: FormStates) -> impl IntoView + use<> {
    let today = today_text();
    let entry = c
        .grade
        .is_none()
        .then(|| entry_form(c.id, f.entry, today.clone()));
    view! {
        {entry}
        {rating_form(c.id, f.rating, today.clone())}
        {training_form(c.id, f.training, today.clone())}
        {exam_form(c.id, f.exam, today)}
        {edit_form(c, f.edit)}
    }
}

/// A labelled input of a record form, with what was typed and its message. (Built before the
/// form: an `ActionForm`'s children are a closure.)
fn input(
    state: &Option<FormState>,
    id: &'static str,
    field: &'static str,
    label: &'static str,
    kind: &'static str,
    default: Option<String>,
) -> impl IntoView + use<> {
    let value = field_value(state, field, default);
    let error = field_error_of(state, field);
    let numeric = (kind == "number").then_some("numeric");
    let kind = if kind == "number" { "text" } else { kind };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input id=id name=format!("input[{field}]") type=kind inputmode=numeric required value=value/>
            {error}
        </div>
    }
}

fn entry_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<EnterSecondGrade>::new();
    let error = form_error_of(&st);
    let unmet = entry_unmet(&st);
    let from = input(
        &st,
        "e-from",
        "from_date",
        "coordinators.from_date",
        "date",
        Some(today),
    );
    view! {
        <section class="card" id="entry">
            <h2>{tr("coordinators.enter_second")}</h2>
            {error}
            {unmet}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {from}
                <button type="submit" class="primary">{tr("coordinators.enter_second")}</button>
            </ActionForm>
        </section>
    }
}

fn rating_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddRatingRecord>::new();
    let error = form_error_of(&st);
    let year = input(
        &st,
        "r-year",
        "year",
        "coordinators.year",
        "number",
        today.get(..4).map(str::to_string),
    );
    let options = Rating::ALL
        .into_iter()
        .map(|r| view! { <option value=r.as_str()>{rating_label(r)}</option> })
        .collect_view();
    view! {
        <section class="card" id="rating">
            <h2>{tr("coordinators.add_rating")}</h2>
            <p class="muted">{tr("coordinators.rating_effect")}</p>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {year}
                <div class="field">
                    <label for="r-rating">{tr("coordinators.rating")}</label>
                    <select id="r-rating" name="input[rating]">{options}</select>
                </div>
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn training_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddTrainingRecord>::new();
    let error = form_error_of(&st);
    let fields = (
        input(
            &st,
            "t-course",
            "course",
            "coordinators.course",
            "text",
            None,
        ),
        input(
            &st,
            "t-hours",
            "hours",
            "coordinators.hours",
            "number",
            None,
        ),
        input(
            &st,
            "t-on",
            "finished_on",
            "coordinators.finished_on",
            "date",
            Some(today),
        ),
    );
    view! {
        <section class="card" id="training">
            <h2>{tr("coordinators.add_training")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {fields}
                <label class="check"><input type="checkbox" name="input[pre_service]"/>{tr("coordinators.pre_service")}</label>
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn exam_form(id: i64, st: Option<FormState>, today: String) -> impl IntoView {
    let action = ServerAction::<AddExamRecord>::new();
    let error = form_error_of(&st);
    let fields = (
        input(
            &st,
            "x-on",
            "sat_on",
            "coordinators.sat_on",
            "date",
            Some(today),
        ),
        input(
            &st,
            "x-theory",
            "theory",
            "coordinators.theory",
            "number",
            None,
        ),
        input(
            &st,
            "x-practical",
            "practical",
            "coordinators.practical",
            "number",
            None,
        ),
    );
    view! {
        <section class="card" id="exam">
            <h2>{tr("coordinators.add_exam")}</h2>
            {error}
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="id" value=id/>
                {fields}
                <button type="submit" class="primary">{tr("form.save")}</button>
            </ActionForm>
        </section>
    }
}

fn edit_form(c: &CoordinatorView, st: Option<FormState>) -> impl IntoView + use<> {
    let action = ServerAction::<UpdateCoordinator>::new();
    let open = st.is_some();
    let error = form_error_of(&st);
    let fields = record_fields(&st, Some(c));
    let (id, version) = (c.id, c.version);
    view! {
        <section class="card" id="edit">
            <details open=open>
                <summary>{tr("coordinators.edit")}</summary>
                {error}
                <ActionForm action=action attr:class="stack">
                    <input type="hidden" name="id" value=id/>
                    <input type="hidden" name="input[version]" value=version/>
                    {fields}
                    <button type="submit" class="primary">{tr("form.save")}</button>
                </ActionForm>
            </details>
        </section>
    }
}

/// The entry rules a refused appointment left unmet.
fn entry_unmet(state: &Option<FormState>) -> impl IntoView + use<> {
    let unmet: Vec<String> = match state.as_ref().and_then(|s| s.error.as_ref()) {
        Some(AppError::Invalid(fields)) => fields
            .keys()
            .filter_map(|k| k.strip_prefix("rule."))
            .map(rule_label)
            .collect(),
        _ => vec![],
    };
    (!unmet.is_empty()).then(|| {
        view! { <p class="field-error" id="entry-unmet">{tr("coordinators.unmet")}" "{unmet.join("、")}</p> }
    })
}

#[component]
pub fn ImportRatingsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| ratings_import_outcome());
    view! {
        {super::page_title("coordinators.import")}
        <section class="card">
            <h1>{tr("coordinators.import")}</h1>
            <p class="muted">{tr("coordinators.import_help")}</p>
            <form method="post" action="/uploads/ratings" enctype="multipart/form-data" class="stack">
                <div class="field">
                    <label for="file">{tr("coordinators.import_file")}</label>
                    <input id="file" name="file" type="file" required
                        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
                </div>
                <button type="submit" class="primary">{tr("coordinators.import_submit")}</button>
            </form>
        </section>
        <Suspense fallback=move || view! { <p class="loading">{tr("common.loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((refused_state, done)) => view! {
                        {refused_state.map(import_errors)}
                        {done.map(|s| view! {
                            <section class="card notice" role="status" id="import-done" data-ratings=s.ratings>
                                <p>{tr("coordinators.import_done").replace("{n}", &s.ratings.to_string())}</p>
                                {(!s.demoted.is_empty()).then(|| view! { <p>{tr("coordinators.import_demoted")}" "{s.demoted.join("、")}</p> })}
                                {(!s.flagged.is_empty()).then(|| view! { <p>{tr("coordinators.import_flagged")}" "{s.flagged.join("、")}</p> })}
                            </section>
                        })}
                    }.into_any(),
                    Err(e) => refused(e, "/coordinators/import".into()),
                }
            })}
        </Suspense>
    }
}

/// Every bad row of a refused workbook, by row number.
fn import_errors(state: FormState) -> impl IntoView {
    let locale = use_locale();
    let mut rows: Vec<(usize, String, String)> = match &state.error {
        Some(AppError::Invalid(fields)) => fields
            .iter()
            .map(|(k, key)| {
                let mut parts = k.splitn(3, '.');
                let (line, field) = match (parts.next(), parts.next(), parts.next()) {
                    (Some("row"), Some(n), Some(f)) => (n.parse().unwrap_or(0), f.to_string()),
                    _ => (0, k.clone()),
                };
                (
                    line,
                    field,
                    crate::model::error::field_message(key, locale.code()),
                )
            })
            .collect(),
        Some(other) => vec![(0, String::new(), other.message(locale.code()))],
        None => vec![],
    };
    rows.sort();
    let body = rows
        .into_iter()
        .map(|(line, field, message)| {
            let line_text = if line == 0 { "—".to_string() } else { line.to_string() };
            let field_text = if field.is_empty() { String::new() } else { tr(&format!("coordinators.column.{field}")) };
            view! { <tr data-row=line><td>{line_text}</td><td>{field_text}</td><td>{message}</td></tr> }
        })
        .collect_view();
    view! {
        <section class="card" id="import-errors">
            <div class="error-box" role="alert"><p>{tr("coordinators.import_refused")}</p></div>
            <div class="table-scroll">
                <table>
                    <thead><tr><th>{tr("coordinators.row")}</th><th>{tr("coordinators.column")}</th><th>{tr("coordinators.problem")}</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
