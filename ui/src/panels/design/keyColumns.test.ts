import { describe, expect, it } from "vitest";

import type { Design } from "../../generated/types";
import { acmeState } from "../../test/studio";
import { keyColumns } from "./keyColumns";

describe("key columns", () => {
  it("lists each key attribute once, also where an inverted index shares the table's", () => {
    const design = acmeState.analysis.design;
    if (design === null) throw new Error("ACME derives");
    expect(keyColumns(design).slice(0, 4)).toEqual(["PK", "SK", "GSI1PK", "GSI1SK"]);
    const [first, ...rest] = design.gsis;
    if (first === undefined) throw new Error("ACME has GSIs");
    const inverted: Design = {
      ...design,
      gsis: [{ ...first, partition_key: design.table.sort_key, sort_key: design.table.partition_key }, ...rest],
    };
    const columns = keyColumns(inverted);
    expect(columns.slice(0, 3)).toEqual(["PK", "SK", "GSI2PK"]);
    expect(new Set(columns).size).toBe(columns.length);
  });
});
