//! The Rust that `tablewright code --lang rust` generates, compiled with the
//! workspace (same aws-sdk-dynamodb, same lints): every pattern of every example
//! and corpus model on its own, as `--pattern` prints it, and every model's `--all` file.
//!
//! `src/generated.rs` is written from the engine's code generator; the test in
//! `tests/fresh.rs` fails when it differs from what the generator gives now, so
//! a stale file cannot stand in for the current output. Regenerate it with
//! `TABLEWRIGHT_UPDATE_GENERATED=1 cargo test -p tablewright-codegen-check`.

// Generated code is printed, not formatted by rustfmt; a pattern's inputs are its
// function's parameters, however many the pattern has.
#[rustfmt::skip]
#[allow(clippy::too_many_arguments)]
pub mod generated;
