// The key attributes of a design in index order, the order entities write them
// in: the table's partition and sort key, each GSI's pair, then each LSI's sort
// key (an LSI shares the table's partition key).
import type { Design } from "../../generated/types";

export function keyColumns(design: Design): string[] {
  return [
    design.table.partition_key.name,
    design.table.sort_key.name,
    ...design.gsis.flatMap((g) => [g.partition_key.name, g.sort_key.name]),
    ...design.lsis.map((l) => l.sort_key.name),
  ];
}
