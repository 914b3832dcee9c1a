//! The desktop app's document model, apart from its window so that everything
//! the app does can be tested without one: the open document and its undo
//! history, files (open, save, recent, crash recovery), and what the app shows of
//! the model (diagnostics, the derived design, its verification and cost, the
//! aggregate view, the proof on DynamoDB Local, deploying). The Tauri commands are
//! one-line calls into [`Studio`], [`proof`] and [`deployment`].

pub mod analysis;
pub mod bindings;
pub mod deployment;
pub mod document;
pub mod examples;
pub mod history;
pub mod proof;
pub mod recent;
pub mod recovery;
pub mod replies;
mod studio;
pub mod targets;
pub mod views;

pub use studio::{Folders, Studio, StudioError, MAX_SAMPLE_ITEMS};
