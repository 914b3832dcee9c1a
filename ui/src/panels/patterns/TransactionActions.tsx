// The actions of a TransactWriteItems (or of a single write), in order.
import { BuiltKeys } from "../BuiltKeys";
import { ReadsFirst } from "../ReadsFirst";
import { Repeated } from "../Repeated";
import type { Action, KeyCondition } from "../../generated/types";

/** A key as the application fills it in: `PK = CUSTOMER#{customerNumber}, SK = ...`. */
export function keyText(key: KeyCondition): string {
  const partition = `${key.partition.attribute} = ${key.partition.value}`;
  const sort = key.sort;
  if (!sort) return partition;
  const values = sort.values;
  const condition =
    sort.op === "between"
      ? `${sort.attribute} BETWEEN ${values[0] ?? ""} AND ${values[1] ?? ""}`
      : sort.op === "begins_with"
        ? `begins_with(${sort.attribute}, ${values[0] ?? ""})`
        : `${sort.attribute} ${sort.op} ${values.join(", ")}`;
  return `${partition}, ${condition}`;
}

export function TransactionActions(props: { actions: Action[] }) {
  return (
    <table className="plan-actions" aria-label="Actions">
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Entity</th>
          <th scope="col">Key</th>
          <th scope="col">Condition</th>
          <th scope="col">Update</th>
        </tr>
      </thead>
      <tbody>
        {props.actions.map((a, i) => (
          <tr key={i}>
            <td>{a.action}</td>
            <td>
              {a.entity}
              <Repeated forEach={a.for_each} />
            </td>
            <td>
              <code>{keyText(a.key)}</code>
            </td>
            <td>{a.condition !== undefined && <code>{a.condition}</code>}</td>
            <td>
              <ReadsFirst entity={a.entity} reads={a.reads} />
              {a.update !== undefined && <code>{a.update}</code>}
              <BuiltKeys built={a.built} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
