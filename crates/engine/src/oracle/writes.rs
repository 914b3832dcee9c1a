//! Write scenarios: how a write pattern must behave, from the MODEL's conditions and
//! updates. One scenario where the conditions hold (the write succeeds and changes
//! exactly what the updates say), and for each test, one where turning that test
//! alone changes the outcome: in an AND, the test broken and the write rejected,
//! changing nothing (on ACME, a debit the balance cannot cover, a stale counter, a
//! transaction that already exists); in an OR, the other way to succeed too
//! ("create, or replace if unchanged": the item absent, or its version the one read).

use indexmap::IndexMap;
use thiserror::Error;

use crate::design::naming::{key_placeholder, was_attribute};
use crate::design::{Design, Plan};
use crate::graph::ErGraph;
use crate::model::{
    AccessPattern, AttrType, Attribute, Condition, ConditionOp, Format, Model, PatternKind, StepAction, Update,
    UpdateAction, WriteCondition,
};
use crate::sample::{
    fresh_item, relaid, sample_value, ItemKey, Rng, Sample, SampleError, SampleItem, SampleOptions, Value,
};

/// Why a write pattern's scenarios cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScenarioError {
    #[error("the pattern has {steps} steps but the plan {actions} actions")]
    StepsMismatch { steps: usize, actions: usize },
    #[error("the conditions on {entity} can never hold together")]
    NeverHold { entity: String },
    #[error(
        "no {entity} item in the sample fits the write (its conditions, and the other items it writes with it): prove with more items (--items) or another --seed"
    )]
    NoItem { entity: String },
    #[error("the {entity} item has no {attribute}, which a condition compares")]
    NoAttribute { entity: String, attribute: String },
    #[error("nothing gives a value for :{0}")]
    NoValue(String),
    #[error(transparent)]
    Sample(#[from] SampleError),
}

use super::relate::same;

#[derive(Debug, Clone, PartialEq)]
pub struct WriteScenario {
    pub pattern: String,
    pub name: String,
    /// Whether the write must succeed; otherwise it must be rejected and change nothing.
    pub succeeds: bool,
    /// One per action of the plan, in order.
    pub actions: Vec<ActionCase>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionCase {
    /// The plan's action this is (its index): a repeated action has a case per element.
    pub step: usize,
    /// Which element of a repeated action's list this is; `None` for an action sent once.
    pub element: Option<usize>,
    /// Put, Update, Delete or ConditionCheck.
    pub action: String,
    pub entity: String,
    /// The attributes the action's key template is rendered from.
    pub key_values: IndexMap<String, Value>,
    /// For a Put: the item written.
    pub item: Option<IndexMap<String, Value>>,
    /// The values of the `:placeholders` in the action's condition and update.
    pub inputs: IndexMap<String, Value>,
    /// Where the item lives by the design's keys for its entity.
    pub key: ItemKey,
    /// The item before the write; `None` when absent.
    pub before: Option<IndexMap<String, Value>>,
    /// The item after a successful write; `None` when absent.
    pub after: Option<IndexMap<String, Value>>,
}

struct Step<'m> {
    action: &'static str,
    entity: &'m str,
    conditions: &'m [WriteCondition],
    updates: &'m [Update],
    /// The plan's action it is sent as.
    index: usize,
    /// Which element of a repeated step's list it stands for.
    element: Option<usize>,
}

/// How many elements of a repeated step's list a scenario sends: two, where the
/// list may hold two, so that the proof sees the step repeated and not only sent.
const ELEMENTS: u32 = 2;

/// How many sample values an update draws to find one other than the current:
/// an attribute with one possible value keeps it.
const MAX_DRAWS: usize = 20;

/// What a step meets: whether its item is stored, and, where the stored item can
/// make a test of an attribute hold or fail, which way it goes (one per test, in
/// the order of `Step::tests`).
#[derive(Debug, Clone, PartialEq)]
struct World {
    present: bool,
    chosen: Vec<bool>,
}

impl World {
    /// Without the item nothing is chosen: every absent world is the same one.
    fn new(present: bool, chosen: Vec<bool>) -> World {
        let chosen = if present { chosen } else { vec![true; chosen.len()] };
        World { present, chosen }
    }
}

/// Beyond this many tests in one step, only the world where every test holds is
/// searched for (2^n worlds otherwise).
const SEARCHED_TESTS: usize = 10;

/// The most stored items tried when looking for a scenario's items that agree.
const SEARCHED_ITEMS: usize = 400;

/// How many times a scenario's items are chosen before giving up.
const CHOICES: usize = 5;

/// The items a scenario's steps act on, each step's item or none (a list's
/// later element the sample has no item for, which is not sent), and the
/// values that say which items they are.
struct Choice {
    items: Vec<Option<SampleItem>>,
    sent: Vec<bool>,
    context: IndexMap<String, Value>,
}

impl<'m> Step<'m> {
    fn tests(&self) -> Vec<&'m Condition> {
        self.conditions.iter().flat_map(|c| c.tests()).collect()
    }

    /// Whether the test holds: on an absent item as DynamoDB evaluates it there,
    /// otherwise as the world chose (a stored item carries, or lacks, what an
    /// attribute test asks).
    fn truth(c: &Condition, chosen: bool, present: bool) -> bool {
        match (present, &c.attribute, c.op) {
            (false, _, _) => !c.requires_item(),
            (true, None, ConditionOp::NotExists) => false,
            (true, None, _) => true,
            (true, Some(_), _) => chosen,
        }
    }

    /// Whether the step's conditions hold in `world`.
    fn holds(&self, world: &World) -> bool {
        let tests = self.tests();
        let mut truth = |t: &Condition| {
            let i = tests.iter().position(|u| std::ptr::eq(*u, t)).unwrap_or_default();
            Self::truth(t, world.chosen[i], world.present)
        };
        self.conditions.iter().all(|c| c.holds(&mut truth))
    }

    /// Whether a scenario may put the step in `world`: an update that succeeds on
    /// an absent item would create it from its updates alone, which no model
    /// pattern means, so that world is left out.
    fn allowed(&self, world: &World) -> bool {
        world.present || self.action != "Update" || !self.holds(world)
    }

    /// Every world, the item in its usual state (absent for a put) first, and in
    /// each the choices with the most tests holding first.
    fn worlds(&self) -> Vec<World> {
        let n = self.tests().len();
        let mut choices: Vec<Vec<bool>> = if n > SEARCHED_TESTS {
            vec![vec![true; n]]
        } else {
            (0..1u32 << n).map(|bits| (0..n).map(|i| bits & (1 << i) == 0).collect()).collect()
        };
        choices.sort_by_key(|c| c.iter().filter(|held| !**held).count());
        let usual = self.action != "Put";
        let mut out: Vec<World> = Vec::new();
        for present in [usual, !usual] {
            for chosen in &choices {
                let w = World::new(present, chosen.clone());
                if self.allowed(&w) && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }

    /// `world` with test `i` turned the other way: by the item's presence for a
    /// test of the item itself, by the stored item otherwise.
    fn toggled(&self, world: &World, i: usize) -> World {
        let mut chosen = world.chosen.clone();
        match self.tests()[i].attribute {
            None => World::new(!world.present, chosen),
            Some(_) => {
                chosen[i] = !chosen[i];
                World::new(world.present, chosen)
            }
        }
    }

    /// Worlds that show each test deciding the outcome: for test `i`, two worlds
    /// that differ in it alone and not in their outcome, the base one among them
    /// where it can be (a broken condition of an AND: the write is rejected).
    fn variations(&self, base: &World) -> Vec<World> {
        let mut out: Vec<World> = Vec::new();
        let candidates: Vec<World> = std::iter::once(base.clone()).chain(self.worlds()).collect();
        for i in 0..self.tests().len() {
            let decisive = candidates.iter().find_map(|w| {
                let other = self.toggled(w, i);
                (self.allowed(&other) && self.holds(w) != self.holds(&other)).then(|| [w.clone(), other])
            });
            for w in decisive.into_iter().flatten() {
                if w != *base && !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }
}

/// A write pattern's scenarios, and the ways its conditions can fail that no
/// scenario stands in for, each named as its scenario would be ("Issue: the item
/// does not exist"): the proof says what it did not try.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenarios {
    pub cases: Vec<WriteScenario>,
    pub untried: Vec<String>,
}

/// The scenarios of a write pattern; an error says why none can be made.
pub fn scenarios(
    model: &Model,
    design: &Design,
    sample: &Sample,
    options: &SampleOptions,
    pattern: &AccessPattern,
    plan: &Plan,
) -> Result<Scenarios, ScenarioError> {
    let steps: Vec<Step<'_>> = match pattern.kind {
        PatternKind::Transaction => {
            if plan.actions.len() != pattern.steps.len() {
                return Err(ScenarioError::StepsMismatch { steps: pattern.steps.len(), actions: plan.actions.len() });
            }
            pattern
                .steps
                .iter()
                .enumerate()
                .flat_map(|(index, s)| {
                    let elements = match &s.for_each {
                        Some(each) => (0..each.at_most.min(ELEMENTS)).map(|e| Some(e as usize)).collect(),
                        None => vec![None],
                    };
                    elements.into_iter().map(move |element| Step {
                        action: match s.action {
                            StepAction::Put => "Put",
                            StepAction::Update => "Update",
                            StepAction::Delete => "Delete",
                            StepAction::ConditionCheck => "ConditionCheck",
                        },
                        entity: &s.entity,
                        conditions: &s.conditions,
                        updates: &s.updates,
                        index,
                        element,
                    })
                })
                .collect()
        }
        PatternKind::Put | PatternKind::Update | PatternKind::Delete => {
            if plan.actions.len() != 1 {
                return Err(ScenarioError::StepsMismatch { steps: 1, actions: plan.actions.len() });
            }
            vec![Step {
                action: match pattern.kind {
                    PatternKind::Put => "Put",
                    PatternKind::Update => "Update",
                    _ => "Delete",
                },
                entity: &pattern.entity,
                conditions: &pattern.conditions,
                updates: &pattern.updates,
                index: 0,
                element: None,
            }]
        }
        _ => return Ok(Scenarios { cases: Vec::new(), untried: Vec::new() }),
    };
    let graph = ErGraph::new(model);
    let builder = Builder { model, graph: &graph, design, sample, options, steps: &steps, plan };
    // Where a sample item can stand in: tests of one attribute against values
    // fixed in the model (`status = assigned` or `status = waiting`) hold
    // together on no item.
    let base: Vec<World> = steps
        .iter()
        .map(|s| {
            let holding: Vec<World> = s.worlds().into_iter().filter(|w| s.holds(w)).collect();
            let first = holding.first().cloned();
            holding.into_iter().find(|w| builder.feasible(s, w)).or(first)
        })
        .zip(&steps)
        .map(|(w, s)| w.ok_or_else(|| ScenarioError::NeverHold { entity: s.entity.to_string() }))
        .collect::<Result<_, _>>()?;
    let first = builder.build(&pattern.id, &base, None)?;
    let mut out = Scenarios {
        cases: vec![first.ok_or_else(|| ScenarioError::NoItem { entity: pattern.entity.clone() })?],
        untried: Vec::new(),
    };
    for (s, step) in steps.iter().enumerate() {
        for world in step.variations(&base[s]) {
            let mut worlds = base.clone();
            worlds[s] = world;
            // A variation no sample item can stand in (a test of a required
            // attribute's absence; an item absent whose key another step's
            // existing item shares) is left out, and said; the others still decide.
            match builder.build(&pattern.id, &worlds, Some(s))? {
                Some(case) => out.cases.push(case),
                None => out.untried.push(format!(
                    "{}: {}, which no sample item could stand in for beside the write's other items",
                    step.entity,
                    failing(step, &worlds[s]).join(", ")
                )),
            }
        }
    }
    Ok(out)
}

struct Builder<'a, 'm> {
    model: &'m Model,
    graph: &'a ErGraph<'m>,
    design: &'a Design,
    sample: &'a Sample,
    options: &'a SampleOptions,
    steps: &'a [Step<'m>],
    plan: &'a Plan,
}

impl Builder<'_, '_> {
    /// The scenario of the steps in `worlds` (step `varied` out of its base one);
    /// none when no sample item meets them.
    fn build(
        &self,
        pattern: &str,
        worlds: &[World],
        varied: Option<usize>,
    ) -> Result<Option<WriteScenario>, ScenarioError> {
        let mut rng = Rng::derive(self.options.seed, &format!("{pattern} {varied:?} {worlds:?}"));
        // A new item's key may be one the sample already holds beside the stored
        // items chosen (an employee already on the project): other items then.
        let mut attempt = 0;
        let Choice { items, sent, context } = loop {
            attempt += 1;
            match self.choose(worlds, varied, &mut rng) {
                // A new pair whose key the sample holds fails in the sample's writer.
                Err(ScenarioError::NoItem { .. } | ScenarioError::Sample(_)) if attempt < CHOICES => continue,
                Ok(Some(choice)) => break choice,
                Ok(None) => return Ok(None),
                Err(e) => return Err(e),
            }
        };
        // Then each action in the plan's order, its inputs drawn once every item is known.
        let mut actions: Vec<ActionCase> = Vec::new();
        for (i, (step, world)) in self.steps.iter().zip(worlds).enumerate() {
            let Some(item) = &items[i] else { continue };
            let action = &self.plan.actions[step.index];
            let key = self.sample.key(item);
            let before = self.sample.by_key_one(&key).map(|i| i.attributes.clone());
            let mut inputs = IndexMap::new();
            let texts = [action.condition.as_deref(), action.update.as_deref()];
            // The keys and the TTL an update rebuilds are computed from its other
            // inputs, and what it reads first comes from the stored item, not the caller.
            let read_first = |n: &str| was_attribute(n).is_some_and(|a| action.reads.iter().any(|r| r == a));
            let expiry = |n: &str| action.expires.as_ref().is_some_and(|t| key_placeholder(&t.attribute) == n);
            // A value fixed in the model is written in the text, bound to its placeholder.
            let fixed: Vec<String> = texts
                .iter()
                .flatten()
                .flat_map(|t| crate::expression::bind_literals(t).values)
                .map(|(placeholder, _)| placeholder[1..].to_string())
                .collect();
            let given = texts
                .iter()
                .flatten()
                .flat_map(|t| crate::expression::tokens(t, ':'))
                .filter(|n| !action.built.contains_key(n) && !read_first(n) && !expiry(n) && !fixed.contains(n));
            for name in given {
                let value = self.input(step, world, &name, item, &context, &mut rng)?;
                inputs.insert(name, value);
            }
            let succeeds = step.holds(world);
            let after = match (step.action, succeeds) {
                (_, false) => before.clone(),
                ("Put", true) => Some(item.attributes.clone()),
                ("Delete", true) => None,
                ("Update", true) => before.as_ref().map(|b| self.updated(step, b, &inputs)).transpose()?,
                _ => before.clone(),
            };
            actions.push(ActionCase {
                step: step.index,
                element: step.element,
                action: action.action.clone(),
                entity: step.entity.to_string(),
                key_values: item.attributes.clone(),
                item: (step.action == "Put").then(|| item.attributes.clone()),
                inputs,
                key,
                before,
                after,
            });
        }
        let succeeds = self.steps.iter().zip(worlds).zip(&sent).all(|((step, w), sent)| !sent || step.holds(w));
        let described: Vec<usize> = match varied {
            Some(s) => vec![s],
            None => (0..self.steps.len()).filter(|s| sent[*s]).collect(),
        };
        let failing: Vec<String> = described
            .into_iter()
            .map(|s| (&self.steps[s], failing(&self.steps[s], &worlds[s])))
            .filter(|(_, tests)| !tests.is_empty())
            .map(|(step, tests)| match step.element {
                Some(e) => format!("{} (element {} of the list): {}", step.entity, e + 1, tests.join(", ")),
                None => format!("{}: {}", step.entity, tests.join(", ")),
            })
            .collect();
        let name = match (failing.is_empty(), succeeds) {
            (true, true) => "every condition holds: the write succeeds".to_string(),
            (false, true) => format!("{} but the conditions hold → the write succeeds", failing.join("; ")),
            (_, false) => format!("{} → rejected, nothing changes", failing.join("; ")),
        };
        // Said where it happens: the proof then shows no element after the first.
        let short: Vec<&str> =
            self.steps.iter().zip(&sent).filter(|(_, sent)| !**sent).map(|(s, _)| s.entity).collect();
        let name = match short.as_slice() {
            [] => name,
            entities => {
                format!("{name} (one {} element only: the sample has no other item for it)", entities.join(", "))
            }
        };
        Ok(Some(WriteScenario { pattern: pattern.to_string(), name, succeeds, actions }))
    }

    /// The items of the steps in `worlds`: the stored ones first, then the new
    /// ones; none when no sample item meets a variation.
    fn choose(&self, worlds: &[World], varied: Option<usize>, rng: &mut Rng) -> Result<Option<Choice>, ScenarioError> {
        let mut context: IndexMap<String, Value> = IndexMap::new();
        // Whether each step is sent: a list's later element is left out when the
        // sample has no item of its own for it (the list is then shorter).
        let mut sent = vec![true; self.steps.len()];
        let mut items: Vec<Option<SampleItem>> = vec![None; self.steps.len()];
        // The stored items first, then the new ones: a new item takes its parents
        // from the items the other steps act on (a comment is put on the ticket
        // the transaction updates), where a stored item could not follow a new one.
        let present: Vec<usize> = (0..self.steps.len()).filter(|&i| worlds[i].present).collect();
        let mut agreeing = self.agreeing(&present, worlds, rng).map(Vec::into_iter);
        // A variation whose stored items cannot agree would ask for a request
        // the code refuses (a seat in one course for an enrollment in another).
        if agreeing.is_none() && present.len() > 1 && varied.is_some() {
            return Ok(None);
        }
        let absent: Vec<usize> = (0..self.steps.len()).filter(|&i| !worlds[i].present).collect();
        let new_kinds: Vec<&str> = absent.iter().map(|&i| self.steps[i].entity).collect();
        let order = present.iter().copied().chain(self.parents_first(&absent));
        for i in order {
            let (step, world) = (&self.steps[i], &worlds[i]);
            // The elements of a repeated step are items of their own: one action
            // each, as DynamoDB allows a transaction one action per item.
            let keys: Vec<ItemKey> = items.iter().flatten().map(|item| self.sample.key(item)).collect();
            let taken: Vec<&ItemKey> = keys.iter().collect();
            let later_element = step.element.is_some_and(|e| e > 0);
            let found = if world.present {
                // Items that agree on what they share where the sample has them;
                // else each the closest it has.
                let agreed = match agreeing.as_mut().map(Iterator::next) {
                    Some(Some(item)) => item,
                    None => self.existing(step, world, &context, &taken, rng).cloned(),
                    Some(None) => None,
                };
                agreed.ok_or_else(|| ScenarioError::NoItem { entity: step.entity.to_string() })
            } else {
                let mut fixed: IndexMap<String, Value> = context
                    .iter()
                    .filter(|(k, _)| self.identity(step.entity).contains(k))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                fixed.extend(self.put_values(step));
                self.fresh(step, &fixed, i as u64, &taken)
            };
            let item = match found.and_then(|item| self.with_put_values(step, item)) {
                Ok(item) => item,
                Err(_) if varied == Some(i) => return Ok(None),
                Err(_) if later_element => {
                    sent[i] = false;
                    continue;
                }
                Err(_) if varied.is_some() && world.present => return Ok(None),
                Err(e) => return Err(e),
            };
            // A stored item's parent is a stored one: a new item of the parent's
            // kind is another (a delivery already there is not the new order's).
            let unlinked: &[&str] = if world.present { &new_kinds } else { &[] };
            self.remember(step, &item, unlinked, &mut context);
            items[i] = Some(item);
        }
        Ok(Some(Choice { items, sent, context }))
    }

    /// The attributes that say which item of `kind` is meant: its identifiers and
    /// its parents' (for pairs, both ends').
    fn identity(&self, kind: &str) -> Vec<String> {
        let own = self.model.entity(kind).map(|e| e.identifier()).unwrap_or_default();
        let mut names: Vec<String> = own.iter().map(|a| a.name.clone()).collect();
        let pair = self.model.entity(kind).is_none();
        let parents = self.model.carried_parents(kind).into_iter().filter(|c| pair || !c.of_itself);
        names.extend(parents.map(|c| c.carried_as));
        // An ancestor's identifier copied onto the item is the ancestor's, too.
        let copies = self.design.entities.iter().filter(|e| e.name == kind).flat_map(|e| &e.copies);
        names.extend(copies.map(|c| c.attribute.clone()));
        names
    }

    /// The values of `item` (of `step`) that say which item the steps after it
    /// mean, added to `context` where it has none yet, except the identifiers
    /// it carries of its parents of the `unlinked` kinds. What identifies an
    /// element is its own, not a value the steps after it share.
    fn remember(&self, step: &Step<'_>, item: &SampleItem, unlinked: &[&str], context: &mut IndexMap<String, Value>) {
        if step.element.is_some() {
            return;
        }
        let carried = self.model.carried_parents(step.entity);
        let unlinked_names: Vec<&str> = carried
            .iter()
            .filter(|c| !c.of_itself && unlinked.contains(&c.parent.as_str()))
            .map(|c| c.carried_as.as_str())
            .collect();
        for name in self.identity(step.entity).into_iter().filter(|n| !unlinked_names.contains(&n.as_str())) {
            if let Some(v) = item.get(&name) {
                context.entry(name).or_insert_with(|| v.clone());
            }
        }
    }

    /// The steps `absent` (new items), each after the steps whose entity is
    /// its parent: an order line takes the order's id, whatever the plan's order.
    fn parents_first(&self, absent: &[usize]) -> Vec<usize> {
        let parent_of = |p: usize, c: usize| {
            let parent = self.steps[p].entity;
            self.model.carried_parents(self.steps[c].entity).iter().any(|cp| cp.parent == parent && !cp.of_itself)
        };
        let mut rest = absent.to_vec();
        let mut out = Vec::with_capacity(rest.len());
        while !rest.is_empty() {
            // A step none of the others is a parent of; the first, in a cycle.
            let at =
                (0..rest.len()).find(|&k| !rest.iter().any(|&p| p != rest[k] && parent_of(p, rest[k]))).unwrap_or(0);
            out.push(rest.remove(at));
        }
        out
    }

    /// Whether two stored items agree where one is the other's parent: the
    /// enrollment's courseCode and term are the course's own. Children of one
    /// parent need not share it (an employee assigned to another department's
    /// project).
    fn agree(&self, a: (&str, &SampleItem), b: (&str, &SampleItem)) -> bool {
        let child_of = |child: (&str, &SampleItem), parent: (&str, &SampleItem)| {
            let carried = self.model.carried_parents(child.0);
            let links = carried.iter().filter(|c| c.parent == parent.0 && !c.of_itself);
            links.into_iter().all(|c| match (child.1.get(&c.carried_as), parent.1.get(&c.identifier)) {
                (Some(x), Some(y)) => same(x, y),
                _ => true,
            })
        };
        child_of(a, b) && child_of(b, a)
    }

    /// Stored items for the steps `present` (in order), each fitting its step's
    /// world, that agree (`agree`) with each other: the course whose seat is
    /// taken is the one the dropped enrollment is for. A list's later element
    /// may have none (the list is then shorter). Searched depth first, each
    /// step's candidates in a random order, at most `SEARCHED_ITEMS` tried;
    /// `None` when no such items are found.
    fn agreeing(&self, present: &[usize], worlds: &[World], rng: &mut Rng) -> Option<Vec<Option<SampleItem>>> {
        let mut budget = SEARCHED_ITEMS;
        let mut chosen = Vec::new();
        self.search(present, worlds, &mut chosen, rng, &mut budget).then_some(chosen)
    }

    /// Chooses the item of step `present[chosen.len()]` and the steps after it.
    fn search(
        &self,
        present: &[usize],
        worlds: &[World],
        chosen: &mut Vec<Option<SampleItem>>,
        rng: &mut Rng,
        budget: &mut usize,
    ) -> bool {
        let Some(&i) = present.get(chosen.len()) else { return true };
        let step = &self.steps[i];
        let chosen_steps = present.iter().zip(chosen.iter());
        let taken: Vec<ItemKey> =
            chosen_steps.clone().filter_map(|(_, item)| item.as_ref()).map(|c| self.sample.key(c)).collect();
        // An element is an item of its own: it binds none of the steps after it.
        let before: Vec<(&str, &SampleItem)> = chosen_steps
            .filter(|(&s, _)| self.steps[s].element.is_none())
            .filter_map(|(&s, item)| item.as_ref().map(|item| (self.steps[s].entity, item)))
            .collect();
        let mut pool: Vec<SampleItem> = self
            .sample
            .of(step.entity)
            .filter(|item| self.fits(step, &worlds[i], item) && !taken.contains(&self.sample.key(item)))
            .filter(|item| before.iter().all(|other| self.agree((step.entity, item), *other)))
            .cloned()
            .collect();
        if pool.is_empty() && step.element.is_some_and(|e| e > 0) {
            chosen.push(None);
            if self.search(present, worlds, chosen, rng, budget) {
                return true;
            }
            chosen.pop();
            return false;
        }
        while !pool.is_empty() && *budget > 0 {
            *budget -= 1;
            let item = pool.swap_remove(rng.below(pool.len() as u64) as usize);
            chosen.push(Some(item));
            if self.search(present, worlds, chosen, rng, budget) {
                return true;
            }
            chosen.pop();
        }
        false
    }

    /// A sample item of the step's entity that agrees with the items chosen so far
    /// and carries, or lacks, what the world says of the attributes its conditions
    /// test (a comparison needs the attribute to compare).
    fn existing<'s>(
        &'s self,
        step: &Step<'s>,
        world: &World,
        context: &IndexMap<String, Value>,
        taken: &[&ItemKey],
        rng: &mut Rng,
    ) -> Option<&'s SampleItem> {
        let fits = |i: &SampleItem| self.fits(step, world, i);
        let free = |i: &SampleItem| !taken.contains(&&self.sample.key(i));
        let usable: Vec<&SampleItem> = self.sample.of(step.entity).filter(|i| fits(i) && free(i)).collect();
        let agreeing: Vec<&SampleItem> = usable
            .iter()
            .copied()
            .filter(|i| context.iter().all(|(k, v)| i.get(k).is_none_or(|w| same(v, w))))
            .collect();
        let pool = if agreeing.is_empty() { usable } else { agreeing };
        (!pool.is_empty()).then(|| pool[rng.below(pool.len() as u64) as usize])
    }

    /// Whether a stored item carries, or lacks, what `world` says of the
    /// attributes the step's conditions test (a comparison needs the attribute
    /// to compare; a value fixed in the model is met or not by the item's own).
    fn fits(&self, step: &Step<'_>, world: &World, item: &SampleItem) -> bool {
        step.tests().iter().zip(&world.chosen).all(|(t, chosen)| match (&t.attribute, t.op, &t.value) {
            (None, _, _) => true,
            (Some(a), ConditionOp::Exists, _) => item.get(a).is_some() == *chosen,
            (Some(a), ConditionOp::NotExists, _) => item.get(a).is_none() == *chosen,
            (Some(a), op, Some(value)) => {
                let fixed = self.definition(step.entity, a).map(|d| Value::of_text(d.attr_type, value));
                fixed.is_some_and(|f| compares(op, item.get(a), &f) == *chosen)
            }
            // Another attribute of the item: what both hold decides, as no input can.
            (Some(a), op, None) => match &t.other_attribute {
                Some(other) => item.get(other).is_some_and(|o| compares(op, item.get(a), o) == *chosen),
                None => item.get(a).is_some(),
            },
        })
    }

    /// Whether some sample item can stand in for the step's stored item in
    /// `world` (an absent one always can).
    fn feasible(&self, step: &Step<'_>, world: &World) -> bool {
        !world.present || self.sample.of(step.entity).any(|i| self.fits(step, world, i))
    }

    /// A new item of the step's entity, with the `fixed` values, at a key no
    /// earlier action of the scenario writes.
    fn fresh(
        &self,
        step: &Step<'_>,
        fixed: &IndexMap<String, Value>,
        salt: u64,
        taken: &[&ItemKey],
    ) -> Result<SampleItem, ScenarioError> {
        const TRIES: u64 = 20;
        let mut last = None;
        for attempt in 0..TRIES {
            let item = fresh_item(
                self.model,
                self.design,
                self.options,
                self.sample,
                step.entity,
                fixed,
                salt + attempt * 1000,
            )?;
            if !taken.contains(&&self.sample.key(&item)) {
                return Ok(item);
            }
            last = Some(item);
        }
        Err(ScenarioError::NoItem {
            entity: format!(
                "{} beside the other elements{}",
                step.entity,
                last.map(|i| format!(" (every new one is at {})", self.sample.key(&i))).unwrap_or_default()
            ),
        })
    }

    fn input(
        &self,
        step: &Step<'_>,
        world: &World,
        name: &str,
        item: &SampleItem,
        context: &IndexMap<String, Value>,
        rng: &mut Rng,
    ) -> Result<Value, ScenarioError> {
        if let Some((i, c)) = step.tests().into_iter().enumerate().find(|(_, c)| c.input.as_deref() == Some(name)) {
            let attr = c.attribute.as_deref().unwrap_or_default();
            let current = item.get(attr).ok_or_else(|| ScenarioError::NoAttribute {
                entity: step.entity.to_string(),
                attribute: attr.to_string(),
            })?;
            return Ok(condition_input(c.op, current, self.definition(step.entity, attr), world.chosen[i]));
        }
        if let Some(v) = context
            .get(name)
            .or_else(|| item.get(name).filter(|_| step.updates.iter().all(|u| u.input.as_deref() != Some(name))))
        {
            return Ok(v.clone());
        }
        if let Some(u) = step.updates.iter().find(|u| u.input.as_deref() == Some(name)) {
            let def = self.definition(step.entity, &u.attribute);
            return Ok(match u.action {
                UpdateAction::Add => match def.and_then(|d| d.format.as_ref()) {
                    Some(Format::Money) => Value::N(format!("{}.{:02}", rng.range(1, 99), rng.range(0, 99))),
                    _ => Value::int(rng.range(1, 9)),
                },
                _ => match def {
                    Some(d) => self.new_value(step.entity, d, item.get(&u.attribute), rng),
                    None => Value::S(format!("{name}-{}", rng.range(1, 999))),
                },
            });
        }
        Err(ScenarioError::NoValue(name.to_string()))
    }

    /// The value an update sets: one that moves the item in or out of a sparse
    /// index gated on the attribute (the write an index most easily misses), else
    /// one other than the current value, so that the write changes the item.
    fn new_value(&self, kind: &str, def: &Attribute, current: Option<&Value>, rng: &mut Rng) -> Value {
        let gate = self
            .design
            .entities
            .iter()
            .find(|e| e.name == kind)
            .and_then(|e| e.sparse.values().find(|c| c.attribute == def.name && c.op == "equals"));
        let entering = gate.filter(|g| !g.holds_for(current)).and_then(|g| g.value.as_deref());
        if let Some(value) = entering {
            return Value::of_text(def.attr_type, value);
        }
        let mut value = sample_value(def, self.options, rng);
        for _ in 0..MAX_DRAWS {
            if current != Some(&value) {
                break;
            }
            value = sample_value(def, self.options, rng);
        }
        value
    }

    /// The attribute as the step's items hold it: their own, a parent's
    /// identifier they carry, a pair's end's, as the derivation resolves it.
    fn definition(&self, kind: &str, attr: &str) -> Option<&Attribute> {
        self.graph.resolve_attribute(kind, attr)
    }

    /// The values a put fixes in the model on the item it writes (a new loan is
    /// ACTIVE), typed as the attributes hold them.
    fn put_values(&self, step: &Step<'_>) -> Vec<(String, Value)> {
        let fixed = if step.action == "Put" { step.updates } else { &[] };
        fixed
            .iter()
            .filter_map(|u| Some((u.attribute.clone(), self.fixed_value(step, &u.attribute, u.value.as_deref()?))))
            .collect()
    }

    /// The item a put sends: `item` holding the values the put fixes, its keys
    /// laid out again from them (a stored item put again at its own key holds
    /// them too, as the generated code sets them on whatever item it is given).
    fn with_put_values(&self, step: &Step<'_>, item: SampleItem) -> Result<SampleItem, ScenarioError> {
        let values = self.put_values(step);
        if values.iter().all(|(a, v)| item.get(a) == Some(v)) {
            return Ok(item);
        }
        let mut attributes = item.attributes.clone();
        attributes.extend(values);
        let put = SampleItem { attributes: relaid(self.design, step.entity, &attributes)?, ..item.clone() };
        // A table key built from a fixed value puts the item elsewhere: the
        // stored one is then not the one the put meets.
        if self.sample.key(&put) != self.sample.key(&item) {
            return Err(ScenarioError::NoItem { entity: format!("{} at the key its fixed values make", step.entity) });
        }
        Ok(put)
    }

    fn fixed_value(&self, step: &Step<'_>, attribute: &str, text: &str) -> Value {
        let kind = self.definition(step.entity, attribute).map_or(AttrType::String, |d| d.attr_type);
        Value::of_text(kind, text)
    }

    /// The item after the step's updates, its keys laid out again from its new
    /// attributes: an index key built from what changed changes with it.
    fn updated(
        &self,
        step: &Step<'_>,
        before: &IndexMap<String, Value>,
        inputs: &IndexMap<String, Value>,
    ) -> Result<IndexMap<String, Value>, ScenarioError> {
        let mut after = before.clone();
        for u in step.updates {
            let fixed = u.value.as_deref().map(|v| self.fixed_value(step, &u.attribute, v));
            let input = u.input.as_deref().and_then(|i| inputs.get(i)).or(fixed.as_ref());
            match (u.action, input) {
                (UpdateAction::Remove, _) => {
                    after.shift_remove(&u.attribute);
                }
                (UpdateAction::Set, Some(v)) => {
                    after.insert(u.attribute.clone(), v.clone());
                }
                (UpdateAction::Add, Some(v)) => {
                    let sum =
                        after.get(&u.attribute).and_then(Value::as_f64).unwrap_or(0.0) + v.as_f64().unwrap_or(0.0);
                    after.insert(u.attribute.clone(), Value::N(number_text(sum)));
                }
                _ => {}
            }
        }
        Ok(relaid(self.design, step.entity, &after)?)
    }
}

/// The sample as a successful `scenario` leaves it: each item it writes as the
/// oracle says it must be after the write, gone where it deletes.
pub fn after_write(sample: &Sample, scenario: &WriteScenario) -> Sample {
    let mut out = sample.clone();
    for case in &scenario.actions {
        out.items.retain(|i| sample.key(i) != case.key);
        if let Some(after) = &case.after {
            out.items.push(SampleItem { entity: case.entity.clone(), attributes: after.clone() });
        }
    }
    out
}

/// The value of a condition's input that makes it hold (or, with `holds` false, fail)
/// against the item's current value.
fn condition_input(op: ConditionOp, current: &Value, def: Option<&Attribute>, holds: bool) -> Value {
    use ConditionOp::*;
    let other = || match (current, def.and_then(|d| d.format.as_ref())) {
        (Value::S(s), Some(Format::Enum(values))) => {
            Value::S(values.iter().find(|v| *v != s).cloned().unwrap_or_else(|| format!("{s}~other")))
        }
        (Value::S(s), _) => Value::S(format!("{s}~other")),
        (Value::N(_), _) => shift(current, 1.0),
        (v, _) => v.clone(),
    };
    let above = || match current {
        Value::S(s) => Value::S(format!("{s}~")),
        _ => shift(current, 1.0),
    };
    let below = || match current {
        Value::S(s) => Value::S(s.chars().take(s.chars().count().saturating_sub(1)).collect()),
        _ => shift(current, -1.0),
    };
    match (op, holds) {
        (Eq, true) | (Ne, false) | (Le, true) | (Ge, true) | (Lt, false) | (Gt, false) => current.clone(),
        (Eq, false) | (Ne, true) => other(),
        (Lt, true) | (Ge, false) => above(),
        (Gt, true) | (Le, false) => below(),
        (Exists | NotExists, _) => current.clone(),
    }
}

/// Whether a stored value (`None`: the item lacks the attribute) passes a
/// comparison with `fixed`, as DynamoDB evaluates it: nothing compares, and `<>`
/// holds on it.
fn compares(op: ConditionOp, stored: Option<&Value>, fixed: &Value) -> bool {
    let order = stored.and_then(|s| match (s, fixed) {
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        _ => s.compare(fixed),
    });
    match op {
        ConditionOp::Exists => stored.is_some(),
        ConditionOp::NotExists => stored.is_none(),
        ConditionOp::Ne => order.is_none_or(|o| op.accepts(o) == Some(true)),
        _ => order.is_some_and(|o| op.accepts(o) == Some(true)),
    }
}

fn shift(v: &Value, by: f64) -> Value {
    Value::N(number_text(v.as_f64().unwrap_or(0.0) + by))
}

/// A number as DynamoDB would print it: no trailing zeros, at most 2 decimals kept
/// from money arithmetic.
fn number_text(n: f64) -> String {
    let text = format!("{:.2}", (n * 100.0).round() / 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The tests that do not hold in `world`, in words.
fn failing(step: &Step<'_>, world: &World) -> Vec<String> {
    step.tests()
        .into_iter()
        .zip(&world.chosen)
        .filter(|(c, chosen)| !Step::truth(c, **chosen, world.present))
        .map(|(c, _)| match (&c.attribute, c.op) {
            (None, ConditionOp::NotExists) => "the item already exists".to_string(),
            (None, _) => "the item does not exist".to_string(),
            (Some(a), ConditionOp::Exists) => format!("the item has no {a}"),
            (Some(a), ConditionOp::NotExists) => format!("the item has {a}"),
            (Some(a), op) => {
                let sym =
                    serde_json::to_value(op).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                match (&c.input, &c.value, &c.other_attribute) {
                    (None, Some(value), _) => format!("{a} {sym} {value} does not hold"),
                    (None, None, Some(other)) => format!("{a} {sym} {other} does not hold"),
                    (input, ..) => format!("{a} {sym} :{} does not hold", input.as_deref().unwrap_or_default()),
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_make_conditions_hold_or_fail() {
        let n = |s: &str| Value::N(s.into());
        assert_eq!(condition_input(ConditionOp::Ge, &n("10.5"), None, true), n("10.5"));
        assert_eq!(condition_input(ConditionOp::Ge, &n("10.5"), None, false), n("11.5"));
        assert_eq!(condition_input(ConditionOp::Eq, &n("7"), None, false), n("8"));
        assert_eq!(condition_input(ConditionOp::Lt, &n("7"), None, true), n("8"));
        assert_eq!(condition_input(ConditionOp::Le, &n("7"), None, false), n("6"));
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(3.10), "3.1");
    }
}
