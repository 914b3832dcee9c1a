// What a highlighted pattern touches, as the grid looks it up. An item is the
// same item in every index by its table primary key, so it stays marked on
// every tab; the partitions read belong to the one index the plan reads.
import type { Highlight } from "../../generated/types";

/** `returned`: in the answer; `either`: one of the items of which any may complete an answer cut by a limit. */
export type Mark = "returned" | "either";

export interface Marks {
  read: (partition: string) => boolean;
  item: (primaryKey: [string, string]) => Mark | null;
}

export function marksOf(highlight: Highlight | null, index: string): Marks {
  const read = new Set(highlight?.index === index ? highlight.partitions : []);
  const returned = new Set((highlight?.items ?? []).map(itemKey));
  const either = new Set((highlight?.either ?? []).map(itemKey));
  return {
    read: (partition) => read.has(partition),
    item: (primaryKey) => {
      const k = itemKey(primaryKey);
      return returned.has(k) ? "returned" : either.has(k) ? "either" : null;
    },
  };
}

function itemKey(primaryKey: [string, string]): string {
  return JSON.stringify(primaryKey);
}
