//! The JSON API under `/api`, and its OpenAPI document.

use crate::error::ErrorBody;
use crate::export::{self, Format};
use crate::filter::{
    self, check_known, EventFilter, Interval, Page, Params, FILTER_KEYS, PAGE_KEYS,
};
use crate::queries::{
    self, ActorHit, ActorProfile, DocumentView, EventDetail, EventPage, Overview, Point, Series,
    Story, StoryPage,
};
use crate::{ApiError, AppState};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

type Q = Result<Query<Params>, QueryRejection>;

fn params(q: Q) -> Result<Params, ApiError> {
    Ok(q?.0)
}

fn id(v: &str, what: &str) -> Result<i64, ApiError> {
    v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_request(format!(
            "{what} id {v:?} is not a number: give a positive whole number"
        ))
    })
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/overview", get(overview))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/dyads/{a}/{b}/series", get(dyad_series))
        .route("/api/actors", get(actor_search))
        .route("/api/actors/{name}", get(actor_profile))
        .route("/api/documents/{id}", get(document))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/map", get(map))
        .route("/api/export", get(export_events))
        .route("/api/reports", post(post_report))
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found).post(api_not_found))
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such endpoint: the API is described at /api/openapi.json")
}

/// The filter parameters every event list takes (documentation only; parsed by [`EventFilter`]).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FilterParams {
    /// Country code of an actor (three capitals: RUS) or part of its name (Tokayev).
    actor: Option<String>,
    /// Country code or part of the name of a recipient.
    recipient: Option<String>,
    /// Two country codes, `KAZ,RUS`: events with a party from each, in either role.
    dyad: Option<String>,
    /// PLOVER event types, comma-separated (CONSULT,AGREE).
    r#type: Option<String>,
    /// PLOVER mode (e.g. `visit`, `aerial`).
    mode: Option<String>,
    /// PLOVER context (e.g. `military`, `economic`).
    context: Option<String>,
    /// First day: YYYY, YYYY-MM or YYYY-MM-DD.
    from: Option<String>,
    /// Last day: YYYY, YYYY-MM or YYYY-MM-DD.
    to: Option<String>,
    /// Language of the report: de, en, ru or kk.
    lang: Option<String>,
    /// Words in the trigger, a party, the place or the title.
    q: Option<String>,
    /// Only events with coordinates.
    located: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// Page size, 1 to 500 (default 50).
    limit: Option<usize>,
    /// Rows to skip, up to 100,000 (use `cursor` beyond).
    offset: Option<usize>,
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// `desc` (newest first, default) or `asc`.
    order: Option<String>,
}

#[utoipa::path(get, path = "/api/overview", responses((status = 200, body = Overview)))]
async fn overview(State(s): State<AppState>) -> Result<Json<Overview>, ApiError> {
    Ok(Json(s.pool.run(queries::overview).await?))
}

/// Events matching the filters, newest first, a page at a time.
#[utoipa::path(get, path = "/api/events", params(FilterParams, PageParams), responses((status = 200, body = EventPage), (status = 400, body = ErrorBody)))]
async fn events(State(s): State<AppState>, q: Q) -> Result<Json<EventPage>, ApiError> {
    let p = params(q)?;
    check_known(&p, &[FILTER_KEYS, PAGE_KEYS])?;
    let (f, page) = (EventFilter::parse(&p)?, Page::parse(&p)?);
    Ok(Json(
        s.pool.run(move |c| queries::events(c, &f, &page)).await?,
    ))
}

/// One event with its sentences and every report of the same real-world event.
#[utoipa::path(get, path = "/api/events/{id}", params(("id" = i64, Path)), responses((status = 200, body = EventDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn event(
    State(s): State<AppState>,
    Path(v): Path<String>,
) -> Result<Json<EventDetail>, ApiError> {
    let n = id(&v, "event")?;
    Ok(Json(
        s.pool.run(move |c| queries::event_detail(c, n)).await?,
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SeriesParams {
    /// `day`, `week` or `month` (default).
    interval: Option<String>,
    /// Only events with an actor from the first country and a recipient from the second.
    directed: Option<bool>,
}

/// Counts by type and mean PLOVER score per day, week or month, for two countries.
#[utoipa::path(get, path = "/api/dyads/{a}/{b}/series", params(("a" = String, Path, description = "country code"), ("b" = String, Path, description = "country code"), SeriesParams, FilterParams),
    responses((status = 200, body = Series), (status = 400, body = ErrorBody)))]
async fn dyad_series(
    State(s): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    q: Q,
) -> Result<Json<Series>, ApiError> {
    let p = params(q)?;
    let keys: Vec<&str> = FILTER_KEYS
        .iter()
        .copied()
        .filter(|k| *k != "dyad")
        .collect();
    check_known(&p, &[&keys, &["interval", "directed"]])?;
    let (a, b) = filter::dyad(&a, &b)?;
    let interval = Interval::parse(&p)?;
    let directed = match p.get("directed").map(String::as_str) {
        None | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "directed={v:?}: give true or false"
            )))
        }
    };
    let f = EventFilter::parse(&p)?;
    let (fresh, series) = s
        .pool
        .run(move |c| {
            Ok((
                crate::db::rollup_fresh(c)?,
                queries::dyad_series(c, &a, &b, directed, interval, &f)?,
            ))
        })
        .await?;
    if !fresh {
        // New events since the roll-up: this answer came from the events themselves; bring the
        // roll-up up to date for the next ones (one refresh at a time).
        let rollup = s.rollup.clone();
        tokio::task::spawn_blocking(move || {
            if let Ok(conn) = rollup.try_lock() {
                let _ = crate::db::refresh_rollup(&conn);
            }
        });
    }
    Ok(Json(series))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ActorSearchParams {
    /// Part of a name, or a country code (at least 2 characters).
    q: String,
    /// At most this many (1 to 100, default 20).
    limit: Option<usize>,
}

/// Actors whose name contains the words, most events first.
#[utoipa::path(get, path = "/api/actors", params(ActorSearchParams), responses((status = 200, body = [ActorHit]), (status = 400, body = ErrorBody)))]
async fn actor_search(State(s): State<AppState>, q: Q) -> Result<Json<Vec<ActorHit>>, ApiError> {
    let p = params(q)?;
    check_known(&p, &[&["q", "limit"]])?;
    let text = p.get("q").map(|v| v.trim().to_string()).unwrap_or_default();
    if text.chars().count() < 2 || text.chars().count() > 100 {
        return Err(ApiError::bad_request(
            "q: give 2 to 100 characters of an actor's name or a country code",
        ));
    }
    let limit = filter::count(&p, "limit", 20, 100)?;
    Ok(Json(
        s.pool
            .run(move |c| queries::actor_search(c, &text, limit))
            .await?,
    ))
}

/// An actor's events by type, partners and newest events.
#[utoipa::path(get, path = "/api/actors/{name}", params(("name" = String, Path, description = "the actor's name as stored")), responses((status = 200, body = ActorProfile), (status = 404, body = ErrorBody)))]
async fn actor_profile(
    State(s): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<ActorProfile>, ApiError> {
    if name.trim().is_empty() || name.chars().count() > 200 {
        return Err(ApiError::bad_request(
            "actor name: give 1 to 200 characters",
        ));
    }
    Ok(Json(
        s.pool
            .run(move |c| queries::actor_profile(c, &name))
            .await?,
    ))
}

/// A document with its sentences, entities and coded events (spans are character offsets).
#[utoipa::path(get, path = "/api/documents/{id}", params(("id" = i64, Path)), responses((status = 200, body = DocumentView), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn document(
    State(s): State<AppState>,
    Path(v): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let n = id(&v, "document")?;
    Ok(Json(s.pool.run(move |c| queries::document(c, n)).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct StoryParams {
    /// Only stories with at least this many reports (default 1).
    min_reports: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Story events (one real-world event across reports) with a member event matching the filters.
#[utoipa::path(get, path = "/api/stories", params(FilterParams, StoryParams), responses((status = 200, body = StoryPage), (status = 400, body = ErrorBody)))]
async fn stories(State(s): State<AppState>, q: Q) -> Result<Json<StoryPage>, ApiError> {
    let p = params(q)?;
    check_known(&p, &[FILTER_KEYS, &["limit", "offset", "min_reports"]])?;
    let f = EventFilter::parse(&p)?;
    let limit = filter::count(&p, "limit", 20, 100)?;
    let offset = match p.get("offset") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= filter::MAX_OFFSET)
            .ok_or_else(|| {
                ApiError::bad_request(format!("offset={v:?}: give 0 to {}", filter::MAX_OFFSET))
            })?,
    };
    let min_reports = match p.get("min_reports") {
        None => 1,
        Some(v) => filter::count(&p, "min_reports", 1, 10_000).map_err(|_| {
            ApiError::bad_request(format!("min_reports={v:?}: give a whole number from 1"))
        })? as i64,
    };
    Ok(Json(
        s.pool
            .run(move |c| queries::stories(c, &f, limit, offset, min_reports))
            .await?,
    ))
}

/// One story event with every report of it and why each was merged.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = i64, Path)), responses((status = 200, body = Story), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn story(State(s): State<AppState>, Path(v): Path<String>) -> Result<Json<Story>, ApiError> {
    let n = id(&v, "story")?;
    Ok(Json(s.pool.run(move |c| queries::story(c, n)).await?))
}

/// Located events matching the filters (newest first, at most `limit`, default 2,000, max 10,000).
#[utoipa::path(get, path = "/api/map", params(FilterParams, ("limit" = Option<usize>, Query)), responses((status = 200, body = [Point]), (status = 400, body = ErrorBody)))]
async fn map(State(s): State<AppState>, q: Q) -> Result<Json<Vec<Point>>, ApiError> {
    let p = params(q)?;
    check_known(&p, &[FILTER_KEYS, &["limit"]])?;
    let f = EventFilter::parse(&p)?;
    let limit = filter::count(&p, "limit", 2000, 10_000)?;
    Ok(Json(
        s.pool.run(move |c| queries::points(c, &f, limit)).await?,
    ))
}

/// Largest export the API writes in one answer; `annals export` has no limit.
pub const MAX_EXPORT_ROWS: usize = 1_000_000;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ExportParams {
    /// `plover` (JSON Lines), `csv`, `tsv` (GDELT-style with CAMEO codes) or `parquet`.
    format: String,
    /// At most this many events (default 100,000, max 1,000,000), oldest first.
    limit: Option<usize>,
}

/// The events matching the filters as a file.
#[utoipa::path(get, path = "/api/export", params(ExportParams, FilterParams), responses((status = 200, description = "the file"), (status = 400, body = ErrorBody)))]
async fn export_events(State(s): State<AppState>, q: Q) -> Result<Response, ApiError> {
    let p = params(q)?;
    check_known(&p, &[FILTER_KEYS, &["format", "limit"]])?;
    let format = Format::parse(
        p.get("format")
            .map(String::as_str)
            .ok_or_else(|| ApiError::bad_request("format: give plover, csv, tsv or parquet"))?,
    )?;
    if !format.available() {
        return Err(ApiError::bad_request("this server was built without Parquet: rebuild with `--features parquet`, or export plover, csv or tsv"));
    }
    let limit = filter::count(&p, "limit", 100_000, MAX_EXPORT_ROWS)? as u64;
    let f = EventFilter::parse(&p)?;
    let body = s
        .pool
        .run(move |c| {
            let mut buf = Vec::new();
            export::write(c, &f, format, Some(limit), &mut buf)?;
            Ok(buf)
        })
        .await?;
    let disposition = format!(
        "attachment; filename=\"annals-events.{}\"",
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// A report to code and store.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    /// The text of the report.
    pub text: String,
    /// de, en, ru or kk; detected when absent.
    pub lang: Option<String>,
    /// YYYY-MM-DD: resolves relative dates ("on Tuesday").
    pub published: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The caller's id for the report (default: `api-` and the text hash).
    pub id: Option<String>,
}

/// What storing a posted report did.
#[derive(Serialize, ToSchema)]
pub struct StoredReport {
    /// The store's document number.
    pub document: i64,
    /// False when the same text or URL was stored already (nothing new was written).
    pub created: bool,
    pub events: usize,
    pub new_stories: usize,
}

fn check_token(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(want) = &s.token else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            message:
                "this server is read-only: start `annals serve` with --token to accept reports"
                    .into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let ok = given.is_some_and(|g| {
        // Compared in time independent of where they differ.
        g.len() == want.len()
            && g.bytes()
                .zip(want.bytes())
                .fold(0u8, |acc, (x, y)| acc | (x ^ y))
                == 0
    });
    if ok {
        Ok(())
    } else {
        Err(ApiError { status: StatusCode::UNAUTHORIZED, message: "missing or wrong token: send `Authorization: Bearer TOKEN` with the token given to annals serve".into() })
    }
}

/// Codes a report and stores it with its events (needs the token given at start-up).
#[utoipa::path(post, path = "/api/reports", request_body = NewReport, security(("bearer" = [])),
    responses((status = 201, body = StoredReport), (status = 200, body = StoredReport, description = "already stored"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)))]
async fn post_report(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<NewReport>, JsonRejection>,
) -> Result<Response, ApiError> {
    check_token(&s, &headers)?;
    let Json(report) = body?;
    if let Some(p) = &report.published {
        filter::date_bound(p, "published", false)?;
    }
    let (Some(coder), Some(writer)) = (s.coder.clone(), s.writer.clone()) else {
        return Err(ApiError::internal(
            "the server was started with a token but without the coder",
        ));
    };
    let stored = tokio::task::spawn_blocking(move || -> Result<StoredReport, ApiError> {
        let hash = annals_store::text_hash(&report.text);
        let doc_id = report
            .id
            .clone()
            .unwrap_or_else(|| format!("api-{}", &hash[..16]));
        let input = annals_extract::Input {
            id: &doc_id,
            text: &report.text,
            lang: report.lang.as_deref(),
            published: report.published.as_deref(),
            url: report.url.as_deref(),
            title: report.title.as_deref(),
        };
        let rec = coder
            .code(&input)
            .map_err(|e| ApiError::bad_request(format!("cannot code the report: {e}")))?;
        let mut store = writer.lock().map_err(|_| {
            ApiError::internal("the store writer failed earlier: restart the server")
        })?;
        let doc = annals_store::NewDocument {
            source: "api",
            text: &report.text,
            url: report.url.as_deref(),
            hash: Some(&hash),
        };
        let out = match store
            .insert(&doc, &rec)
            .map_err(|e| ApiError::internal(format!("cannot store the report: {e}")))?
        {
            annals_store::Stored::Inserted {
                document,
                events,
                new_stories,
            } => {
                store.connection().execute(
                    "INSERT OR REPLACE INTO server_document_text (document, text) VALUES (?1, ?2)",
                    rusqlite::params![document, report.text],
                )?;
                StoredReport {
                    document,
                    created: true,
                    events,
                    new_stories,
                }
            }
            annals_store::Stored::Duplicate { existing, .. } => StoredReport {
                document: existing,
                created: false,
                events: 0,
                new_stories: 0,
            },
        };
        Ok(out)
    })
    .await
    .map_err(|_| ApiError::internal("coding the report failed"))??;
    let status = if stored.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(stored)).into_response())
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Annals API", description = "PLOVER political events coded from news reports (de, en, ru, kk). Read-only except POST /api/reports, which needs the token given to `annals serve --token`. Errors are JSON `{\"error\": \"...\"}`."),
    paths(overview, events, event, dyad_series, actor_search, actor_profile, document, stories, story, map, export_events, post_report),
    components(schemas(ErrorBody, NewReport, StoredReport)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;
impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(get, path = "/api/openapi.json", responses((status = 200, description = "OpenAPI document")))]
async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
