import { describe, expect, it } from "vitest";

import type { AccessPattern } from "../generated/types";
import { acmeState } from "../test/studio";
import { freshForEach } from "./patterns/ForEachFields";
import { compact, count, retarget, withKind } from "./patterns/pattern";

const model = acmeState.model;

function pattern(id: string): AccessPattern {
  const found = (model.access_patterns ?? []).find((p) => p.id === id);
  if (!found) throw new Error(`no pattern ${id}`);
  return found;
}

describe("a pattern as the file stores it", () => {
  it("leaves out empty optional fields, and keeps required ones even when empty or zero", () => {
    const p: AccessPattern = {
      id: "AP30",
      name: "",
      description: "",
      kind: "read_many",
      entity: "Transaction",
      with: undefined,
      inputs: [],
      filter: { attribute: "status", op: "present", value: "", selectivity: undefined },
      strongly_consistent: false,
      peak_rate: 0,
      conditions: [],
      steps: [{ action: "put", entity: "Transaction", description: "", conditions: [{ attribute: "", op: "not_exists", input: "" }], updates: [] }],
      retention: { attribute: "date", days: 0, archive: false },
    };
    expect(compact(p)).toStrictEqual({
      id: "AP30",
      name: "",
      kind: "read_many",
      entity: "Transaction",
      filter: { attribute: "status", op: "present" },
      peak_rate: 0,
      steps: [{ action: "put", entity: "Transaction", conditions: [{ op: "not_exists" }] }],
      retention: { attribute: "date", days: 0 },
    });
  });

  it("keeps a repeated step's list, in the file's field order", () => {
    const p: AccessPattern = {
      id: "EC15",
      name: "Place an order",
      kind: "transaction",
      entity: "Order",
      peak_rate: 1,
      steps: [
        { action: "put", entity: "Order", conditions: [{ op: "not_exists" }] },
        { action: "put", entity: "OrderItem", conditions: [], for_each: { list: "lines", at_most: 45, typical: undefined }, description: "" },
      ],
    };
    const steps = compact(p).steps ?? [];
    expect(steps[1]).toStrictEqual({ action: "put", entity: "OrderItem", for_each: { list: "lines", at_most: 45 } });
    expect(Object.keys(steps[1] ?? {})).toEqual(["action", "entity", "for_each"]);
  });

  it("leaves the ACME patterns as they are", () => {
    for (const p of model.access_patterns ?? []) {
      expect(compact(p)).toStrictEqual(p);
    }
  });

  it("stores counts as whole numbers, 0 or more", () => {
    expect(count(2.6)).toBe(3);
    expect(count(-4)).toBe(0);
    expect(count(null)).toBeUndefined();
  });
});

describe("changing a pattern's kind", () => {
  it("drops what the new kind has no use for", () => {
    expect(withKind(pattern("AP07"), "update", model)).toStrictEqual({
      id: "AP07",
      name: "Get a customer with all their accounts",
      description: "One request is the goal.",
      kind: "update",
      entity: "Customer",
      inputs: ["customerNumber"],
      peak_rate: 500,
    });
  });

  it("keeps, from an update become a put, only the values it fixes", () => {
    const update: AccessPattern = {
      ...pattern("AP06"),
      kind: "update",
      updates: [
        { attribute: "balance", action: "add", input: "amount" },
        { attribute: "status", action: "set", value: "OPEN" },
      ],
    };
    expect(withKind(update, "put", model).updates).toStrictEqual([{ attribute: "status", action: "set", value: "OPEN" }]);
    expect(withKind(update, "delete", model).updates).toBeUndefined();
    const put = withKind(update, "put", model);
    expect(withKind(put, "transaction", model).steps).toStrictEqual([
      { action: "put", entity: "Account", updates: [{ attribute: "status", action: "set", value: "OPEN" }] },
    ]);
  });

  it("gives a transaction a first step, made of the single write it was", () => {
    expect(withKind(pattern("AP01"), "transaction", model).steps).toEqual([{ action: "put", entity: "Customer" }]);
    const update: AccessPattern = {
      ...pattern("AP06"),
      kind: "update",
      conditions: [{ op: "exists" }],
      updates: [{ attribute: "balance", action: "add", input: "amount" }],
    };
    const tx = withKind(update, "transaction", model);
    expect(tx.inputs).toBeUndefined();
    expect(tx.conditions).toBeUndefined();
    expect(tx.steps).toStrictEqual([
      { action: "update", entity: "Account", conditions: [{ op: "exists" }], updates: [{ attribute: "balance", action: "add", input: "amount" }] },
    ]);
  });

  it("gives an expiry a retention counted from the target's first date", () => {
    expect(withKind(pattern("AP09"), "expire", model)).toStrictEqual({
      id: "AP09",
      name: "Get the last N transactions of an account",
      description: "Newest first.",
      kind: "expire",
      entity: "Transaction",
      peak_rate: 800,
      retention: { attribute: "date", days: 365 },
    });
  });
});

describe("changing a pattern's target", () => {
  it("keeps what the new target can still use", () => {
    const moved = retarget(pattern("AP05"), "Customer", model);
    expect(moved.entity).toBe("Customer");
    expect(moved.inputs).toEqual(["customerNumber"]);
  });

  it("keeps a read's input that identifies an ancestor of the new target, not a write's", () => {
    // A customer's accounts, moved to Transaction: the customer's transactions, two levels down.
    expect(retarget(pattern("AP05"), "Transaction", model).inputs).toEqual(["customerNumber"]);
    const write = { ...pattern("AP05"), kind: "delete" as const };
    expect(retarget(write, "Transaction", model).inputs).toBeUndefined();
  });

  it("drops inputs, range, order and fetched entity the new target does not have", () => {
    const moved = retarget({ ...pattern("AP11"), with: ["Account"] }, "Offer", model);
    expect(moved).toStrictEqual({
      id: "AP11",
      name: "List the transactions of an account within a date range",
      kind: "read_many",
      entity: "Offer",
      peak_rate: 200,
      result_size: 60,
    });
    expect(retarget(pattern("AP07"), "Offer", model).with).toBeUndefined();
  });
});

describe("a step repeated over a list", () => {
  it("starts with a list named for its entity in the plural", () => {
    expect(freshForEach({ action: "put", entity: "OrderItem" }).list).toBe("orderItems");
    expect(freshForEach({ action: "update", entity: "Address" }).list).toBe("addresses");
    expect(freshForEach({ action: "put", entity: "Delivery" }).list).toBe("deliveries");
    expect(freshForEach({ action: "put", entity: "Day" }).list).toBe("days");
  });
});
