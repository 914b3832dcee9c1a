//! The expert corpus (`corpus/`): models written from published problem statements,
//! each beside the expert's own design figures. `scripts/corpus.sh` compares the
//! derived designs with the experts' and proves them on DynamoDB Local; this test
//! keeps every case loadable and its expert figures complete.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tablewright_engine::load_file;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let mut models: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tablewright.json"))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no case in {}", dir.display());
    models
}

#[test]
fn every_case_loads_and_its_expert_figures_cover_every_pattern() {
    for path in corpus() {
        let model = load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expert_path = PathBuf::from(path.to_string_lossy().replace(".tablewright.json", ".expert.json"));
        let expert: Value = serde_json::from_str(&std::fs::read_to_string(&expert_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expert_path.display()));
        let case = path.file_name().unwrap().to_string_lossy().replace(".tablewright.json", "");
        assert_eq!(expert["case"], case.as_str(), "{}", expert_path.display());
        assert!(expert["sources"].as_array().is_some_and(|s| !s.is_empty()), "{case}: a source");
        assert!(model.entities.iter().all(|e| e.pinned_keys.is_empty()), "{case}: written from the problem, no pins");
        let figures = &expert["expert"];
        assert!(figures["gsis"].is_u64() && figures["lsis"].is_u64(), "{case}: index counts");
        for p in &model.access_patterns {
            assert!(figures["requests"][&p.id].is_u64(), "{case}: the expert's requests for {}", p.id);
        }
    }
}
