// One entity's (or many-to-many relationship's) keys across every index, with
// the decisions behind them folded away until asked for. Choosing the row opens
// the entity in the diagram, where its keys come from.
import { useState } from "react";

import type { EntityKeys } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { KeyCell } from "./KeyCell";
import { TechniqueBadges } from "./TechniqueBadges";

export function EntityKeysRow(props: { keys: EntityKeys; columns: string[]; withTtl: boolean }) {
  const { select, setView } = useStudio();
  const [open, setOpen] = useState(false);
  const k = props.keys;
  const choose = () => {
    select(k.kind === "relationship" ? { kind: "relationship", name: k.name } : { kind: "entities", names: [k.name] });
    setView("diagram");
  };
  return (
    <tbody data-testid={`keys-${k.name}`}>
      <tr className="choosable" onClick={choose}>
        <th scope="row">
          {/* The whole row chooses; the button lets the keyboard reach it. */}
          <button type="button" className="link" title="Show in the diagram">
            {k.name}
          </button>
          {k.kind === "relationship" && <span className="badge">many-to-many</span>}
          <button
            type="button"
            className="why"
            aria-expanded={open}
            onClick={(e) => {
              // Reading why must not leave the view.
              e.stopPropagation();
              setOpen(!open);
            }}
          >
            why ({k.explanation.length})
          </button>
        </th>
        {props.columns.map((c) => (
          <KeyCell key={c} template={k.keys[c]} sparse={k.sparse?.[c]} shard={k.shards?.[c]} />
        ))}
        {props.withTtl && (
          <td>
            {k.ttl ? (
              <span className="badge ttl" title="Epoch seconds; DynamoDB deletes the item after it">
                {k.ttl.attribute} = {k.ttl.from} + {k.ttl.days} days
              </span>
            ) : (
              <span className="no-key">—</span>
            )}
          </td>
        )}
      </tr>
      {open && (
        <tr className="explanation">
          <td colSpan={props.columns.length + (props.withTtl ? 2 : 1)}>
            <TechniqueBadges techniques={k.techniques} />
            <ul className="explanations">
              {k.explanation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    </tbody>
  );
}
