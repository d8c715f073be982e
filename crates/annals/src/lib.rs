//! The command line's library half: the `code`, `eval` and `bench` commands as functions, so
//! that the integration tests can score the coder with the same code the command uses.

pub mod bench;
pub mod code;
pub mod eval;
pub mod fixtures;
