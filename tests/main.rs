//! End-to-end tests: one test binary, one module per concern.

mod archive;
mod common;
mod entities;
mod extraction;
mod incremental;
mod inputs;
mod safety;
mod shared_corpora;
