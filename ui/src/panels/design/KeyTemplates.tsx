// What every entity and many-to-many relationship writes into every key
// attribute: the single-table design at a glance.
import type { Design } from "../../generated/types";
import { EntityKeysRow } from "./EntityKeysRow";
import { keyColumns } from "./keyColumns";

export function KeyTemplates(props: { design: Design }) {
  const columns = keyColumns(props.design);
  const withTtl = props.design.entities.some((e) => e.ttl !== undefined);
  return (
    <table className="design-table key-templates" data-testid="key-templates">
      <thead>
        <tr>
          <th>Entity</th>
          {columns.map((c) => (
            <th key={c} className="mono">
              {c}
            </th>
          ))}
          {withTtl && <th>TTL</th>}
        </tr>
      </thead>
      {props.design.entities.map((keys) => (
        <EntityKeysRow key={keys.name} keys={keys} columns={columns} withTtl={withTtl} />
      ))}
    </table>
  );
}
