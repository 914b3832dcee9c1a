// One key attribute of one entity: the template it writes, and when it writes
// it only under a condition (sparse) or with a shard suffix.
import type { Shard, SparseCondition } from "../../generated/types";

export function KeyCell(props: { template: string | undefined; sparse: SparseCondition | undefined; shard: Shard | undefined }) {
  if (props.template === undefined) {
    return <td className="no-key" title="The entity's items are not in this index">—</td>;
  }
  return (
    <td>
      <code>{props.template}</code>
      {props.sparse && (
        <span className="badge sparse" title="Written only when this holds, so the index holds just these items">
          sparse: {condition(props.sparse)}
        </span>
      )}
      {props.shard && (
        <span className="badge shard" title="{_shard} is FNV-1a of these attributes modulo the shard count; readers query every shard">
          {props.shard.count} shards from {props.shard.from.join(", ")}
        </span>
      )}
    </td>
  );
}

function condition(c: SparseCondition): string {
  return c.op === "present" ? `${c.attribute} present` : `${c.attribute} = ${c.value ?? ""}`;
}
