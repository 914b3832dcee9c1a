//! The example models, built into the app so that New from example works
//! wherever the app is installed.

use serde::Serialize;
use tablewright_engine::{load_str, Model};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Example {
    /// The file's stem: `acme-bank`.
    pub id: String,
    pub name: String,
    pub description: String,
}

const EXAMPLES: [(&str, &str); 4] = [
    ("acme-bank", include_str!("../../../models/acme-bank.tablewright.json")),
    ("ecommerce-orders", include_str!("../../../models/ecommerce-orders.tablewright.json")),
    ("game-social", include_str!("../../../models/game-social.tablewright.json")),
    ("hr-directory", include_str!("../../../models/hr-directory.tablewright.json")),
];

pub fn examples() -> Vec<Example> {
    EXAMPLES
        .iter()
        .map(|(id, _)| {
            let model = example(id).expect("every example is listed");
            Example { id: id.to_string(), name: model.name, description: model.description }
        })
        .collect()
}

/// The example model `id`, or `None` when there is no such example.
pub fn example(id: &str) -> Option<Model> {
    let (_, text) = EXAMPLES.iter().find(|(name, _)| *name == id)?;
    // The examples are checked by the engine's tests; one that fails is a build bug.
    Some(load_str(text).unwrap_or_else(|problems| panic!("example {id} does not load: {problems:?}")))
}
