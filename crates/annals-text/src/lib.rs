//! annals-text
