//! What an edit costs the backend on the flagship model, from the UI's command to
//! the answer it receives: apply the edit, validate, derive, verify, cost, and
//! serialize the document state for the webview. The target: the design
//! updates within 100 ms of an edit on ACME.
//!
//!     cargo bench -p tablewright-studio --bench edit

use criterion::{criterion_group, criterion_main, Criterion};
use tablewright_engine::edit::Edit;
use tablewright_studio::{Folders, Studio};

// The allocator the CLI and the desktop app use, so the times are theirs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn edit_to_answer(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut studio = Studio::new(&Folders { data: dir.path().join("data"), config: dir.path().join("config") });
    studio.new_document(Some("acme-bank"), false).unwrap();
    // A rename that reaches patterns and relationships, and its way back, so
    // the model stays the same size however many iterations run.
    let there = Edit::RenameEntity { entity: "Offer".into(), to: "Promotion".into() };
    let back = Edit::RenameEntity { entity: "Promotion".into(), to: "Offer".into() };
    let mut forth = true;
    c.bench_function("acme: rename an entity, re-derive, answer the UI", |b| {
        b.iter(|| {
            let edit = if forth { &there } else { &back };
            forth = !forth;
            let state = studio.edit(edit).unwrap();
            serde_json::to_string(&state).unwrap().len()
        })
    });
    c.bench_function("acme: aggregate view of 6 items per entity", |b| {
        b.iter(|| {
            let edit = if forth { &there } else { &back };
            forth = !forth;
            studio.edit(edit).unwrap();
            serde_json::to_string(&studio.aggregate(6).unwrap()).unwrap().len()
        })
    });
}

criterion_group!(benches, edit_to_answer);
criterion_main!(benches);
