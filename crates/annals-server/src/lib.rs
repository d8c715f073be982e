//! The HTTP JSON API, the web UI and the exports over the Annals event store.
//!
//! [`router`] builds the axum application from an [`AppState`] (a pool of read-only SQLite
//! connections, an optional write token and coder); [`serve`] binds it to an address. The
//! [`filter::EventFilter`] parsed from query strings is shared by the event list, the map, the
//! story list and [`export`], so every view of the store filters the same way. The OpenAPI
//! document is at `/api/openapi.json`, the web UI at `/`.
//!
//! ```no_run
//! use annals_server::{AppState, Config};
//! let state = AppState::open(Config { db: "annals.db".into(), token: None, coder: None }).unwrap();
//! let app = annals_server::router(state);
//! # let _ = app;
//! ```

pub mod api;
pub mod db;
pub mod error;
pub mod export;
pub mod filter;
pub mod queries;
pub mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use error::ApiError;

/// Largest request body accepted (a posted report), in bytes.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What `annals serve` starts with.
pub struct Config {
    pub db: PathBuf,
    /// The bearer token that write endpoints require; writes are refused when absent.
    pub token: Option<String>,
    /// The coder for posted reports (needed only with a token).
    pub coder: Option<annals_extract::Coder>,
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub(crate) pool: Arc<db::Pool>,
    pub(crate) token: Option<Arc<str>>,
    pub(crate) coder: Option<Arc<annals_extract::Coder>>,
    /// The one writer, opened only when writes are enabled.
    pub(crate) writer: Option<Arc<Mutex<annals_store::Store>>>,
    /// A read-write connection that brings the dyad roll-up up to date, one refresh at a time.
    pub(crate) rollup: Arc<Mutex<rusqlite::Connection>>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("no database at {0}: run `annals ingest PATH... --db {0}` first, or give --db")]
    NoDatabase(String),
    #[error(transparent)]
    Store(#[from] annals_store::StoreError),
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

impl AppState {
    /// Opens the store (upgrading its schema and adding the server's indexes) and the pool.
    pub fn open(config: Config) -> Result<AppState, StartError> {
        Self::open_with(config.db, config.token, config.coder)
    }

    fn open_with(
        db: PathBuf,
        token: Option<String>,
        coder: Option<annals_extract::Coder>,
    ) -> Result<AppState, StartError> {
        if !db.is_file() {
            return Err(StartError::NoDatabase(db.display().to_string()));
        }
        let store = annals_store::Store::open(&db)?;
        db::prepare(store.connection())?;
        db::refresh_rollup(store.connection())?;
        let rollup = rusqlite::Connection::open(&db)?;
        rollup.busy_timeout(std::time::Duration::from_secs(30))?;
        let token = token.filter(|t| !t.is_empty()).map(Arc::from);
        let writer = token.as_ref().map(|_| Arc::new(Mutex::new(store)));
        Ok(AppState {
            pool: Arc::new(db::Pool::new(db)),
            token,
            coder: coder.map(Arc::new),
            writer,
            rollup: Arc::new(Mutex::new(rollup)),
        })
    }
}

/// The whole application: API, OpenAPI document and web UI.
pub fn router(state: AppState) -> axum::Router {
    use axum::extract::DefaultBodyLimit;
    axum::Router::new()
        .merge(api::routes())
        .merge(ui::routes())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .with_state(state)
}

/// Serves `state` on `addr` until Ctrl-C; `ready` is called with the bound address.
pub fn serve(
    state: AppState,
    addr: SocketAddr,
    ready: impl FnOnce(SocketAddr),
) -> Result<(), StartError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Bind { addr, source })?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
