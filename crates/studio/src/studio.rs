//! The app's session: one open document and everything done to it, each method
//! one command of the UI.

use std::io;
use std::path::{Path, PathBuf};

use tablewright_engine::aggregate::{aggregate, highlight, AggregateView, Highlight};
use tablewright_engine::clock;
use tablewright_engine::edit::{Edit, EditError, Focus};
use tablewright_engine::export::{export, ExportError, ExportFormat};
use tablewright_engine::import::{check_size, import, ImportError, ImportOptions};
use tablewright_engine::model::SourceText;
use tablewright_engine::sample::{generate, Sample, SampleError, SampleOptions};
use tablewright_engine::{LoadError, Model, SaveError};
use thiserror::Error;

use crate::analysis::{analyse, Analysis};
use crate::deployment::{setup, DeployInputs, DeployRequest, DeploySetup};
use crate::document::{with_model_extension, Document};
use crate::examples::example;
use crate::proof::ProofInputs;
use crate::recent::RecentFiles;
use crate::recovery::{Recovery, RecoveryOffer};
use crate::replies::{DocumentState, Failure, FailureKind};
use crate::targets::DeployTargets;

/// The most items per entity the aggregate view makes.
pub const MAX_SAMPLE_ITEMS: usize = 200;

/// Where the app keeps what is not a model file.
#[derive(Debug, Clone)]
pub struct Folders {
    /// Crash-recovery copies go in `recovery/` under it.
    pub data: PathBuf,
    /// The recent-files list goes in it.
    pub config: PathBuf,
}

#[derive(Debug, Error)]
pub enum StudioError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("the open model has unsaved changes: save or discard them first")]
    Unsaved,
    #[error("the model has no file yet: save it as a file first")]
    NoFile,
    #[error("there is no example model '{0}'")]
    UnknownExample(String),
    #[error("the model has problems to fix before it has a design")]
    NoDesign,
    #[error("cannot make sample data: {0}")]
    Sample(#[from] SampleError),
    #[error("the sample needs 1 to {MAX_SAMPLE_ITEMS} items per entity, not {0}")]
    SampleSize(usize),
    #[error("cannot export the design: {0}")]
    Export(#[from] ExportError),
    #[error("{}: is the open model's file; export the design to another file", .0.display())]
    ExportOverModel(PathBuf),
    #[error("recovery copy: {0}")]
    Recovery(io::Error),
    #[error("{}: cannot be imported: {}", .path.display(), .error)]
    Import { path: PathBuf, error: Box<ImportError> },
    #[error("{}: cannot be read: {source}", .path.display())]
    Read { path: PathBuf, source: io::Error },
}

impl StudioError {
    /// The failure as the UI shows it: its kind, the file it is about and, for a
    /// file that failed to load or import, every problem in it.
    pub fn failure(&self) -> Failure {
        Failure {
            message: self.message(),
            path: self.path().map(|p| p.to_string_lossy().into_owned()),
            kind: self.kind(),
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            StudioError::Load(LoadError::Invalid { diagnostics, .. }) => {
                FailureKind::Invalid { diagnostics: diagnostics.clone() }
            }
            StudioError::Import { error, .. } if !error.tables().is_empty() => {
                FailureKind::ChooseTable { tables: error.tables().to_vec() }
            }
            StudioError::Import { error, .. } => FailureKind::Invalid { diagnostics: vec![error.diagnostic().clone()] },
            StudioError::Load(LoadError::Read { .. })
            | StudioError::Save(_)
            | StudioError::Read { .. }
            | StudioError::Recovery(_) => FailureKind::File,
            StudioError::Unsaved => FailureKind::Unsaved,
            StudioError::NoDesign => FailureKind::NoDesign,
            _ => FailureKind::Other,
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            StudioError::Load(LoadError::Invalid { path, .. } | LoadError::Read { path, .. }) => Some(path),
            StudioError::Save(e) => Some(&e.path),
            StudioError::Import { path, .. } | StudioError::Read { path, .. } => Some(path),
            _ => None,
        }
    }

    fn message(&self) -> String {
        match self {
            // The diagnostics list the problems; the message says which file.
            StudioError::Load(LoadError::Invalid { path, diagnostics }) => {
                let n = diagnostics.len();
                format!("{} cannot be opened: {n} problem{}", path.display(), if n == 1 { "" } else { "s" })
            }
            StudioError::Import { path, error } if !error.tables().is_empty() => format!(
                "{} holds {} tables, and a Tablewright model is one table: choose the one to import",
                path.display(),
                error.tables().len()
            ),
            // The diagnostic says what and where, as a load failure's do.
            StudioError::Import { path, .. } => {
                format!("{} cannot be imported as a NoSQL Workbench model or a CloudFormation template", path.display())
            }
            other => other.to_string(),
        }
    }
}

pub struct Studio {
    document: Document,
    analysis: Analysis,
    analysed_revision: u64,
    focus: Option<Focus>,
    /// Something that went wrong beside the command, for the UI to show once.
    notice: Option<String>,
    confirmation: Option<String>,
    recovery: Recovery,
    recent: RecentFiles,
    deploy_targets: DeployTargets,
    /// The sample of the current revision and size, made when first asked for.
    sample: Option<(u64, usize, Sample)>,
    /// The day sample dates lead up to: fixed for the session, so the aggregate
    /// view does not change under the user's eyes at midnight.
    as_of: i64,
}

impl Studio {
    /// A session with a new, empty model.
    pub fn new(folders: &Folders) -> Self {
        let document = Document::untitled(Model::new(crate::document::UNTITLED));
        let analysis = analyse(document.model());
        Studio {
            analysed_revision: document.revision(),
            document,
            analysis,
            focus: None,
            notice: None,
            confirmation: None,
            recovery: Recovery::new(&folders.data.join("recovery")),
            recent: RecentFiles::new(&folders.config.join("recent.json")),
            deploy_targets: DeployTargets::new(&folders.config.join("deploy-targets.json")),
            sample: None,
            as_of: SampleOptions::month_start(clock::epoch_seconds()),
        }
    }

    pub fn state(&mut self) -> DocumentState {
        self.analysed();
        let (undo, redo) = self.history();
        let d = &self.document;
        DocumentState {
            revision: d.revision(),
            title: d.title(),
            path: d.path().map(|p| p.to_string_lossy().into_owned()),
            dirty: d.is_dirty(),
            undo,
            redo,
            model: without_source(d.model()),
            analysis: self.analysis.clone(),
            focus: self.focus.take(),
            recent: self.recent(),
            notice: self.notice.take(),
            confirmation: self.confirmation.take(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.document.is_dirty()
    }

    /// The steps Undo and Redo would take, by name: for the native menu, which
    /// must not take what `state` hands over once (focus, notice, confirmation).
    pub fn history(&self) -> (Option<String>, Option<String>) {
        let d = &self.document;
        (d.undo_label().map(str::to_string), d.redo_label().map(str::to_string))
    }

    /// The files opened lately, newest first.
    pub fn recent(&self) -> Vec<String> {
        self.recent.list().iter().map(|p| p.to_string_lossy().into_owned()).collect()
    }

    pub fn edit(&mut self, edit: &Edit) -> Result<DocumentState, StudioError> {
        self.focus = self.document.apply(edit)?;
        self.changed();
        Ok(self.state())
    }

    /// Takes the last step back, and says which (the UI shows it for a moment).
    pub fn undo(&mut self) -> DocumentState {
        let label = self.document.undo_label().map(str::to_string);
        if self.document.undo() {
            self.changed();
            self.confirmation = label.map(|l| format!("Undid: {l}"));
        }
        self.state()
    }

    pub fn redo(&mut self) -> DocumentState {
        let label = self.document.redo_label().map(str::to_string);
        if self.document.redo() {
            self.changed();
            self.confirmation = label.map(|l| format!("Redid: {l}"));
        }
        self.state()
    }

    /// A new document: empty, or a copy of example `example` (not tied to its file).
    pub fn new_document(&mut self, example_id: Option<&str>, discard: bool) -> Result<DocumentState, StudioError> {
        self.may_replace(discard)?;
        let model = match example_id {
            Some(id) => {
                let mut model = example(id).ok_or_else(|| StudioError::UnknownExample(id.to_string()))?;
                // The example's schema reference is relative to models/, where the copy will not be.
                model.schema = None;
                model
            }
            None => Model::new(crate::document::UNTITLED),
        };
        self.replace(Document::untitled(model));
        Ok(self.state())
    }

    /// A new, unsaved model made from the NoSQL Workbench model or CloudFormation
    /// template at `path` (never written to). A file that cannot be imported
    /// changes nothing and fails with the problem and its place in the file.
    /// Imports the design at `path` (its `table`, when it holds several) as a new,
    /// unsaved model.
    pub fn import(&mut self, path: &Path, table: Option<&str>, discard: bool) -> Result<DocumentState, StudioError> {
        self.may_replace(discard)?;
        let read = |source| StudioError::Read { path: path.to_path_buf(), source };
        let refused = |error| StudioError::Import { path: path.to_path_buf(), error: Box::new(error) };
        check_size(std::fs::metadata(path).map_err(read)?.len()).map_err(refused)?;
        let text = std::fs::read_to_string(path).map_err(read)?;
        let options = ImportOptions { table: table.map(str::to_string) };
        let model = import(&text, None, &options).map_err(refused)?;
        self.replace(Document::unsaved(model, None));
        Ok(self.state())
    }

    /// Opens the model file at `path`. A file that is not a model changes nothing
    /// and fails with every problem in it; a model with semantic problems opens,
    /// and shows them.
    pub fn open(&mut self, path: &Path, discard: bool) -> Result<DocumentState, StudioError> {
        self.may_replace(discard)?;
        // One spelling per file: the title, the recent list and a later Save agree.
        let path = &std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let (document, _problems) = match Document::open(path) {
            Ok(opened) => opened,
            Err(e) => {
                if matches!(&e, LoadError::Read { reason, .. } if reason.kind() == io::ErrorKind::NotFound) {
                    self.note(self.recent.remove(path));
                }
                return Err(e.into());
            }
        };
        self.replace(document);
        self.note(self.recent.add(path));
        Ok(self.state())
    }

    /// Saves to the document's file.
    pub fn save(&mut self) -> Result<DocumentState, StudioError> {
        if self.document.path().is_none() {
            return Err(StudioError::NoFile);
        }
        self.document.save()?;
        self.saved_to()
    }

    /// Saves to `path` (given the model extension when it has none), which the
    /// document then belongs to.
    pub fn save_as(&mut self, path: &Path) -> Result<DocumentState, StudioError> {
        let path = with_model_extension(path);
        self.document.save_as(&path)?;
        self.note(self.recent.add(&path));
        self.saved_to()
    }

    /// The file name a save dialog proposes.
    pub fn suggested_file_name(&self) -> String {
        match self.document.file_name() {
            Some(name) => name,
            None => format!("{}{}", self.file_stem(), crate::document::EXTENSION),
        }
    }

    /// What a Save dialog for an export proposes: `acme-bank.yaml`.
    pub fn suggested_export_name(&self, format: ExportFormat) -> String {
        format!("{}.{}", self.file_stem(), format.extension())
    }

    /// The design in `format`: what is on screen, saved or not. A model with
    /// problems has no design to export.
    pub fn exported(&mut self, format: ExportFormat) -> Result<Vec<u8>, StudioError> {
        let model = self.document.model().clone();
        let design = self.analysed().design.as_ref().ok_or(StudioError::NoDesign)?;
        Ok(export(&model, design, format, clock::epoch_seconds())?)
    }

    /// Writes an export to `path` (atomically, by the same rules as a save),
    /// never over the open model's own file.
    pub fn write_export(&self, path: &Path, bytes: &[u8]) -> Result<(), StudioError> {
        if self.document.path().is_some_and(|model| tablewright_engine::same_file(model, path)) {
            return Err(StudioError::ExportOverModel(path.to_path_buf()));
        }
        Ok(tablewright_engine::write_atomically(path, bytes)?)
    }

    /// The model file's name without its extension, or for a model never saved,
    /// its name made fit for a file name.
    fn file_stem(&self) -> String {
        if let Some(name) = self.document.file_name() {
            let stem = name.strip_suffix(crate::document::EXTENSION).or_else(|| name.rsplit_once('.').map(|(s, _)| s));
            return stem.unwrap_or(&name).to_string();
        }
        let stem: String = self
            .document
            .model()
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let stem = stem.trim_matches('-');
        if stem.is_empty() { "model" } else { stem }.to_string()
    }

    pub fn has_file(&self) -> bool {
        self.document.path().is_some()
    }

    pub fn recovery_offers(&self) -> Vec<RecoveryOffer> {
        self.recovery.offers()
    }

    /// Makes recovery copy `id` the open document, unsaved, and removes the copy
    /// (this session's own copy now holds it).
    pub fn restore(&mut self, id: &str, discard: bool) -> Result<DocumentState, StudioError> {
        self.may_replace(discard)?;
        let (model, path) = self.recovery.restore(id).map_err(StudioError::Recovery)?;
        self.replace(Document::unsaved(model, path));
        self.recovery.discard(id).map_err(StudioError::Recovery)?;
        Ok(self.state())
    }

    pub fn discard_recovery(&mut self, id: &str) -> Result<(), StudioError> {
        self.recovery.discard(id).map_err(StudioError::Recovery)
    }

    /// Ends the session: refused while there are unsaved changes, unless they
    /// are to be discarded; then there is nothing left to recover.
    pub fn close(&mut self, discard: bool) -> Result<(), StudioError> {
        self.may_replace(discard)?;
        self.recovery.clear().map_err(StudioError::Recovery)
    }

    /// The sample data as the table and each index hold it.
    pub fn aggregate(&mut self, items: usize) -> Result<AggregateView, StudioError> {
        let (design, sample) = self.sample(items)?;
        Ok(aggregate(design, sample, items))
    }

    /// What read pattern `pattern` touches in the aggregate view of `items` items
    /// per entity; `draw` picks other parameters.
    pub fn highlight(&mut self, pattern: &str, items: usize, draw: u64) -> Result<Option<Highlight>, StudioError> {
        let model = self.document.model().clone();
        let (design, sample) = self.sample(items)?;
        Ok(highlight(&model, design, sample, pattern, draw))
    }

    /// What a proof on a live DynamoDB needs, copied out of the session.
    pub fn proof_inputs(&mut self, items: usize) -> Result<ProofInputs, StudioError> {
        let sample_options = self.sample_options(items);
        let model = self.document.model().clone();
        let (design, sample) = self.sample(items)?;
        Ok(ProofInputs { model, design: design.clone(), sample: sample.clone(), sample_options })
    }

    /// The Deploy dialog's starting point: the profiles, and where this model
    /// was deployed last.
    pub fn deploy_setup(&self) -> DeploySetup {
        let last = self.document.path().and_then(|p| self.deploy_targets.last(p));
        setup(self.document.model(), last)
    }

    /// Remembers where the model (once it has a file) is being deployed.
    pub fn remember_deploy(&mut self, request: &DeployRequest) {
        if let Some(path) = self.document.path().map(Path::to_path_buf) {
            if let Err(e) = self.deploy_targets.remember(&path, request) {
                self.notice = Some(format!("the deploy target could not be remembered: {e}"));
            }
        }
    }

    /// The model and design to deploy, with `seed_items` sample items per entity.
    pub fn deploy_inputs(&mut self, seed_items: Option<usize>) -> Result<DeployInputs, StudioError> {
        let model = self.document.model().clone();
        let design = self.analysed().design.clone().ok_or(StudioError::NoDesign)?;
        let sample = match seed_items {
            Some(items) => Some(self.sample(items)?.1.clone()),
            None => None,
        };
        Ok(DeployInputs { model, design, sample })
    }

    /// The analysis of the current revision, made when it changed.
    fn analysed(&mut self) -> &Analysis {
        if self.analysed_revision != self.document.revision() {
            self.analysis = analyse(self.document.model());
            self.analysed_revision = self.document.revision();
        }
        &self.analysis
    }

    /// The same seed and day for every sample of the session: what the aggregate
    /// view shows is what a proof loads.
    fn sample_options(&self, items: usize) -> SampleOptions {
        SampleOptions { items_per_entity: items, seed: SampleOptions::DEFAULT_SEED, as_of: self.as_of }
    }

    fn sample(&mut self, items: usize) -> Result<(&tablewright_engine::design::Design, &Sample), StudioError> {
        if !(1..=MAX_SAMPLE_ITEMS).contains(&items) {
            return Err(StudioError::SampleSize(items));
        }
        let options = self.sample_options(items);
        self.analysed();
        let design = self.analysis.design.as_ref().ok_or(StudioError::NoDesign)?;
        let revision = self.document.revision();
        let fresh = matches!(&self.sample, Some((r, n, _)) if *r == revision && *n == items);
        if !fresh {
            self.sample = Some((revision, items, generate(self.document.model(), design, &options)?));
        }
        let (_, _, sample) = self.sample.as_ref().expect("just made");
        Ok((design, sample))
    }

    fn may_replace(&self, discard: bool) -> Result<(), StudioError> {
        if self.document.is_dirty() && !discard {
            return Err(StudioError::Unsaved);
        }
        Ok(())
    }

    fn replace(&mut self, document: Document) {
        self.document = document;
        self.sample = None;
        self.analysed_revision = u64::MAX;
        self.changed();
    }

    /// The state after a save, confirming where the model went.
    fn saved_to(&mut self) -> Result<DocumentState, StudioError> {
        self.confirmation = self.document.path().map(|p| format!("Saved {}", p.display()));
        self.saved()
    }

    fn saved(&mut self) -> Result<DocumentState, StudioError> {
        self.changed();
        Ok(self.state())
    }

    /// Keeps the recovery copy in step with the document.
    fn changed(&mut self) {
        let kept = if self.document.is_dirty() {
            self.recovery.keep(self.document.model(), self.document.path())
        } else {
            self.recovery.clear().map_err(|source| SaveError { path: PathBuf::from("recovery copy"), source })
        };
        if let Err(e) = kept {
            self.notice = Some(format!("unsaved changes are not protected against a crash: {e}"));
        }
    }

    fn note(&mut self, result: Result<(), SaveError>) {
        if let Err(e) = result {
            self.notice = Some(format!("the recent-files list was not updated: {e}"));
        }
    }
}

/// The model as the UI gets it: an imported source's text (a Workbench file with
/// all its items) can be most of the model, and the UI never reads it.
fn without_source(model: &Model) -> Model {
    let mut model = model.clone();
    if let Some(imported) = model.imported.as_mut() {
        imported.source = SourceText::of(&serde_json::Value::Null);
    }
    model
}
