// One index's items grouped by partition: the partition key, the sort key, then
// every other attribute an item of the index carries.
import { useLayoutEffect, useRef } from "react";

import type { Highlight, IndexView } from "../../generated/types";
import { marksOf } from "./marks";
import { PartitionRows } from "./PartitionRows";

export function ItemGrid(props: { index: IndexView; highlight: Highlight | null; colorOf: (entity: string) => number }) {
  const { index, highlight } = props;
  const grid = useRef<HTMLDivElement>(null);
  const marks = marksOf(highlight, index.name);

  // A pattern's answer may sit far down or right in a wide sample: bring it
  // into view whenever a highlight arrives or the tab changes under it. A layout
  // effect scrolls in the same commit that draws the marks, so the grid never
  // paints at the old position first.
  useLayoutEffect(() => {
    if (highlight === null) return;
    grid.current?.querySelector("[data-mark]")?.scrollIntoView({ block: "center", inline: "nearest" });
  }, [highlight, index.name]);

  if (index.partitions.length === 0) {
    return (
      <p className="empty" data-testid="empty-index">
        No sample item carries {index.partition_key}
        {index.name === "table" ? "" : `, so ${index.name} holds nothing (a sparse index only holds the items that write its keys)`}.
      </p>
    );
  }
  return (
    <div className="aggregate-grid" ref={grid}>
      <table data-testid="item-grid" aria-label={`Items of ${index.name} by partition`}>
        <thead>
          <tr>
            <th className="partition" title="Partition key">
              {index.partition_key} <span className="role">partition key</span>
            </th>
            <th title="Sort key">
              {index.sort_key} <span className="role">sort key</span>
            </th>
            {index.attributes.map((a) => (
              <th key={a}>{a}</th>
            ))}
          </tr>
        </thead>
        {index.partitions.map((p) => (
          <PartitionRows key={p.key} partition={p} marks={marks} colorOf={props.colorOf} />
        ))}
      </table>
    </div>
  );
}
