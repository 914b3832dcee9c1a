import { describe, expect, it } from "vitest";

import { acmeState } from "../test/studio";
import { endedMoves, withPicks } from "./Diagram";
import { keyAttributesByIndex } from "../panels/design/keyColumns";
import { diagram, freeSpot, keyUse, NODE_WIDTH, placeMissing, savedPositions, unchanged } from "./graph";

const { model, analysis } = acmeState;

describe("the diagram of a model", () => {
  it("has a node per entity and an edge per relationship, from parent to child", () => {
    const { nodes, edges } = diagram(model, analysis.design, savedPositions(model), () => 0);
    expect(nodes.map((n) => n.id)).toEqual(["Customer", "Account", "Transaction", "Offer", "DailyAggregate"]);
    const accounts = edges.find((e) => e.id === "CustomerAccounts");
    expect(accounts).toMatchObject({ source: "Customer", target: "Account", data: { cardinality: "one_to_many" } });
    expect(edges.find((e) => e.id === "CustomerOffer")?.data.cardinality).toBe("many_to_many");
  });

  it("badges the identifier and the indexes whose keys an attribute is part of", () => {
    const { nodes } = diagram(model, analysis.design, savedPositions(model), () => 0);
    const customer = nodes.find((n) => n.id === "Customer");
    const number = customer?.data.rows.find((r) => r.name === "customerNumber");
    expect(number).toMatchObject({ identifier: true, type: "S" });
    expect(number?.keys).toEqual(["table", "GSI1", "GSI2", "GSI3"]);
    expect(customer?.data.rows.find((r) => r.name === "phone")?.keys).toEqual(["GSI1"]);
    expect(customer?.data.rows.find((r) => r.name === "firstName")?.keys).toEqual([]);
  });

  it("reads key attributes by the names the design gives them, and ignores the shard placeholder", () => {
    const byIndex = new Map(analysis.design ? keyAttributesByIndex(analysis.design) : []);
    expect(byIndex.get("table")).toEqual(["PK", "SK"]);
    expect(byIndex.get("GSI1")).toEqual(["GSI1PK", "GSI1SK"]);
    expect(keyUse(analysis.design, "Customer").has("_shard")).toBe(false);
    expect(keyUse(null, "Customer").size).toBe(0);
  });
});

describe("where entities go", () => {
  it("keeps saved positions and puts the others in a grid below them", () => {
    const saved = savedPositions(model);
    const partial = new Map([...saved].filter(([name]) => name !== "Offer"));
    const placed = placeMissing(model, partial);
    expect(placed.get("Customer")).toEqual(saved.get("Customer"));
    const offer = placed.get("Offer");
    const lowest = Math.max(...[...partial.values()].map((p) => p.y));
    expect(offer?.y).toBeGreaterThan(lowest);
  });

  it("never drops a new entity on top of another, nor too close for a line's label", () => {
    const taken = new Map([["A", { x: 100, y: 100 }]]);
    expect(freeSpot({ x: 600, y: 500 }, taken)).toEqual({ x: 600, y: 500 });
    const moved = freeSpot({ x: 110, y: 90 }, taken);
    expect(Math.abs(moved.x - 100) >= NODE_WIDTH + 160 || Math.abs(moved.y - 100) >= 160).toBe(true);
  });
});

describe("picking on the canvas", () => {
  const pick = (id: string, selected: boolean) => ({ type: "select" as const, id, selected });

  it("adds Shift-clicked entities to the selection and drops deselected ones", () => {
    const one = withPicks({ kind: "none" }, [pick("A", true)]);
    expect(one).toEqual({ kind: "entities", names: ["A"] });
    expect(withPicks(one, [pick("B", true)])).toEqual({ kind: "entities", names: ["A", "B"] });
    expect(withPicks(one, [pick("A", false)])).toEqual({ kind: "none" });
  });

  it("replaces a selected relationship or pattern with picked entities, and keeps it when only deselecting", () => {
    expect(withPicks({ kind: "relationship", name: "R" }, [pick("A", true)])).toEqual({ kind: "entities", names: ["A"] });
    expect(withPicks({ kind: "pattern", id: "AP01" }, [pick("A", false)])).toEqual({ kind: "pattern", id: "AP01" });
  });
});

describe("unchanged", () => {
  it("keeps the previous object when nothing in it changed, and takes the new one otherwise", () => {
    const previous = { id: "Customer", position: { x: 1, y: 2 }, data: { rows: ["id"] } };
    expect(unchanged(previous, { id: "Customer", position: { x: 1, y: 2 }, data: { rows: ["id"] } })).toBe(previous);
    const moved = { id: "Customer", position: { x: 1, y: 3 }, data: { rows: ["id"] } };
    expect(unchanged(previous, moved)).toBe(moved);
    expect(unchanged(undefined, moved)).toBe(moved);
  });
});

describe("endedMoves", () => {
  const saved = new Map([
    ["Customer", { x: 0, y: 0 }],
    ["Order", { x: 300, y: 0 }],
  ]);
  const position = (id: string, x: number, y: number, dragging?: boolean) =>
    ({ id, type: "position", position: { x, y }, dragging }) as const;

  it("saves where a move ended, rounded, whether a drag or the arrow keys made it", () => {
    expect(endedMoves([position("Customer", 10.4, 20.6, false), position("Order", 300, 0, false)], saved)).toEqual({
      Customer: { x: 10, y: 21 },
    });
  });

  it("saves nothing while a drag goes on, nor a move back to where the model has it", () => {
    expect(endedMoves([position("Customer", 50, 50, true)], saved)).toBeNull();
    expect(endedMoves([position("Customer", 50, 50)], saved)).toBeNull();
    expect(endedMoves([position("Order", 300.2, 0, false)], saved)).toBeNull();
    expect(endedMoves([{ id: "Order", type: "select", selected: true }], saved)).toBeNull();
  });
});
