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

fn case(name: &str) -> tablewright_engine::model::Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../corpus/{name}.tablewright.json"));
    load_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn index_of(design: &tablewright_engine::design::Design, pattern: &str) -> String {
    design.plans.iter().find(|p| p.pattern == pattern).map(|p| p.request.index.clone()).expect("a plan")
}

/// Index economy on reads an expert serves from one index: reads that partition by
/// the same attributes share one slot whose sort key leads with one read's
/// equalities (a user's subscriptions in a status; on a vehicle in a status), and
/// reads partitioned by nested attributes share one whose partition is the fewer
/// (a supervisor's escalated logs; in a state; in a state on a day).
#[test]
fn reads_that_partition_alike_share_one_index() {
    let vehicles = tablewright_engine::design::derive(&case("connected-vehicles"));
    assert_eq!(index_of(&vehicles, "AP17"), index_of(&vehicles, "AP19"));
    assert_eq!(vehicles.gsis.len(), 2, "the expert keeps no index; ours adds an inverted one and one by status");

    let logs = tablewright_engine::design::derive(&case("device-state-log"));
    let escalated: Vec<String> = ["AP03", "AP04", "AP05"].iter().map(|p| index_of(&logs, p)).collect();
    assert!(escalated.iter().all(|i| i == &escalated[0] && i != "table"), "{escalated:?}");
}
