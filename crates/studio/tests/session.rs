//! The app's session as a user drives it, without a window: open, edit, undo,
//! save, reopen; failures that change nothing; recovery after a crash.

use std::path::{Path, PathBuf};

use tablewright_engine::design::derive;
use tablewright_engine::edit::Edit;
use tablewright_engine::export::{export, ExportFormat};
use tablewright_engine::model::Cardinality;
use tablewright_engine::{load_file, to_canonical_json};
use tablewright_studio::replies::FailureKind;
use tablewright_studio::{Folders, Studio, StudioError};

struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Self {
        Setup { dir: tempfile::tempdir().unwrap() }
    }

    fn folders(&self) -> Folders {
        Folders { data: self.dir.path().join("data"), config: self.dir.path().join("config") }
    }

    fn studio(&self) -> Studio {
        Studio::new(&self.folders())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn recovery_files(&self) -> usize {
        std::fs::read_dir(self.dir.path().join("data/recovery")).map(|d| d.count()).unwrap_or(0)
    }
}

fn acme_path() -> PathBuf {
    // Canonical, as the studio reports the paths it opens.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/acme-bank.tablewright.json").canonicalize().unwrap()
}

fn add_entity(name: &str) -> Edit {
    Edit::AddEntity { name: Some(name.into()), position: None }
}

#[test]
fn a_new_session_has_an_untitled_clean_model() {
    let s = Setup::new();
    let state = s.studio().state();
    assert_eq!(state.title, "Untitled — Tablewright");
    assert!(!state.dirty);
    assert_eq!(state.path, None);
    assert!(state.analysis.design.is_some(), "an empty model has an (empty) design");
}

#[test]
fn edits_mark_the_document_unsaved_and_undo_back_to_the_saved_state_clears_it() {
    let s = Setup::new();
    let mut studio = s.studio();
    let opened = studio.open(&acme_path(), false).unwrap();
    assert!(!opened.dirty);
    assert_eq!(opened.title, "acme-bank.tablewright.json — Tablewright");
    let edited = studio.edit(&Edit::RenameEntity { entity: "Offer".into(), to: "Promotion".into() }).unwrap();
    assert!(edited.dirty);
    assert_eq!(edited.title, "*acme-bank.tablewright.json — Tablewright");
    assert_eq!(edited.undo.as_deref(), Some("Rename entity Offer to Promotion"));
    let undone = studio.undo();
    assert!(!undone.dirty, "back at what the file holds");
    assert!(undone.model.entity("Offer").is_some());
    assert_eq!(undone.redo.as_deref(), Some("Rename entity Offer to Promotion"));
    assert_eq!(undone.confirmation.as_deref(), Some("Undid: Rename entity Offer to Promotion"));
    let redone = studio.redo();
    assert!(redone.dirty && redone.model.entity("Promotion").is_some());
    assert!(redone.revision != undone.revision);
    assert_eq!(redone.confirmation.as_deref(), Some("Redid: Rename entity Offer to Promotion"));
    assert_eq!(studio.state().confirmation, None, "said once");
}

#[test]
fn the_design_follows_every_edit() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.edit(&add_entity("Customer")).unwrap();
    studio.edit(&add_entity("Order")).unwrap();
    studio
        .edit(&Edit::AddRelationship {
            from: "Customer".into(),
            to: "Order".into(),
            cardinality: Cardinality::OneToMany,
        })
        .unwrap();
    let mut pattern = tablewright_engine::edit::apply(
        &studio.state().model,
        &Edit::AddPattern { entity: Some("Order".into()), pattern: None },
    )
    .unwrap()
    .model
    .access_patterns[0]
        .clone();
    pattern.kind = tablewright_engine::model::PatternKind::ReadMany;
    pattern.inputs = vec!["customerId".into()];
    let state = studio.edit(&Edit::AddPattern { entity: None, pattern: Some(pattern) }).unwrap();
    let design = state.analysis.design.expect("a design");
    let order = design.entities.iter().find(|e| e.name == "Order").unwrap();
    assert_eq!(order.keys["PK"], "CUSTOMER#{customerId}", "orders join their customer's item collection");
}

#[test]
fn saving_writes_the_model_and_reopening_gives_it_back() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.new_document(Some("hr-directory"), false).unwrap();
    assert!(matches!(studio.save(), Err(StudioError::NoFile)), "no file yet: Save As first");
    studio.edit(&add_entity("Badge")).unwrap();
    let saved = studio.save_as(&s.path("directory")).unwrap();
    let file = s.path("directory.tablewright.json");
    assert_eq!(saved.path.as_deref(), Some(file.to_str().unwrap()), "the model extension is added");
    assert!(!saved.dirty);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), to_canonical_json(&saved.model));
    assert_eq!(load_file(&file).unwrap(), saved.model);
    let mut other = s.studio();
    let reopened = other.open(&file, false).unwrap();
    assert_eq!(reopened.model, saved.model);
    assert_eq!(reopened.recent.first().map(String::as_str), Some(file.to_str().unwrap()));
}

#[test]
fn an_untitled_model_takes_its_name_from_the_first_save_as() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.edit(&add_entity("Member")).unwrap();
    let saved = studio.save_as(&s.path("city library")).unwrap();
    let file = s.path("city library.tablewright.json");
    assert_eq!(saved.confirmation, Some(format!("Saved {}", file.display())), "a save says where it went");
    let edited = studio.edit(&add_entity("Book")).unwrap();
    assert_eq!(edited.confirmation, None, "said once");
    assert_eq!(studio.save().unwrap().confirmation, Some(format!("Saved {}", file.display())));
    assert_eq!(saved.model.name, "city library");
    assert_eq!(saved.model.table.name, "city-library", "a valid DynamoDB table name");
    assert!(!saved.dirty);
    // Named once, the model keeps its name when saved elsewhere.
    let again = studio.save_as(&s.path("copy")).unwrap();
    assert_eq!(again.model.name, "city library");
    // A named model (an example) keeps its own.
    studio.new_document(Some("hr-directory"), true).unwrap();
    let hr = studio.save_as(&s.path("people")).unwrap();
    assert_eq!((hr.model.name.as_str(), hr.model.table.name.as_str()), ("HR Directory", "hr-directory"));
}

#[test]
fn a_file_that_is_not_a_model_fails_with_its_problems_and_changes_nothing() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.open(&acme_path(), false).unwrap();
    studio.edit(&add_entity("Branch")).unwrap();
    let before = studio.state();
    let broken = s.path("broken.tablewright.json");
    std::fs::write(&broken, "{\n  \"format\": \"tablewright/3\",\n  \"name\": 3\n}\n").unwrap();
    let failure = match studio.open(&broken, true) {
        Err(e) => e.failure(),
        Ok(_) => panic!("a broken file opened"),
    };
    assert!(failure.message.contains("broken.tablewright.json cannot be opened"), "{}", failure.message);
    let FailureKind::Invalid { diagnostics } = &failure.kind else { panic!("{:?}", failure.kind) };
    assert!(!diagnostics.is_empty());
    assert!(diagnostics.iter().all(|d| d.line.is_some()), "every problem has its place");
    let after = studio.state();
    assert_eq!((after.model, after.dirty, after.path), (before.model, before.dirty, before.path));
}

#[test]
fn a_model_with_semantic_problems_opens_and_shows_them() {
    let s = Setup::new();
    let text = std::fs::read_to_string(acme_path()).unwrap().replace("\"entity\": \"Offer\"", "\"entity\": \"Ofer\"");
    let file = s.path("typo.tablewright.json");
    std::fs::write(&file, text).unwrap();
    let state = s.studio().open(&file, false).unwrap();
    assert!(state.analysis.design.is_none());
    assert!(
        state.analysis.diagnostics.iter().any(|d| d.message.contains("'Ofer'")),
        "{:?}",
        state.analysis.diagnostics
    );
}

#[test]
fn unsaved_changes_are_not_replaced_without_consent() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.edit(&add_entity("Draft")).unwrap();
    assert!(matches!(studio.open(&acme_path(), false), Err(StudioError::Unsaved)));
    assert!(matches!(studio.new_document(None, false), Err(StudioError::Unsaved)));
    assert!(matches!(studio.close(false), Err(StudioError::Unsaved)));
    assert_eq!(studio.close(false).unwrap_err().failure().kind, FailureKind::Unsaved, "the UI asks to save or discard");
    assert!(studio.state().model.entity("Draft").is_some());
    studio.open(&acme_path(), true).unwrap();
    assert!(studio.state().model.entity("Draft").is_none());
}

#[test]
fn unsaved_work_survives_a_crash() {
    let s = Setup::new();
    let mut crashed = s.studio();
    crashed.open(&acme_path(), false).unwrap();
    crashed.edit(&add_entity("Branch")).unwrap();
    assert_eq!(s.recovery_files(), 1, "a copy is kept while there are unsaved changes");
    // The process dies: nothing runs. The next run finds the copy.
    drop(crashed);
    let mut next = s.studio();
    let offers = next.recovery_offers();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].model_name, "ACME Bank");
    assert_eq!(offers[0].path.as_deref(), Some(acme_path().to_str().unwrap()));
    let restored = next.restore(&offers[0].id, false).unwrap();
    assert!(restored.dirty, "recovered work is unsaved until saved");
    assert!(restored.model.entity("Branch").is_some());
    assert_eq!(restored.path.as_deref(), Some(acme_path().to_str().unwrap()));
    assert!(next.recovery_offers().is_empty(), "the copy is now this run's own");
    assert_eq!(s.recovery_files(), 1);
    next.save_as(&s.path("restored.tablewright.json")).unwrap();
    assert_eq!(s.recovery_files(), 0, "saved: nothing left to recover");
}

#[test]
fn undoing_back_to_the_file_or_closing_on_purpose_leaves_nothing_to_recover() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.open(&acme_path(), false).unwrap();
    studio.edit(&add_entity("Branch")).unwrap();
    studio.undo();
    assert_eq!(s.recovery_files(), 0);
    studio.edit(&add_entity("Branch")).unwrap();
    studio.close(true).unwrap();
    assert_eq!(s.recovery_files(), 0);
    assert!(s.studio().recovery_offers().is_empty());
}

#[test]
fn a_recovery_copy_can_be_discarded_and_only_by_its_own_name() {
    let s = Setup::new();
    let mut crashed = s.studio();
    crashed.edit(&add_entity("Lost")).unwrap();
    drop(crashed);
    let mut next = s.studio();
    let id = next.recovery_offers()[0].id.clone();
    assert!(next.discard_recovery("../../etc/passwd").is_err());
    next.discard_recovery(&id).unwrap();
    assert!(next.recovery_offers().is_empty());
}

#[test]
fn a_file_that_went_missing_leaves_the_recent_list() {
    let s = Setup::new();
    let file = s.path("gone.tablewright.json");
    std::fs::copy(acme_path(), &file).unwrap();
    let mut studio = s.studio();
    studio.open(&file, false).unwrap();
    assert_eq!(studio.state().recent.len(), 1);
    std::fs::remove_file(&file).unwrap();
    assert!(studio.open(&file, false).is_err());
    assert!(studio.state().recent.is_empty());
}

#[test]
fn the_aggregate_view_groups_sample_items_by_partition_and_highlights_a_pattern() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.open(&acme_path(), false).unwrap();
    let view = studio.aggregate(5).unwrap();
    let names: Vec<&str> = view.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["table", "GSI1", "GSI2", "GSI3"]);
    let table = &view.indexes[0];
    let customer = table.partitions.iter().find(|p| p.key.starts_with("CUSTOMER#")).unwrap();
    let kinds: Vec<&str> = customer.items.iter().map(|i| i.entity.as_str()).collect();
    assert!(
        kinds.contains(&"Customer") && kinds.contains(&"Account"),
        "a customer's accounts share its partition: {kinds:?}"
    );
    let sorted: Vec<&String> = customer.items.iter().map(|i| &i.sort).collect();
    assert!(sorted.windows(2).all(|w| w[0] <= w[1]), "items in sort key order");
    let lit = studio.highlight("AP07", 5, 0).unwrap().unwrap();
    assert_eq!(lit.index, "table");
    assert_eq!(lit.partitions.len(), 1);
    assert!(lit.items.iter().all(|k| k[0] == lit.partitions[0]), "every item returned is in the partition read");
    assert!(lit.items.len() >= 2, "the customer and its accounts");
    let sharded = studio.highlight("AP03", 5, 0).unwrap().unwrap();
    assert_eq!(sharded.partitions.len(), 2, "customers of a state are read from both shards");
    assert!(matches!(studio.aggregate(0), Err(StudioError::SampleSize(0))));
    // "Draw other parameters" draws other ones: five customers, five in turn.
    let drawn: Vec<_> = (0..5).map(|n| studio.highlight("AP01", 5, n).unwrap().unwrap().parameters).collect();
    assert!(drawn.windows(2).all(|w| w[0] != w[1]), "{drawn:?}");
    let distinct: std::collections::BTreeSet<_> = drawn.iter().map(|p| format!("{p:?}")).collect();
    assert_eq!(distinct.len(), 5, "{drawn:?}");
}

#[test]
fn a_model_with_problems_has_no_sample_data() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.open(&acme_path(), false).unwrap();
    studio.edit(&Edit::DeleteAttribute { owner: "Customer".into(), attribute: "phone".into() }).unwrap();
    assert!(matches!(studio.aggregate(5), Err(StudioError::NoDesign)));
    assert_eq!(studio.aggregate(5).unwrap_err().failure().kind, FailureKind::NoDesign);
}

#[test]
fn exports_are_of_the_model_on_screen_saved_or_not() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.open(&acme_path(), false).unwrap();
    assert_eq!(studio.suggested_export_name(ExportFormat::CloudFormation), "acme-bank.yaml");
    assert_eq!(studio.suggested_export_name(ExportFormat::Png), "acme-bank.png");
    let acme = load_file(&acme_path()).unwrap();
    let template = export(&acme, &derive(&acme), ExportFormat::CloudFormation, 0).unwrap();
    assert_eq!(studio.exported(ExportFormat::CloudFormation).unwrap(), template, "what the CLI exports");
    studio.edit(&add_entity("Branch")).unwrap();
    let document = String::from_utf8(studio.exported(ExportFormat::Markdown).unwrap()).unwrap();
    assert!(document.contains("### Branch"), "the unsaved entity is in the design document");
    assert_eq!(&studio.exported(ExportFormat::Png).unwrap()[..4], b"\x89PNG");
    // A model with problems has no design: nothing to export.
    studio.edit(&Edit::DeleteAttribute { owner: "Customer".into(), attribute: "phone".into() }).unwrap();
    assert!(matches!(studio.exported(ExportFormat::Terraform), Err(StudioError::NoDesign)));
}

#[test]
fn an_untitled_model_suggests_export_names_from_its_name() {
    let s = Setup::new();
    let mut studio = s.studio();
    studio.edit(&Edit::SetModelInfo { name: "Order Service".into(), description: String::new() }).unwrap();
    assert_eq!(studio.suggested_export_name(ExportFormat::Terraform), "order-service.tf");
}

#[test]
fn a_new_model_from_an_example_is_not_tied_to_the_example_file() {
    let s = Setup::new();
    let mut studio = s.studio();
    let state = studio.new_document(Some("acme-bank"), false).unwrap();
    assert_eq!(state.path, None);
    assert_eq!(state.model.schema, None);
    assert_eq!(studio.suggested_file_name(), "acme-bank.tablewright.json");
    assert!(matches!(studio.new_document(Some("nope"), false), Err(StudioError::UnknownExample(_))));
}

#[test]
fn an_export_goes_to_its_file_but_never_over_the_open_model_nor_a_read_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let s = Setup::new();
    let mut studio = s.studio();
    studio.new_document(Some("hr-directory"), false).unwrap();
    studio.save_as(&s.path("hr.tablewright.json")).unwrap();
    let model = s.path("hr.tablewright.json");
    let saved = std::fs::read_to_string(&model).unwrap();
    let bytes = studio.exported(ExportFormat::Markdown).unwrap();

    let refused = studio.write_export(&model, &bytes).unwrap_err();
    assert!(matches!(refused, StudioError::ExportOverModel(_)), "{refused}");
    assert_eq!(std::fs::read_to_string(&model).unwrap(), saved);

    let locked = s.path("locked.md");
    std::fs::write(&locked, "old").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused = studio.write_export(&locked, &bytes).unwrap_err();
    assert!(refused.to_string().contains("read-only"), "{refused}");
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "old");

    studio.write_export(&s.path("hr.md"), &bytes).unwrap();
    assert_eq!(std::fs::read(s.path("hr.md")).unwrap(), bytes);
}

#[test]
fn an_import_opens_as_a_new_unsaved_model_and_a_file_that_is_no_design_changes_nothing() {
    let setup = Setup::new();
    let mut studio = setup.studio();
    let acme = load_file(&acme_path()).unwrap();
    let nwb = setup.path("acme-workbench.json");
    let workbench = export(&acme, &derive(&acme), ExportFormat::NosqlWorkbench, 1_700_000_000).unwrap();
    std::fs::write(&nwb, &workbench).unwrap();

    let state = studio.import(&nwb, None, false).unwrap();
    assert!(state.dirty && state.path.is_none(), "an import is a new model, unsaved until saved");
    let imported: Vec<&str> = state.model.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(
        acme.entities.iter().all(|e| imported.contains(&e.name.as_str())),
        "every facet is an entity: {imported:?}"
    );
    assert!(state.analysis.design.is_some(), "the imported design derives");
    assert_eq!(std::fs::read(&nwb).unwrap(), workbench, "the source is never written to");

    // Unsaved: a second import asks first, then a file that is no design fails
    // with where and why, and the imported model stays.
    assert!(matches!(studio.import(&nwb, None, false), Err(StudioError::Unsaved)));
    let notes = setup.path("notes.json");
    std::fs::write(&notes, "{\"title\": \"not a design\"}").unwrap();
    let failure = studio.import(&notes, None, true).unwrap_err().failure();
    assert!(failure.message.contains("cannot be imported"), "{}", failure.message);
    let FailureKind::Invalid { diagnostics } = &failure.kind else { panic!("{:?}", failure.kind) };
    assert!(diagnostics[0].message.contains("neither a NoSQL Workbench model"), "{diagnostics:?}");
    assert_eq!(failure.path.as_deref(), Some(notes.to_str().unwrap()));
    assert_eq!(studio.state().model.entities.len(), imported.len(), "the imported model stays");
    let missing = studio.import(&setup.path("missing.json"), None, true).unwrap_err();
    assert!(missing.to_string().contains("cannot be read"), "{missing}");

    // The UI is never sent the source (a Workbench file's items can be most of
    // the model); the model file keeps it as it came.
    assert_eq!(state.model.imported.as_ref().unwrap().source.text(), "null");
    let saved = setup.path("acme-imported.tablewright.json");
    studio.save_as(&saved).unwrap();
    let kept = load_file(&saved).unwrap().imported.unwrap().source;
    assert_eq!(kept.text(), String::from_utf8(workbench.clone()).unwrap().trim());
}

#[test]
fn a_file_of_several_tables_offers_them_and_imports_the_one_chosen() {
    let setup = Setup::new();
    let mut studio = setup.studio();
    let catalog = setup.path("product-catalog.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/nosql-workbench/product-catalog.json"),
        &catalog,
    )
    .unwrap();

    let failure = studio.import(&catalog, None, false).unwrap_err().failure();
    let FailureKind::ChooseTable { tables } = &failure.kind else {
        panic!("a choice to make, not a problem to fix: {:?}", failure.kind)
    };
    assert_eq!(
        tables,
        &[
            "product-catalog-original",
            "product-catalog-p1-natural-key",
            "product-catalog-p3-prefix-shard",
            "product-catalog-p4-suffix"
        ]
    );
    assert!(failure.message.contains("holds 4 tables") && failure.message.contains("choose the one to import"));
    assert_eq!(failure.path.as_deref(), Some(catalog.to_str().unwrap()));

    let state = studio.import(&catalog, Some("product-catalog-p4-suffix"), false).unwrap();
    assert_eq!(state.model.table.name, "product-catalog-p4-suffix");
}
