//! annals-kb
