// Generated from the Rust types by crates/studio (src/bindings.rs); do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p tablewright-studio --test bindings

export type AccessPattern = { 
/**
 * Short unique id such as "AP01"; plans, tests and the CLI refer to the pattern by it.
 */
id: string, name: string, description?: string, kind: PatternKind, 
/**
 * The entity (or many-to-many relationship) whose items the pattern reads or writes.
 */
entity: string, 
/**
 * Related entities fetched in the same request: a customer with their
 * accounts, an order with its items, shipments and invoice (an aggregate).
 */
with?: Array<string>, 
/**
 * The relationship the pattern follows from its inputs to its target, when the
 * inputs identify an entity related to the target in more than one way (the
 * posts a user wrote, "UserPosts", or liked, "Like"); for an ancestor two or
 * more levels up, the path down, its relationships' names joined by dots
 * ("CustomerOrders.OrderItems").
 */
via?: string, 
/**
 * Attributes the application knows and matches by equality. They may be the
 * entity's own, the identifier of an entity related to it, or that of an
 * ancestor further up (a customer's, for the items of their orders).
 */
inputs?: Array<string>, 
/**
 * At most one range condition, on one attribute.
 */
range?: RangeCondition, 
/**
 * The order the results must come in; a Query sorts by one attribute only, so
 * with a range condition it is the range's attribute.
 */
order?: Ordering, 
/**
 * Return at most this many items (the last N).
 */
limit?: number, 
/**
 * Only the items for which this holds ("status = declined", "special status present").
 */
filter?: Clause<FilterTest>, 
/**
 * The attributes the application uses from a read's answer; none listed: all
 * of them. A secondary index projects what the reads of it return.
 */
returns?: Array<string>, 
/**
 * The read must see every write that finished before it (table or LSI only).
 */
strongly_consistent?: boolean, 
/**
 * Peak requests per second.
 */
peak_rate: number, 
/**
 * Items a read returns (or a write touches) at the most, typically.
 */
result_size?: number, 
/**
 * Conditions of a single put, update or delete.
 */
conditions?: Array<Clause<Condition>>, 
/**
 * Changes of a single update; of a put, the values fixed in the model that
 * every item it writes holds (a new loan is ACTIVE), each a `set` with a `value`.
 */
updates?: Array<Update>, 
/**
 * The actions of a transaction, all or nothing.
 */
steps?: Array<TransactionStep>, 
/**
 * For `expire`: how long items live, counted from a date attribute.
 */
retention?: Retention, };

export type Action = { 
/**
 * Put, Update, Delete or ConditionCheck.
 */
action: string, entity: string, key: KeyCondition, condition?: string, update?: string, 
/**
 * A put's values fixed in the model (`status` → `ACTIVE`): the item it
 * writes holds them whatever the caller's item says, and its keys are built
 * from them.
 */
fixed?: { [key in string]: string }, 
/**
 * The update's placeholders whose values the write builds from its inputs:
 * the index keys it rebuilds because it changes what they are made of
 * (`_GSI1SK` → `INVENTORY#{now}`, templates over the write's inputs).
 */
built?: { [key in string]: string }, 
/**
 * Attributes of the item as stored that a rebuilt key needs and the write does
 * not carry: a strongly consistent GetItem of the key reads them first, and the
 * condition holds the write to them being unchanged (`#a = :_was_a`), so a
 * concurrent change makes it fail rather than build a key from an old value.
 */
reads?: Array<string>, 
/**
 * The TTL an update recomputes because it sets the date the TTL counts from:
 * `:_<attribute>` is the epoch seconds of the input `from` plus `days` days.
 */
expires?: Ttl, 
/**
 * A transaction's action repeated once per element of this list input.
 */
for_each?: ForEach, 
/**
 * The shard of the write-sharded keys the update rebuilds (`{_shard}` in
 * `built`): FNV-1a of these inputs' (or read attributes') text joined by '#',
 * modulo `count`, as the item's put computes it from the same values.
 */
shard?: Shard, };

export type AggregateView = { 
/**
 * Items of every entity and many-to-many relationship in the sample.
 */
items_per_entity: number, 
/**
 * The table first, then GSIs and LSIs in the design's order.
 */
indexes: Array<IndexView>, };

/**
 * Every one of the parts holds.
 */
export type AllOf<T> = { all: Array<Clause<T>>, };

export type Analysis = { 
/**
 * The model's problems; while there are any, there is no design.
 */
diagnostics: Array<Diagnostic>, design: Design | null, verification: Verification | null, cost: CostReport | null, 
/**
 * The derivation failed unexpectedly (a bug, with its message).
 */
failure: string | null, 
/**
 * How long validation, derivation, verification and costing took, in milliseconds.
 */
millis: number, };

/**
 * At least one of the parts holds.
 */
export type AnyOf<T> = { any: Array<Clause<T>>, };

/**
 * What `apply` reports as it goes.
 */
export type ApplyEvent = { "event": "started", step: number, of: number, change: string, } | { "event": "waiting", step: number, state: TableState, seconds: number, } | { "event": "done", step: number, change: string, } | { "event": "skipped", step: number, change: string, why: string, };

/**
 * Apply the plan that was shown.
 */
export type ApplyRequest = { deploy: DeployRequest, 
/**
 * The changes' texts as shown: if the table changed meanwhile, nothing is
 * applied and the new plan must be looked at first.
 */
shown: Array<string>, 
/**
 * The table's name as the user typed it, to confirm destructive changes.
 */
confirmation: string | null, 
/**
 * Load this many sample items per entity into the table afterwards.
 */
seed: number | null, };

/**
 * The DynamoDB type the attribute is stored as.
 */
export type AttrType = "string" | "number" | "boolean" | "binary" | "string_set" | "number_set" | "list" | "map";

export type Attribute = { name: string, type: AttrType, 
/**
 * What the value means, beyond its DynamoDB type; drives sample data and sort order.
 */
format?: Format, required?: boolean, 
/**
 * Part of the entity's identifier; several attributes make a composite identifier.
 */
identifier?: boolean, 
/**
 * No two items of the entity share a value (a phone number, an email).
 */
unique?: boolean, description?: string, 
/**
 * How the values spread over the items; drives hot-partition analysis.
 */
distribution?: Distribution, 
/**
 * A date that never comes before another date of the item (`returnedOn`
 * after `loanedAt`): sample data keeps the order. Without it, the order is
 * inferred from the names (created before updated, placed before shipped).
 */
after?: string, };

export type AwsProfile = { name: string, 
/**
 * The profile's own region, if it names one.
 */
region: string | null, 
/**
 * Signs in through IAM Identity Center (SSO): `aws sso login` renews it.
 */
sso: boolean, 
/**
 * Sends DynamoDB requests to its own endpoint (`endpoint_url`, or a
 * `services` section's `dynamodb` endpoint): DynamoDB Local, often.
 */
endpoint: string | null, };

export type Billing = { "mode": "on_demand" } | { "mode": "provisioned", read_capacity: number, write_capacity: number, };

export type Cardinality = "one_to_one" | "one_to_many" | "many_to_many";

/**
 * One test, or tests joined: `{"all": [...]}`, `{"any": [...]}`, `{"not": ...}`.
 */
export type Clause<T> = T | AllOf<T> | AnyOf<T> | NotOf<T>;

/**
 * A condition a write checks; it fails, and nothing changes, when it does not hold.
 */
export type Condition = { 
/**
 * The attribute tested; absent for `exists` / `not_exists` on the item itself.
 */
attribute?: string, op: ConditionOp, 
/**
 * The request parameter compared with (`amount`, `expectedLastTransaction`).
 */
input?: string, 
/**
 * The value compared with, fixed in the model in place of an `input`
 * ("only a pending order is paid": `status = pending`), as the attribute's
 * type writes it.
 */
value?: string, 
/**
 * Another attribute of the same item compared with, in place of an `input`
 * ("a seat is taken only while seatsTaken < capacity").
 */
other_attribute?: string, };

export type ConditionOp = "exists" | "not_exists" | "=" | "<>" | "<" | "<=" | ">" | ">=";

export type Consistency = "eventual" | "strong";

/**
 * An ancestor's identifier an item holds as a copy, written once with the item.
 * A write of the model that moves an item of the path to another parent would
 * leave it stale: the derivation then chains the requests where it can, and the
 * verifier rejects a copy it could not avoid.
 */
export type CopiedAttribute = { attribute: string, 
/**
 * The ancestor whose identifier it is.
 */
from: string, 
/**
 * The relationships from the ancestor down to the item, top down.
 */
path: Array<string>, };

export type CostReport = { region: string, prices_as_of: string, average_to_peak: number, patterns: Array<PatternCost>, indexes: Array<IndexCost>, 
/**
 * Read and write units per second at peak, all patterns together.
 */
peak_read_units: number, peak_write_units: number, storage_gib: number, monthly: Monthly, 
/**
 * Hot partitions and other capacity findings, from the design's problems and shards.
 */
warnings: Array<string>, };

/**
 * What a running deploy reports.
 */
export type DeployEvent = { "kind": "step", event: ApplyEvent, text: string, } | { "kind": "seeding", written: number, total: number, };

export type DeployOutcome = { place: string, 
/**
 * The live table once everything is done.
 */
table: TableState | null, 
/**
 * Items written by the seed, when one ran.
 */
seeded: number | null, };

/**
 * The plan, as the dialog shows it.
 */
export type DeployPlanView = { table: string, 
/**
 * Where the requests go, as resolved (endpoint or profile, region).
 */
place: string, 
/**
 * The table exists there now.
 */
exists: boolean, changes: Array<PlannedChange>, 
/**
 * What the plan leaves alone, and why.
 */
notes: Array<string>, 
/**
 * Items of the table keyed otherwise than the design keys them, which no
 * change of the table fixes.
 */
warnings: Array<string>, 
/**
 * Why the plan cannot be applied at all (a protected table to replace).
 */
refused: string | null, };

/**
 * A target and the table's name there.
 */
export type DeployRequest = { target: DeployTarget, table: string, };

/**
 * What the Deploy dialog starts with.
 */
export type DeploySetup = { 
/**
 * The profiles of the user's AWS config and credentials files.
 */
profiles: Array<AwsProfile>, 
/**
 * Where this model was last deployed from this machine, else DynamoDB
 * Local at the endpoint the environment names and the model's table.
 */
request: DeployRequest, };

/**
 * Where to deploy.
 */
export type DeployTarget = { "kind": "local", endpoint: string, } | { "kind": "aws", profile: string | null, region: string | null, };

export type Design = { format: string, model: string, table: TableKeys, gsis: Array<Index>, lsis: Array<Index>, 
/**
 * The attribute every item carries with its entity's name, to tell items apart.
 */
type_attribute: string, entities: Array<EntityKeys>, plans: Array<Plan>, problems: Array<Problem>, };

export type Diagnostic = { kind: DiagnosticKind, 
/**
 * JSONPath of the offending value, `$` for the whole file.
 */
path: string, 
/**
 * 1-based line and column in the file, when known.
 */
line: number | null, column: number | null, message: string, 
/**
 * One line that says how to fix it.
 */
hint: string, };

export type DiagnosticKind = "syntax" | "schema" | "semantic";

/**
 * How an attribute's values spread over the entity's items.
 */
export type Distribution = { 
/**
 * Number of distinct values (50 for a US state).
 */
distinct_values?: number, 
/**
 * Share (0 to 1) of the items that carry the most common value (California: 0.12).
 */
top_value_share?: number, 
/**
 * Share (0 to 1) of the items that carry the attribute at all (0.0015 for a rare status).
 */
present_share?: number, 
/**
 * New items take the current value (today's date, now): every write lands on one value.
 */
writes_take_current_value?: boolean, };

/**
 * The open document, after every command that changes it.
 */
export type DocumentState = { 
/**
 * Changes with every edit, undo and redo; the same revision is the same model.
 */
revision: number, 
/**
 * The window title: file name and unsaved-changes marker.
 */
title: string, path: string | null, dirty: boolean, 
/**
 * What Undo and Redo would do, for the Edit menu.
 */
undo: string | null, redo: string | null, 
/**
 * The model, with an imported source's text left out (null): only exports read it.
 */
model: Model, analysis: Analysis, 
/**
 * What the last edit created or renamed, for the UI to select.
 */
focus: Focus | null, 
/**
 * Recently opened files, most recent first.
 */
recent: Array<string>, 
/**
 * Something that went wrong beside the command (the recovery copy could not
 * be written), to show once, until dismissed.
 */
notice: string | null, 
/**
 * That the command did what was asked ("Saved …"), shown for a moment.
 */
confirmation: string | null, };

/**
 * One change to a model.
 */
export type Edit = { "op": "set_model_info", name: string, description: string, } | { "op": "set_table", table: TableSettings, } | { "op": "add_entity", name?: string, position?: Position, } | { "op": "rename_entity", entity: string, to: string, } | { "op": "set_entity_properties", entity: string, properties: EntityProperties, } | { "op": "add_attribute", owner: string, attribute: Attribute, } | { "op": "update_attribute", owner: string, attribute: string, to: Attribute, } | { "op": "delete_attribute", owner: string, attribute: string, } | { "op": "move_attribute", owner: string, attribute: string, to_index: number, } | { "op": "add_relationship", from: string, to: string, cardinality: Cardinality, } | { "op": "update_relationship", relationship: string, properties: RelationshipProperties, } | { "op": "delete", entities: Array<string>, relationships: Array<string>, } | { "op": "add_pattern", entity?: string, pattern?: AccessPattern, } | { "op": "update_pattern", id: string, pattern: AccessPattern, } | { "op": "delete_pattern", id: string, } | { "op": "move_pattern", id: string, to_index: number, } | { "op": "pin_key", owner: string, index: string, key?: PinnedKey, } | { "op": "pin_projection", index: string, projection?: Projection, } | { "op": "move_nodes", positions: { [key in string]: Position }, };

/**
 * A kind of thing the application stores, such as Customer or Account.
 */
export type Entity = { 
/**
 * Unique among entities and relationships; used in key prefixes and plans.
 */
name: string, description?: string, attributes: Array<Attribute>, 
/**
 * How many items of this entity the table is expected to hold.
 */
expected_count?: number, 
/**
 * Average item size in bytes, as stored (attribute names included).
 */
average_item_size?: number, 
/**
 * Written by a consumer of the table's stream (an aggregate, a materialized view),
 * not by the application's own requests.
 */
maintained_by_stream?: boolean, 
/**
 * Key templates the architect fixed by hand, by index ("table", "GSI1", ...).
 * The deriver keeps them and completes the rest around them.
 */
pinned_keys?: { [key in string]: PinnedKey }, };

/**
 * What one entity (or many-to-many relationship) writes into the key attributes.
 */
export type EntityKeys = { name: string, 
/**
 * `entity`, or `relationship` for a many-to-many relationship's pair items.
 */
kind: ItemKind, 
/**
 * Key attribute → template, in index order (PK, SK, GSI1PK, GSI1SK, ..., LSI1SK).
 */
keys: { [key in string]: string }, 
/**
 * Key attributes written only when a condition holds (sparse indexes).
 */
sparse?: { [key in string]: SparseCondition }, 
/**
 * Key attributes carrying a shard suffix `{_shard}` and how writers compute it.
 */
shards?: { [key in string]: Shard }, 
/**
 * The TTL attribute this entity's items carry, and how it is computed.
 */
ttl?: Ttl, 
/**
 * Identifiers of ancestors two or more levels up, copied onto every item when
 * it is written, so that a read starting from the ancestor finds the items in
 * one request (the customer's identifier on an order's items).
 */
copies?: Array<CopiedAttribute>, 
/**
 * One entry per decision, naming the technique and why.
 */
explanation: Array<string>, 
/**
 * The techniques its decisions use.
 */
techniques?: Array<Technique>, };

/**
 * What an entity is besides its name and attributes.
 */
export type EntityProperties = { description: string, expected_count: number | null, average_item_size: number | null, maintained_by_stream: boolean, };

export type Example = { 
/**
 * The file's stem: `acme-bank`.
 */
id: string, name: string, description: string, };

/**
 * One way to export the design, as the Export menu lists it.
 */
export type ExportChoice = { format: ExportFormat, title: string, };

/**
 * Every export, by the name the CLI and the app know it by.
 */
export type ExportFormat = "cloudformation" | "cloudformation-json" | "aws-cli" | "terraform" | "cdk" | "nosql-workbench" | "markdown" | "mermaid" | "svg" | "png";

/**
 * Why a command did nothing.
 */
export type Failure = { message: string, 
/**
 * The file the failure is about, when there is one.
 */
path: string | null, } & ({ "kind": "invalid", diagnostics: Array<Diagnostic>, } | { "kind": "choose_table", tables: Array<string>, } | { "kind": "unsaved" } | { "kind": "no_design" } | { "kind": "file" } | { "kind": "other" });

/**
 * The tests a read's filter applies to an attribute that is not part of the key,
 * with DynamoDB's meaning: an item that lacks the attribute passes `absent` and
 * `not_equals`, and fails every other test.
 */
export type FilterOp = "equals" | "not_equals" | "less_than" | "less_or_equal" | "greater_than" | "greater_or_equal" | "between" | "begins_with" | "contains" | "in" | "present" | "absent";

export type FilterTest = { attribute: string, op: FilterOp, 
/**
 * The value compared with, for the tests of one value (`equals`, `greater_than`,
 * `begins_with`, `contains`, ...).
 */
value?: string, 
/**
 * The request parameter compared with, in place of a `value` written in the
 * model ("orders over the amount asked": `minTotal`).
 */
input?: string, 
/**
 * The values of `between` (the lowest and the highest) and `in` (one or more).
 */
values?: Array<string>, 
/**
 * Share (0 to 1) of the entity's items that pass; small shares call for a sparse index.
 */
selectivity?: number, };

export type Fix = { 
/**
 * What the fix does, as its button says it: "Make Loan's loanedAt required".
 */
label: string, edit: Edit, };

export type Focus = { "kind": "entity", "name": string } | { "kind": "relationship", "name": string } | { "kind": "pattern", "name": string };

/**
 * A list input whose elements each make one action of a repeated step. An
 * element gives the step's key parts and its conditions' and updates' inputs,
 * by their names; for a put, the element is the item.
 */
export type ForEach = { 
/**
 * The request parameter holding the list (`lines`); each repeated step has its own.
 */
list: string, 
/**
 * The most elements a request carries: the transaction's actions counted with
 * it must stay within DynamoDB's 100.
 */
at_most: number, 
/**
 * Elements in a typical request, which `cost` counts; `at_most` when absent.
 */
typical?: number, };

/**
 * A logical format on top of the stored type.
 */
export type Format = "timestamp" | "date" | "uuid" | "ulid" | "email" | "phone" | "money" | "decimal" | { "enum": Array<string> };

export type Highlight = { pattern: string, 
/**
 * The index the plan's first request reads: "table", or a GSI or LSI.
 */
index: string, operation: Operation, 
/**
 * The drawn inputs and range bounds, `name = value`.
 */
parameters: Array<[string, string]>, 
/**
 * The partition key values the first request reads (one per shard of a fan-out).
 */
partitions: Array<string>, 
/**
 * Primary keys (`PK`, `SK`) of the items the pattern returns.
 */
items: Array<[string, string]>, 
/**
 * Items of which any may complete an answer cut by a limit.
 */
either: Array<[string, string]>, 
/**
 * Why nothing is highlighted, when nothing is.
 */
note: string | null, };

/**
 * A partition's peak load, in units per second, rounded up.
 */
export type HotLoad = { 
/**
 * Reads that shards divide: each shard holds and returns its share.
 */
reads: number, writes: number, 
/**
 * Reads of at most a limit's items, which read every shard for that many:
 * no shard count spreads them.
 */
limited_reads?: number, };

export type ImportSource = "nosql_workbench" | "cloudformation";

export type Imported = { 
/**
 * The tool the model was imported from.
 */
from: ImportSource, 
/**
 * The source's key attributes, by Tablewright index ("table", "GSI1", "LSI1"),
 * with their DynamoDB types: what the source calls them.
 */
keys?: { [key in string]: SourceIndex }, 
/**
 * The design names its key attributes as `keys` does wherever it can write
 * them so (else PK, SK, GSI1PK, ...). Imports set it; a model imported
 * before it existed keeps the names its deployed table has, unless it is
 * set by hand (the table would then be created anew).
 */
source_key_names?: boolean, 
/**
 * The entities (and many-to-many relationships) the import made, in order: an
 * export back to the source gives these the source's own shape, and only
 * entities added later get new facets.
 */
entities?: Array<string>, 
/**
 * What the import could not carry into the model as the source has it, in
 * words for the architect (a global table's replicas, a SAM table's form).
 */
notes?: Array<string>, 
/**
 * How the import read the source: what made each entity, each key template
 * and each index's members, in words, with the readings to check flagged.
 */
inferences?: Array<Inference>, 
/**
 * The source, verbatim, narrowed to the imported table (a NoSQL Workbench
 * model with one table in `DataModel`; a CloudFormation table resource).
 */
source: JsonValue, };

export type Index = { name: string, 
/**
 * The name the index is deployed, exported and queried under, where it is
 * not `name`: an imported index's source name (or, where a source's name
 * took this index's own, the next free one).
 */
deployed_name?: string, partition_key: KeyAttribute, sort_key: KeyAttribute, projection: Projection, 
/**
 * Why the index exists: which patterns it serves and which technique it uses.
 */
explanation: string, 
/**
 * The techniques its decisions use.
 */
techniques?: Array<Technique>, };

export type IndexCost = { index: string, storage_gib: number, 
/**
 * Write units per second at peak that land in this index.
 */
peak_write_units: number, };

export type IndexState = { name: string, status: string, 
/**
 * Still copying the table's existing items into the new index.
 */
backfilling: boolean, items: number, };

export type IndexView = { 
/**
 * "table", or the index's name.
 */
name: string, partition_key: string, sort_key: string, 
/**
 * Whether the index holds every attribute, only the keys, or the keys and some.
 */
projection: Projection, 
/**
 * The columns after the keys: every other attribute some item carries.
 */
attributes: Array<string>, partitions: Array<PartitionView>, };

/**
 * One reading of the source by the import.
 */
export type Inference = { 
/**
 * The entity it is about.
 */
entity: string, 
/**
 * What was read, and from which signal ("PK CUST#{custId}: read off 12 values").
 */
text: string, 
/**
 * Another reading was as likely: the architect should check this one.
 */
ambiguous?: boolean, };

export type ItemKind = "entity" | "relationship";

export type ItemView = { entity: string, 
/**
 * The item's primary key in the table, `PK` then `SK`: the same item in every index.
 */
primary_key: [string, string], 
/**
 * The sort key's value in this index.
 */
sort: string, 
/**
 * The other attributes' values as text, in the index's column order (empty
 * where the item has none, or the index does not project it).
 */
values: Array<string>, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type KeyAttribute = { name: string, 
/**
 * S, N or B.
 */
type: string, };

/**
 * A key condition as data: `partition = value` and an optional sort-key condition.
 */
export type KeyCondition = { partition: KeyPart, sort?: SortCondition, };

export type KeyPart = { attribute: string, 
/**
 * Template of the value, over the pattern's inputs (and `_shard`).
 */
value: string, };

/**
 * The three types a DynamoDB key attribute can have.
 */
export type KeyType = "S" | "N" | "B";

export type Layout = { 
/**
 * Top-left corner of each entity's node, by entity name.
 */
nodes?: { [key in string]: Position }, };

/**
 * Proves the design on the deployed table, which must hold the sample the
 * request names (deployed with "load the sample data", the same items per
 * entity): the read patterns, and the writes only when asked, since each runs
 * against the live table (and is undone after).
 */
export type LiveProofRequest = { deploy: DeployRequest, 
/**
 * Sample items per entity the table was seeded with.
 */
items: number, 
/**
 * Parameter sets drawn per read pattern.
 */
trials: number, 
/**
 * Run the write patterns too.
 */
writes: boolean, };

/**
 * A Tablewright model: one DynamoDB table's entities, relationships and access patterns.
 */
export type Model = { 
/**
 * The JSON Schema editors validate the file against.
 */
$schema?: string, 
/**
 * The file format and its version, "tablewright/3".
 */
format: string, name: string, description?: string, table: TableSettings, entities: Array<Entity>, relationships?: Array<Relationship>, access_patterns?: Array<AccessPattern>, 
/**
 * Canvas positions; not part of the data model.
 */
layout?: Layout, 
/**
 * What an import from another tool brought and the model has no place for.
 */
imported?: Imported, };

/**
 * US dollars a month.
 */
export type Monthly = { on_demand_reads: number, on_demand_writes: number, provisioned_reads: number, provisioned_writes: number, storage: number, on_demand_total: number, provisioned_total: number, };

/**
 * The part does not hold.
 */
export type NotOf<T> = { not: Clause<T>, };

export type Operation = "GetItem" | "Query" | "BatchGetItem" | "PutItem" | "UpdateItem" | "DeleteItem" | "TransactWriteItems" | "Scan" | "TimeToLive";

export type Order = "ascending" | "descending";

export type Ordering = { attribute: string, direction: Order, };

export type PartitionView = { 
/**
 * The partition key's value.
 */
key: string, items: Array<ItemView>, };

export type PatternCost = { pattern: string, name: string, peak_rate: number, read_units_per_request: number, write_units_per_request: number, peak_read_units: number, peak_write_units: number, 
/**
 * On-demand cost of the pattern for a month at the average rate.
 */
monthly_on_demand: number, };

export type PatternKind = "read_one" | "read_many" | "put" | "update" | "delete" | "transaction" | "expire";

export type PatternReport = { pattern: string, name: string, 
/**
 * What ran: `Query on GSI2 ×2`, `TransactWriteItems (2 actions)`.
 */
plan: string, pass: boolean, 
/**
 * Parameter sets or scenarios run.
 */
runs: number, 
/**
 * Items the live table returned, over every run (reads).
 */
returned: number, 
/**
 * Items the oracle expected, over every run (reads).
 */
expected: number, 
/**
 * Read or write capacity units consumed, over every run.
 */
capacity: number, 
/**
 * Mean time of one run of the plan, in milliseconds.
 */
latency_ms: number, failures: Array<string>, 
/**
 * When the pattern fails: what the verifier finds wrong with its plan, each
 * with its fix — the cause behind the wrong answers, where a check knows it.
 */
cause?: Array<string>, 
/**
 * The changes of the model the verifier offers for the cause, one edit each.
 */
fixes?: Array<Fix>, scenarios?: Array<ScenarioReport>, 
/**
 * What the proof did not try, each with why: of a write, the ways its
 * conditions can fail that no scenario could be made for from the sample;
 * of a read, its order when no answer held two items to order.
 */
untried?: Array<string>, };

/**
 * The templates an entity writes into one index's key attributes, e.g.
 * `{"partition": "CUST#{customerNumber}", "sort": "CUST#{customerNumber}"}`.
 * `{name}` is replaced by the attribute's value; everything else is literal.
 */
export type PinnedKey = { partition?: string, sort?: string, 
/**
 * The items whose keys this secondary index holds, when not every item's:
 * a sparse index (only the declined transactions). The index keys are
 * written while the condition holds and removed when it stops holding.
 */
sparse?: SparseCondition, };

export type Plan = { pattern: string, name: string, 
/**
 * Requests in all, counting every shard of a fan-out and every follow-up.
 */
requests: number, 
/**
 * Requests that follow the first, each using what the previous one returned.
 */
then?: Array<Request>, 
/**
 * The actions of a TransactWriteItems, in order.
 */
actions?: Array<Action>, 
/**
 * The entities whose items the pattern returns or writes.
 */
returns: Array<string>, explanation: string, 
/**
 * The techniques its decisions use.
 */
techniques?: Array<Technique>, operation: Operation, 
/**
 * "table", or the name of a GSI or LSI.
 */
index: string, 
/**
 * The key condition (Query), key (GetItem, writes) with `:placeholders`.
 */
key_condition?: string, 
/**
 * The same condition as data, for the verifier and the code generators.
 */
key?: KeyCondition, filter?: string, 
/**
 * Query direction: false for newest first.
 */
scan_index_forward?: boolean, 
/**
 * How many items the answer holds at most: the pages are read until it
 * has that many, then cut to them.
 */
limit?: number, 
/**
 * The `Limit` each page asks for: DynamoDB counts it before the
 * FilterExpression, so a filtered read asks for the limit over the filter's
 * share (at most 1,000) to find its answer in one page; none where the share
 * is not known (pages of 1 MB).
 */
page_size?: number, 
/**
 * Eventual or strong for reads; null for writes.
 */
consistency: Consistency | null, 
/**
 * How many of this request run (N for a sharded scatter-gather).
 */
count: number, 
/**
 * How the results of the `count` requests combine.
 */
merge?: string, 
/**
 * What the request takes from the previous one's result.
 */
uses?: string, };

export type PlannedChange = { 
/**
 * As `tablewright deploy` prints it: `+ create GSI ...`, `- DESTROY GSI ...`.
 */
text: string, 
/**
 * Why it destroys data; `None` when it does not.
 */
destroys: string | null, };

export type Position = { x: number, y: number, };

export type Problem = { severity: Severity, code: ProblemCode, message: string, entity?: string, pattern?: string, 
/**
 * Changes of the model that answer it, each one edit.
 */
fixes?: Array<Fix>, };

export type ProblemCode = "scan" | "hot_partition" | "unbounded_collection" | "item_size" | "index_limit" | "strong_consistency" | "stream_missing" | "ttl_missing" | "pinned_conflict" | "sort_order" | "key_update" | "stale_index_key" | "write_key_unknown" | "create_not_unique" | "unique_not_enforced" | "read_one_not_unique";

/**
 * An index's projection, spelled as DynamoDB spells it.
 */
export type Projection = "ALL" | "KEYS_ONLY" | { "INCLUDE": Array<string> };

/**
 * Where and how hard to prove.
 */
export type ProofRequest = { 
/**
 * A DynamoDB endpoint URL: `http://127.0.0.1:8000` for DynamoDB Local.
 */
endpoint: string, 
/**
 * Sample items of every entity and many-to-many relationship.
 */
items: number, 
/**
 * Parameter sets drawn per read pattern.
 */
trials: number, };

export type ProveReport = { table: string, patterns: Array<PatternReport>, 
/**
 * What the proof establishes, in one sentence: how many patterns it proved,
 * and the ways to fail it did not try, which are part of its claim (the CLI
 * and the Prove view both show this sentence).
 */
summary: string, };

export type RangeCondition = { attribute: string, op: RangeOp, };

export type RangeOp = "=" | "<" | "<=" | ">" | ">=" | "between" | "begins_with";

/**
 * A copy another run of the app left behind.
 */
export type RecoveryOffer = { 
/**
 * The recovery file's name, which restoring or discarding names.
 */
id: string, 
/**
 * The file the model belonged to; none for a model never saved.
 */
path: string | null, model_name: string, 
/**
 * When the copy was written, in seconds since 1970.
 */
saved_at: number, };

export type Relationship = { 
/**
 * Unique among entities and relationships. A many-to-many relationship's items
 * (one per pair) are called by this name in plans and access patterns.
 */
name: string, 
/**
 * The "one" side of a one-to-many relationship (the parent).
 */
from: string, 
/**
 * The "many" side of a one-to-many relationship (the child).
 */
to: string, cardinality: Cardinality, 
/**
 * What the `to` end is called on a many-to-many relationship's pair items when
 * both ends are the same entity (a friendship's "friend"): its identifier is
 * then written `friend.playerId`, apart from the `from` end's `playerId`.
 */
to_role?: string, 
/**
 * What the `from` end (the parent) is called on a one-to-many or one-to-one
 * relationship of an entity with itself (an employee's "manager"): each child
 * then carries the parent's identifier as `managerEmployeeId`, apart from its
 * own `employeeId` (one flat attribute name, which every expression can name).
 * Without it the relationship links no items.
 */
from_role?: string, 
/**
 * Every `to` item must have a `from` item (an account always has a customer).
 */
required?: boolean, description?: string, 
/**
 * Data the relationship itself carries; many-to-many only (date sent, status).
 */
attributes?: Array<Attribute>, 
/**
 * Number of pairs; many-to-many only.
 */
expected_count?: number, 
/**
 * Average size in bytes of one pair's item; many-to-many only.
 */
average_item_size?: number, 
/**
 * Key templates pinned by hand for the pair items; many-to-many only.
 */
pinned_keys?: { [key in string]: PinnedKey }, };

/**
 * What a relationship is besides its attributes and pinned keys.
 */
export type RelationshipProperties = { name: string, from: string, to: string, cardinality: Cardinality, to_role: string | null, from_role: string | null, required: boolean, description: string, expected_count: number | null, average_item_size: number | null, };

export type Request = { operation: Operation, 
/**
 * "table", or the name of a GSI or LSI.
 */
index: string, 
/**
 * The key condition (Query), key (GetItem, writes) with `:placeholders`.
 */
key_condition?: string, 
/**
 * The same condition as data, for the verifier and the code generators.
 */
key?: KeyCondition, filter?: string, 
/**
 * Query direction: false for newest first.
 */
scan_index_forward?: boolean, 
/**
 * How many items the answer holds at most: the pages are read until it
 * has that many, then cut to them.
 */
limit?: number, 
/**
 * The `Limit` each page asks for: DynamoDB counts it before the
 * FilterExpression, so a filtered read asks for the limit over the filter's
 * share (at most 1,000) to find its answer in one page; none where the share
 * is not known (pages of 1 MB).
 */
page_size?: number, 
/**
 * Eventual or strong for reads; null for writes.
 */
consistency: Consistency | null, 
/**
 * How many of this request run (N for a sharded scatter-gather).
 */
count: number, 
/**
 * How the results of the `count` requests combine.
 */
merge?: string, 
/**
 * What the request takes from the previous one's result.
 */
uses?: string, };

export type Retention = { 
/**
 * The date or timestamp attribute the age counts from.
 */
attribute: string, days: number, 
/**
 * Expired items are archived from the stream's REMOVE records (needs old images).
 */
archive?: boolean, };

export type ScenarioReport = { name: string, must_succeed: boolean, succeeded: boolean, 
/**
 * DynamoDB's cancellation reasons when it rejected the write.
 */
rejection?: string, pass: boolean, capacity: number, latency_ms: number, failures: Array<string>, };

/**
 * What a proof on a scratch table did, stage by stage, and the proof itself.
 */
export type ScratchProof = { 
/**
 * The scratch table, gone again when the proof ends.
 */
table: string, items: number, create_seconds: number, seed_seconds: number, prove_seconds: number, proof: ProveReport, 
/**
 * The scratch table could not be deleted (the endpoint went away): why.
 */
left_behind: string | null, };

export type Severity = "error" | "warning";

export type Shard = { count: number, 
/**
 * `_shard` = FNV-1a (32-bit) of these attributes' values joined by '#', modulo count.
 */
from: Array<string>, 
/**
 * What the hottest partition would take unsharded: the count comes from it,
 * and every report of it (explanations, `cost`) quotes these figures.
 */
load?: HotLoad, };

export type SortCondition = { attribute: string, 
/**
 * =, <, <=, >, >=, between, begins_with.
 */
op: string, 
/**
 * One template per operand; `{name}` placeholders are inputs (`{from:date}`/`{to:date}` for between).
 */
values: Array<string>, };

/**
 * One index of the source (or its table) as the source defines it.
 */
export type SourceIndex = { 
/**
 * The index's own name in the source ("ByEmail"); absent for the table.
 */
name?: string, 
/**
 * Absent for a local secondary index, which shares the table's.
 */
partition_key?: SourceKey, 
/**
 * Absent when the source has none: the design then repeats a template there
 * (DynamoDB keys of Tablewright designs always have both parts).
 */
sort_key?: SourceKey, };

export type SourceKey = { name: string, type: KeyType, };

/**
 * Which items a sparse index holds: those where `attribute` equals `value`
 * (`status = declined`), or, with `op` "present", those that have `attribute`.
 */
export type SparseCondition = { attribute: string, 
/**
 * `equals` or `present`.
 */
op: string, value?: string, };

/**
 * What the UI needs when it starts.
 */
export type Startup = { state: DocumentState, examples: Array<Example>, 
/**
 * Copies of unsaved work a crash or kill left behind, newest first.
 */
recovery: Array<RecoveryOffer>, 
/**
 * Why the model named when the app started did not open.
 */
failure: Failure | null, 
/**
 * The DynamoDB endpoint the Prove view starts with.
 */
dynamodb_endpoint: string, 
/**
 * What the design can be exported as, in the Export menu's order.
 */
exports: Array<ExportChoice>, };

export type StepAction = "put" | "update" | "delete" | "condition_check";

export type StreamViewType = "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";

export type TableKeys = { name: string, partition_key: KeyAttribute, sort_key: KeyAttribute, };

export type TableSettings = { 
/**
 * The DynamoDB table name: 3 to 255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`.
 */
name: string, billing: Billing, 
/**
 * The change stream's view type; none turns the stream off.
 */
stream?: StreamViewType, 
/**
 * The Number attribute (epoch seconds) after which DynamoDB deletes an item.
 */
ttl_attribute?: string, point_in_time_recovery?: boolean, deletion_protection?: boolean, tags?: { [key in string]: string }, 
/**
 * Projections pinned by hand, by index name ("GSI2"): used instead of the one
 * the design derives from the reads (ALL to leave room for ad-hoc reads,
 * KEYS_ONLY or INCLUDE to save storage and writes). The verifier rejects a
 * read that needs an attribute a pinned projection leaves out.
 */
pinned_projections?: { [key in string]: Projection }, };

export type TableState = { name: string, 
/**
 * CREATING, UPDATING, DELETING, ACTIVE, ...
 */
status: string, 
/**
 * Items DynamoDB counted (AWS refreshes this about every six hours).
 */
items: number, bytes: number, indexes: Array<IndexState>, };

export type Technique = "item_collection" | "adjacency_list" | "inverted_index" | "sparse_index" | "gsi_overloading" | "composite_sort_key" | "time_ordered_sort_key" | "local_secondary_index" | "write_sharding" | "transaction" | "ttl" | "pinned_key" | "denormalization";

export type TransactionStep = { action: StepAction, entity: string, description?: string, 
/**
 * The step is repeated once per element of a list the request carries ("one
 * per line of the order"); absent: once.
 */
for_each?: ForEach, conditions?: Array<Clause<Condition>>, 
/**
 * An update step's changes; a put step's values fixed in the model, as a
 * put pattern's `updates`.
 */
updates?: Array<Update>, };

export type Ttl = { attribute: string, 
/**
 * The date attribute the lifetime counts from.
 */
from: string, days: number, };

export type Update = { attribute: string, action: UpdateAction, 
/**
 * The request parameter whose value is set or added; none for `remove`.
 */
input?: string, 
/**
 * The value set or added, fixed in the model in place of an `input` (a
 * payment sets `status` to `paid`), as the attribute's type writes it. The
 * design then knows the new value: the index keys built from it, and whether
 * the item enters or leaves a sparse index, are decided in the same request.
 */
value?: string, };

export type UpdateAction = "set" | "add" | "remove";

export type Verdict = { pattern: string, ok: boolean, 
/**
 * Why it fails; empty when it passes.
 */
reasons: Array<string>, 
/**
 * Changes of the model that answer the reasons, each one edit.
 */
fixes?: Array<Fix>, };

export type Verification = { 
/**
 * Problems of the design as a whole (limits, unknown attributes in templates).
 */
design: Array<string>, patterns: Array<Verdict>, };

/** A read's filter. */
export type Filter = Clause<FilterTest>;

/** A write's condition. */
export type WriteCondition = Clause<Condition>;

/** The name an explanation gives each technique. */
export const TECHNIQUE_NAMES: Record<Technique, string> = {
  "item_collection": "Item collection",
  "adjacency_list": "Adjacency list",
  "inverted_index": "Inverted index",
  "sparse_index": "Sparse index",
  "gsi_overloading": "GSI overloading",
  "composite_sort_key": "Composite sort key",
  "time_ordered_sort_key": "Time-ordered sort key",
  "local_secondary_index": "Local secondary index",
  "write_sharding": "Write sharding",
  "transaction": "Transaction",
  "ttl": "TTL",
  "pinned_key": "Pinned",
  "denormalization": "Denormalization",
};
