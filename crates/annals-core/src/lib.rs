//! annals-core
