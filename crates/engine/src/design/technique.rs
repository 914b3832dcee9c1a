//! The techniques of single-table design a derivation decision uses, as values:
//! the design JSON lists them per entity, index and plan, so that tests, the UI
//! and reviews compare values rather than search the explanations' words.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, strum::VariantArray)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Technique {
    /// Related items share a partition, so one Query returns them together.
    ItemCollection,
    /// One item per many-to-many pair, in one end's partition.
    AdjacencyList,
    /// A GSI with the table's keys swapped: the relationship's other direction.
    InvertedIndex,
    /// Only the items that pass a test carry the index's keys.
    SparseIndex,
    /// Several item types share one index's generic key attributes.
    GsiOverloading,
    /// A sort key of several attributes: equality first, then the range.
    CompositeSortKey,
    /// A sort key that ends with a date or timestamp, so a partition reads in time order.
    TimeOrderedSortKey,
    /// An index on the table's partition with another sort key; read strongly
    /// consistently, created with the table.
    LocalSecondaryIndex,
    /// A hot partition key spread over N shards, read by fanning out.
    WriteSharding,
    /// Several writes, all or nothing, with conditions checked at write time.
    Transaction,
    /// Items deleted by DynamoDB's time to live.
    Ttl,
    /// Keys fixed by hand and kept as written.
    PinnedKey,
    /// An ancestor's identifier copied onto the items below it, so one request
    /// reaches them from it.
    Denormalization,
}

impl Technique {
    /// Every technique, in declaration order (the derive keeps it whole).
    pub const ALL: &'static [Technique] = <Technique as strum::VariantArray>::VARIANTS;

    /// The name an explanation gives it, at the start of a sentence.
    pub fn name(self) -> &'static str {
        match self {
            Technique::ItemCollection => "Item collection",
            Technique::AdjacencyList => "Adjacency list",
            Technique::InvertedIndex => "Inverted index",
            Technique::SparseIndex => "Sparse index",
            Technique::GsiOverloading => "GSI overloading",
            Technique::CompositeSortKey => "Composite sort key",
            Technique::TimeOrderedSortKey => "Time-ordered sort key",
            Technique::LocalSecondaryIndex => "Local secondary index",
            Technique::WriteSharding => "Write sharding",
            Technique::Transaction => "Transaction",
            Technique::Ttl => "TTL",
            Technique::PinnedKey => "Pinned",
            Technique::Denormalization => "Denormalization",
        }
    }
}

impl fmt::Display for Technique {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The techniques of several decisions, each once, in a stable order.
pub fn gathered(techniques: impl IntoIterator<Item = Technique>) -> Vec<Technique> {
    let mut out: Vec<Technique> = techniques.into_iter().collect();
    out.sort();
    out.dedup();
    out
}
