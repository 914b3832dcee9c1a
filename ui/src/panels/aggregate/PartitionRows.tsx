// One partition of an index: its key once, spanning its items, which show in
// sort key order in their entity's color, as NoSQL Workbench draws a table.
import type { PartitionView } from "../../generated/types";
import type { Mark, Marks } from "./marks";
import { ValueText } from "./ValueText";

export function PartitionRows(props: { partition: PartitionView; marks: Marks; colorOf: (entity: string) => number }) {
  const { partition, marks } = props;
  const read = marks.read(partition.key);
  return (
    <tbody data-partition={partition.key}>
      {partition.items.map((item, i) => {
        const mark = marks.item(item.primary_key);
        return (
          <tr
            key={JSON.stringify(item.primary_key)}
            className={`entity-color-${props.colorOf(item.entity)}`}
            data-entity={item.entity}
            data-mark={mark ?? undefined}
            title={mark === null ? item.entity : `${item.entity}: ${MARK_TITLES[mark]}`}
          >
            {i === 0 && (
              <th
                scope="rowgroup"
                rowSpan={partition.items.length}
                className={read ? "partition read" : "partition"}
                data-testid="partition-key"
              >
                <ValueText value={partition.key} />
              </th>
            )}
            <td className="sort">
              <ValueText value={item.sort} />
            </td>
            {item.values.map((value, j) => (
              <td key={j}>
                <ValueText value={value} />
              </td>
            ))}
          </tr>
        );
      })}
    </tbody>
  );
}

const MARK_TITLES: Record<Mark, string> = {
  returned: "returned by the pattern",
  either: "may complete the pattern's limited answer",
};
