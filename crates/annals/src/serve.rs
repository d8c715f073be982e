//! `annals serve`: the HTTP JSON API and web UI over an event store (crate annals-server).

use anyhow::{Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Args)]
pub struct ServeArgs {
    /// The database written by `annals ingest`.
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    /// Address to listen on (loopback by default; the API has no TLS).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Accept reports on POST /api/reports from callers that send `Authorization: Bearer TOKEN`
    /// (also: ANNALS_TOKEN). Without it the server is read-only.
    #[arg(long, env = "ANNALS_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

/// Runs until Ctrl-C. `load_coder` is called only when writes are enabled.
pub fn run(
    args: &ServeArgs,
    load_coder: impl FnOnce() -> Result<annals_extract::Coder>,
) -> Result<i32> {
    let coder = match &args.token {
        Some(_) => Some(load_coder()?),
        None => None,
    };
    let state = annals_server::AppState::open(annals_server::Config {
        db: args.db.clone(),
        token: args.token.clone(),
        coder,
    })
    .with_context(|| format!("opening {}", args.db.display()))?;
    let writes = args.token.is_some();
    annals_server::serve(state, args.addr, |addr| {
        #[allow(clippy::print_stderr)]
        {
            eprintln!(
                "annals: serving {} on http://{addr}/ (API: /api/openapi.json; {})",
                args.db.display(),
                if writes {
                    "POST /api/reports needs the token"
                } else {
                    "read-only"
                }
            );
        }
    })?;
    Ok(0)
}
