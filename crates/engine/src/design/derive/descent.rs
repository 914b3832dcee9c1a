//! Reads that start from an ancestor two or more levels above their target (the
//! items of a customer's orders). Two ways serve them: copy the ancestor's
//! identifier onto every target item, so that one Query finds them, or chain the
//! requests down the path, one Query per item of the level just above the target.
//! A copy costs an index write for every write of a target item; a chain costs a
//! request per parent item on every read and cannot order or limit across them.

use crate::design::capacity::{read_units, write_units};
use crate::design::Technique;
use crate::graph::{path_name, ErGraph};
use crate::model::{AccessPattern, Relationship};
use crate::words::with_article;

use super::items::Items;
use super::routes::Way;
use super::shard::writes_item;

/// Follow-up requests a chained read may make before a copy is preferred, however
/// much more the copy costs: past this many, the read is too slow to wait for.
/// (A chain is still taken beyond it where a copy would go stale or need a Scan.)
const MOST_FOLLOW_UPS: f64 = 10.0;

/// On-demand, a write request unit costs five read request units.
const WRITE_PRICE_IN_READS: f64 = 5.0;

pub struct Descent<'m> {
    /// From the ancestor down to the target.
    pub path: Vec<&'m Relationship>,
    /// The inputs that identify the ancestor.
    pub inputs: Vec<String>,
    /// Items of the level just above the target per ancestor: a chain's follow-ups.
    pub follow_ups: f64,
    /// Read units a second the follow-ups take at the pattern's peak.
    chain_reads: f64,
    /// Index writes a second a copy takes: one per write of a target item.
    copy_writes: f64,
    /// What a chain cannot give that the pattern asks for, or why it failed.
    pub unchainable: Option<String>,
    /// Why a copy failed (its index would need a Scan).
    uncopyable: Option<String>,
    /// A write that moves an item of the path to another parent (an account to
    /// another customer): the copies below it would go stale.
    moved_by: Option<String>,
}

impl<'m> Descent<'m> {
    pub fn weigh(graph: &ErGraph<'m>, items: &Items<'m>, p: &AccessPattern, path: Vec<&'m Relationship>) -> Self {
        let count = |name: &str| items.index_of(name).map_or(1000.0, |i| items[i].count);
        let (ancestor, parent) = (&path[0].from, &path[path.len() - 1].from);
        let follow_ups = (count(parent) / count(ancestor).max(1.0)).max(1.0);
        let size = items.index_of(&p.entity).map_or(1024, |i| items[i].size);
        let chain_reads = p.peak_rate * follow_ups * read_units(1.0, size, p.strongly_consistent);
        let copy_writes: f64 = graph
            .patterns_touching(&p.entity)
            .filter(|w| writes_item(w, &p.entity))
            .map(|w| w.peak_rate * w.typical_writes_of(&p.entity) * write_units(size))
            .sum();
        let unchainable = match (&p.order, p.limit) {
            (Some(order), _) => Some(format!(
                "give the items in {} order across every {parent}, which one Query per {parent} cannot",
                order.attribute
            )),
            (None, Some(limit)) => {
                Some(format!("stop at {limit} items across every {parent}, which one Query per {parent} cannot"))
            }
            (None, None) if !p.with.is_empty() => Some("fetch related items with them".to_string()),
            (None, None) => None,
        };
        let moved_by = graph
            .moving_write(&path)
            .map(|(w, r)| format!("{} moves {} to another {}", w.id, with_article(&r.to), r.from));
        let inputs = graph.foreign_inputs(p).into_iter().map(str::to_string).collect();
        Descent { path, inputs, follow_ups, chain_reads, copy_writes, unchainable, uncopyable: None, moved_by }
    }

    /// Whether to try the chain first: it can answer, and either a copy would go
    /// stale, or it waits on few follow-ups and its reads cost no more than the
    /// copy's index writes.
    pub fn chains(&self) -> bool {
        let cheaper = self.follow_ups <= MOST_FOLLOW_UPS && self.chain_reads <= self.copy_writes * WRITE_PRICE_IN_READS;
        self.unchainable.is_none() && (cheaper || self.moved_by.is_some())
    }

    /// Records why `way` failed, so that the other way's explanation says it.
    pub fn rule_out(&mut self, way: Way, reason: String) {
        match way {
            Way::Chain => self.unchainable = Some(reason),
            Way::Copy => self.uncopyable = Some(reason),
        }
    }

    fn start(&self, p: &AccessPattern) -> String {
        format!(
            "{} starts from {}'s {}, {} levels above {} ({})",
            p.id,
            with_article(&self.path[0].from),
            self.inputs.join(", "),
            self.path.len(),
            p.entity,
            path_name(&self.path)
        )
    }

    fn per_read(&self) -> String {
        let (ancestor, parent) = (&self.path[0].from, &self.path[self.path.len() - 1].from);
        format!("one Query per {parent} item, typically {:.1} under {}", self.follow_ups, with_article(ancestor))
    }

    fn costs(&self) -> String {
        format!(
            "the follow-ups take {:.1} read units a second at peak, a copy {:.1} index writes a second (a write unit costs five read units)",
            self.chain_reads, self.copy_writes
        )
    }

    fn stale(&self) -> Option<String> {
        self.moved_by.as_ref().map(|w| format!("{w}, which would leave the copies of the items below it stale"))
    }

    /// The way taken, in words, for the pattern's plan.
    pub fn why(&self, p: &AccessPattern, taken: Way) -> String {
        let (ancestor, parent, target) = (&self.path[0].from, &self.path[self.path.len() - 1].from, &p.entity);
        let (start, inputs) = (self.start(p), self.inputs.join(", "));
        if taken == Way::Chain {
            let because = match (&self.uncopyable, self.stale()) {
                (Some(reason), _) => format!("a copy cannot serve it: {reason}"),
                (None, Some(stale)) => format!("it cannot copy the identifier: {stale}"),
                (None, None) => self.costs(),
            };
            return format!(
                "Chained requests: {start}. It queries the {ancestor}'s {parent} items, then each {parent}'s {target} items: {}; {because}.",
                self.per_read()
            );
        }
        let instead = match &self.unchainable {
            Some(reason) => format!("chaining the requests would not {reason}"),
            None if self.follow_ups > MOST_FOLLOW_UPS => {
                format!(
                    "chaining the requests would take {}, more than {MOST_FOLLOW_UPS:.0} to wait for",
                    self.per_read()
                )
            }
            None => format!("chaining the requests would cost more: {}", self.costs()),
        };
        let kept = match self.stale() {
            Some(stale) => {
                format!(" Beware: {stale}; the model must not both move them and read across them this way.")
            }
            None => String::new(),
        };
        let lasting = match self.moved_by {
            Some(_) => "",
            None => " (no write of the model moves an item of the path to another parent, so it stays true)",
        };
        format!(
            "{}: {start}. Every {target} item holds a copy of its {ancestor}'s {inputs}, which its writer gives with it{lasting}, and one request finds them; {instead}.{kept}",
            Technique::Denormalization
        )
    }

    /// Why neither way serves the read: the Scan's reason.
    pub fn neither(&self, p: &AccessPattern) -> String {
        format!(
            "{}, and a copy of it would need a Scan ({}) while chaining the requests would not {}",
            self.start(p),
            self.uncopyable.as_deref().unwrap_or("its index cannot serve the read"),
            self.unchainable.as_deref().unwrap_or("find the items without a Scan")
        )
    }
}
