// The key attributes of a design, as the design names them: an imported design
// keeps its source's names, so a name says nothing of its index, and two
// indexes may share one (an inverted index keyed by the table's own SK and PK).
import type { Design } from "../../generated/types";

/** Each index with the key attributes it writes, the table first; a local
 * index's partition key is the table's own. */
export function keyAttributesByIndex(design: Design): [string, string[]][] {
  return [
    ["table", [design.table.partition_key.name, design.table.sort_key.name]],
    ...design.gsis.map((i): [string, string[]] => [i.name, [i.partition_key.name, i.sort_key.name]]),
    ...design.lsis.map((i): [string, string[]] => [i.name, [i.sort_key.name]]),
  ];
}

/** The key attributes in index order, the order entities write them in, each once. */
export function keyColumns(design: Design): string[] {
  return [...new Set(keyAttributesByIndex(design).flatMap(([, names]) => names))];
}
