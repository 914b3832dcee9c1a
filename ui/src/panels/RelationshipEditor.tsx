// The selected relationship: its ends, cardinality and, for many-to-many, the
// data its pair items carry.
import type { Cardinality, Relationship, RelationshipProperties } from "../generated/types";
import { useStudio } from "../state/studio";
import { AttributesEditor } from "./AttributesEditor";
import { CheckField, NumberField, SelectField, TextField } from "./fields";
import { KeysOf } from "./KeysOf";
import { identifiers, parentAttribute } from "./patterns/attributes";

const CARDINALITIES: readonly { value: Cardinality; label: string }[] = [
  { value: "one_to_many", label: "One-to-many" },
  { value: "one_to_one", label: "One-to-one" },
  { value: "many_to_many", label: "Many-to-many" },
];

export function RelationshipEditor(props: { relationship: Relationship }) {
  const { edit, doc } = useStudio();
  const r = props.relationship;
  const properties: RelationshipProperties = {
    name: r.name,
    from: r.from,
    to: r.to,
    cardinality: r.cardinality,
    to_role: r.to_role ?? null,
    from_role: r.from_role ?? null,
    required: r.required ?? false,
    description: r.description ?? "",
    expected_count: r.expected_count ?? null,
    average_item_size: r.average_item_size ?? null,
  };
  const set = (change: Partial<RelationshipProperties>) =>
    void edit({ op: "update_relationship", relationship: r.name, properties: { ...properties, ...change } });
  const entities = doc.model.entities.map((e) => ({ value: e.name, label: e.name }));
  const manyToMany = r.cardinality === "many_to_many";
  const parentId = identifiers(doc.model, r.from)[0]?.name ?? "identifier";
  return (
    <div className="editor" data-testid="relationship-editor">
      <h2>Relationship</h2>
      <TextField label="Name" value={r.name} testId="relationship-name" onCommit={(name) => { set({ name }); }} />
      <div className="row">
        <SelectField label={manyToMany ? "From" : "Parent (one)"} value={r.from} options={entities} onCommit={(from) => { set({ from }); }} />
        <SelectField label={manyToMany ? "To" : "Child (many)"} value={r.to} options={entities} onCommit={(to) => { set({ to }); }} />
      </div>
      <SelectField label="Cardinality" value={r.cardinality} options={CARDINALITIES} testId="relationship-cardinality" onCommit={(cardinality) => { set({ cardinality }); }} />
      {!manyToMany && (
        <CheckField
          label={`Every ${r.to} belongs to one ${r.from}`}
          value={properties.required}
          onCommit={(required) => { set({ required }); }}
        />
      )}
      {manyToMany && r.from === r.to && (
        <TextField
          label="Name of the other end"
          hint={`its identifier is written <name>.<attribute> on the pair items`}
          value={properties.to_role ?? ""}
          onCommit={(role) => { set({ to_role: role.trim() === "" ? null : role.trim() }); }}
        />
      )}
      {!manyToMany && r.from === r.to && (
        <TextField
          label="Name of the parent end"
          hint={`each child carries its parent's ${parentId} as ${parentAttribute(properties.from_role ?? "<name>", parentId)}`}
          value={properties.from_role ?? ""}
          onCommit={(role) => { set({ from_role: role.trim() === "" ? null : role.trim() }); }}
        />
      )}
      <TextField label="Description" multiline value={properties.description} onCommit={(description) => { set({ description }); }} />
      {manyToMany && (
        <>
          <div className="row">
            <NumberField label="Expected pairs" value={properties.expected_count} onCommit={(v) => { set({ expected_count: v }); }} />
            <NumberField label="Average pair item size (bytes)" value={properties.average_item_size} onCommit={(v) => { set({ average_item_size: v }); }} />
          </div>
          <AttributesEditor owner={r.name} attributes={r.attributes ?? []} />
          <KeysOf name={r.name} />
        </>
      )}
    </div>
  );
}
