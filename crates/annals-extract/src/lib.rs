//! annals-extract
