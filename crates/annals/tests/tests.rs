#![allow(clippy::print_stdout)] // tests report their tables on stdout (cargo test -- --nocapture)
//! The integration tests, in one binary to keep link time down: data-driven event fixtures
//! in every language, the actor lookup set, the dev gold reports, and the command line.

mod actors;
mod arguments;
mod claims;
mod cli;
mod corpus;
mod dev_gold;
mod events;
mod parallel;

use std::path::PathBuf;
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository (as in CI), where the gold files live.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// One coder for all tests, loaded from the repository's data folder.
pub fn coder() -> &'static annals_extract::Coder {
    static CODER: OnceLock<annals_extract::Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        annals_extract::Coder::load(
            &annals_core::data::DataSource::Dir(root().join("data")),
            None,
        )
        .expect("knowledge files load")
    })
}
