// The selected entity: its name, volumes and attributes, and the keys the design
// gives it.
import type { Entity } from "../generated/types";
import { useStudio } from "../state/studio";
import { AttributesEditor, type Opening } from "./AttributesEditor";
import { EntityRelationships } from "./EntityRelationships";
import { CheckField, NumberField, TextField } from "./fields";
import { KeysOf } from "./KeysOf";

export function EntityEditor(props: { entity: Entity; opening: Opening | null }) {
  const { edit, doc } = useStudio();
  const e = props.entity;
  const properties = {
    description: e.description ?? "",
    expected_count: e.expected_count ?? null,
    average_item_size: e.average_item_size ?? null,
    maintained_by_stream: e.maintained_by_stream ?? false,
  };
  const set = (change: Partial<typeof properties>) =>
    void edit({ op: "set_entity_properties", entity: e.name, properties: { ...properties, ...change } });
  const patterns = (doc.model.access_patterns ?? []).filter((p) => p.entity === e.name || (p.with ?? []).includes(e.name));
  return (
    <div className="editor" data-testid="entity-editor">
      <h2>Entity</h2>
      <TextField
        label="Name"
        value={e.name}
        testId="entity-name"
        autoFocus={props.opening !== null && props.opening.attribute === undefined}
        onCommit={(to) => void edit({ op: "rename_entity", entity: e.name, to })}
      />
      <TextField label="Description" multiline value={properties.description} onCommit={(description) => { set({ description }); }} />
      <div className="row">
        <NumberField label="Expected items" value={properties.expected_count} min={0} onCommit={(v) => { set({ expected_count: v }); }} />
        <NumberField label="Average item size (bytes)" value={properties.average_item_size} min={1} onCommit={(v) => { set({ average_item_size: v }); }} />
      </div>
      <CheckField
        label="Maintained from the table's stream"
        hint="an aggregate or view the application does not write itself"
        value={properties.maintained_by_stream}
        onCommit={(v) => { set({ maintained_by_stream: v }); }}
      />
      <AttributesEditor owner={e.name} attributes={e.attributes} opening={props.opening} />
      <EntityRelationships entity={e} />
      <KeysOf name={e.name} />
      <section>
        <h3>Access patterns</h3>
        {patterns.length === 0 ? (
          <p className="empty">No pattern reads or writes {e.name} yet.</p>
        ) : (
          <ul className="plain">
            {patterns.map((p) => (
              <li key={p.id}>
                <code>{p.id}</code> {p.name}
              </li>
            ))}
          </ul>
        )}
        <button type="button" onClick={() => void edit({ op: "add_pattern", entity: e.name })}>
          Add access pattern for {e.name}
        </button>
      </section>
    </div>
  );
}
