//! Where each model file was last deployed from this machine, kept in the app's
//! config folder and never in the model: a model is shared, a deploy target (an
//! AWS profile, a local endpoint) is one person's.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use tablewright_engine::{write_atomically, SaveError};

use crate::deployment::DeployRequest;

#[derive(Debug)]
pub struct DeployTargets {
    file: PathBuf,
}

impl DeployTargets {
    pub fn new(file: &Path) -> Self {
        DeployTargets { file: file.to_path_buf() }
    }

    /// The last request for `model`; none when never deployed or unreadable.
    pub fn last(&self, model: &Path) -> Option<DeployRequest> {
        self.all().remove(&model.to_string_lossy().into_owned())
    }

    pub fn remember(&self, model: &Path, request: &DeployRequest) -> Result<(), SaveError> {
        let mut all = self.all();
        all.insert(model.to_string_lossy().into_owned(), request.clone());
        if let Some(dir) = self.file.parent() {
            fs::create_dir_all(dir).map_err(|source| SaveError { path: dir.to_path_buf(), source })?;
        }
        let text = serde_json::to_string_pretty(&all).expect("requests serialize");
        write_atomically(&self.file, text.as_bytes())
    }

    fn all(&self) -> BTreeMap<String, DeployRequest> {
        fs::read_to_string(&self.file).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deployment::DeployTarget;

    #[test]
    fn the_last_target_of_each_model_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let targets = DeployTargets::new(&dir.path().join("config/deploy-targets.json"));
        let a = Path::new("/models/a.tablewright.json");
        assert_eq!(targets.last(a), None);
        let local = DeployRequest {
            target: DeployTarget::Local { endpoint: "http://127.0.0.1:8000".into() },
            table: "A".into(),
        };
        let aws = DeployRequest {
            target: DeployTarget::Aws { profile: Some("dev".into()), region: Some("eu-west-1".into()) },
            table: "A-dev".into(),
        };
        targets.remember(a, &local).unwrap();
        targets.remember(Path::new("/models/b.tablewright.json"), &local).unwrap();
        targets.remember(a, &aws).unwrap();
        assert_eq!(targets.last(a), Some(aws));
        assert_eq!(targets.last(Path::new("/models/b.tablewright.json")), Some(local));
    }
}
