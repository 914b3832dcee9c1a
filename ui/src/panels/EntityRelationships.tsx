// An entity's relationships, and a way to add one without dragging on the
// canvas: for keyboard users, and for entities far apart on a large diagram.
import { useState } from "react";

import type { Cardinality, Entity } from "../generated/types";
import { useStudio } from "../state/studio";

const KINDS: readonly { value: Cardinality; label: string }[] = [
  { value: "one_to_many", label: "has many" },
  { value: "many_to_many", label: "many-to-many with" },
  { value: "one_to_one", label: "has one" },
];

export function EntityRelationships(props: { entity: Entity }) {
  const { doc, edit, select } = useStudio();
  const name = props.entity.name;
  const mine = (doc.model.relationships ?? []).filter((r) => r.from === name || r.to === name);
  const [other, setOther] = useState(name);
  const [cardinality, setCardinality] = useState<Cardinality>("one_to_many");
  return (
    <section aria-label={`Relationships of ${name}`}>
      <h3>Relationships</h3>
      {mine.length === 0 ? (
        <p className="empty">{name} is not related to any entity yet.</p>
      ) : (
        <ul className="plain">
          {mine.map((r) => (
            <li key={r.name}>
              <button type="button" className="link" onClick={() => { select({ kind: "relationship", name: r.name }); }}>
                {r.name}
              </button>{" "}
              <span className="hint">
                {r.from} → {r.to}, {r.cardinality.replaceAll("_", "-")}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="connect">
        <span>{name}</span>
        <select aria-label="Kind of relationship" value={cardinality} onChange={(e) => { setCardinality(e.target.value as Cardinality); }}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <select aria-label="Related entity" value={other} onChange={(e) => { setOther(e.target.value); }}>
          {doc.model.entities.map((e) => (
            <option key={e.name} value={e.name}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void edit({ op: "add_relationship", from: name, to: other, cardinality })}>
          Connect
        </button>
      </div>
    </section>
  );
}
