//! End to end in Debian's headless Chromium (skipped, with a reason, when it is absent).
