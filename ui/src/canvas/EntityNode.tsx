// An entity on the canvas: its name, then its attributes with their types and
// badges for the identifier, uniqueness and the keys the design builds from them.
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";

import type { EntityData } from "./graph";

export type EntityNodeType = Node<EntityData, "entity">;

const sides = [
  { id: "top", position: Position.Top },
  { id: "right", position: Position.Right },
  { id: "bottom", position: Position.Bottom },
  { id: "left", position: Position.Left },
] as const;

function EntityNodeView({ data, selected }: NodeProps<EntityNodeType>) {
  return (
    <div
      className={`entity-node${selected ? " selected" : ""}`}
      data-testid={`entity-${data.name}`}
      aria-label={`Entity ${data.name}`}
    >
      <header>
        <span className="entity-name">{data.name}</span>
        {data.stream && <span className="badge stream" title="Written by a consumer of the table's stream">stream</span>}
        {data.problems > 0 && (
          <span className="badge problem" title={`${data.problems} problem(s): see the Problems list`}>
            {data.problems}
          </span>
        )}
      </header>
      <ul>
        {data.rows.map((row) => (
          <li key={row.name} className={row.identifier ? "identifier" : undefined} data-attribute={row.name}>
            <span className="attribute-name">{row.name}</span>
            <span className="badges">
              {row.identifier && <span className="badge id" title="Part of the identifier">ID</span>}
              {row.unique && <span className="badge unique" title="Unique among the entity's items">UQ</span>}
              {row.keys.length > 0 && (
                <span className="badge key" title={`In the key of: ${row.keys.join(", ")}`}>
                  {row.keys.map(shortIndexName).join(" ")}
                </span>
              )}
            </span>
            <span className="attribute-type">{row.type}</span>
          </li>
        ))}
        {data.rows.length === 0 && <li className="empty">no attributes</li>}
      </ul>
      {sides.map((side) => (
        <Handle key={side.id} id={side.id} type="source" position={side.position} className="entity-handle" />
      ))}
    </div>
  );
}

export const EntityNode = memo(EntityNodeView);

/** table → T, GSI2 → G2, LSI1 → L1: a badge per index fits beside the name. */
export function shortIndexName(index: string): string {
  if (index === "table") return "T";
  return index.replace(/^GSI/, "G").replace(/^LSI/, "L");
}
