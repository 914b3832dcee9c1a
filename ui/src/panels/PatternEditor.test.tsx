import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { AccessPattern, DocumentState, Relationship } from "../generated/types";
import { acmeState, fakeApi, renderWithStudio } from "../test/studio";
import { PatternEditor } from "./PatternEditor";

function pattern(id: string, state: DocumentState = acmeState): AccessPattern {
  const found = (state.model.access_patterns ?? []).find((p) => p.id === id);
  if (!found) throw new Error(`no pattern ${id}`);
  return found;
}

function edit(p: AccessPattern, state: DocumentState = acmeState) {
  const api = fakeApi(state);
  renderWithStudio(<PatternEditor pattern={p} />, { state, api });
  return api;
}

const group = (name: string, inside: HTMLElement = document.body) => within(inside).getByRole("group", { name });
const sent = (p: AccessPattern, id = p.id) => [[{ op: "update_pattern", id, pattern: p }]];
/** `p` as the backend receives it without `key`: JSON leaves undefined fields out. */
const absent = (p: AccessPattern, key: keyof AccessPattern) => JSON.parse(JSON.stringify({ ...p, [key]: undefined })) as AccessPattern;
/** The labels of the checkboxes in `inside`, in order. */
const checkboxes = (inside: HTMLElement) =>
  within(inside)
    .getAllByRole("checkbox")
    .map((c) => (c as HTMLInputElement).labels?.[0]?.textContent);

describe("editing a pattern", () => {
  it("sends the whole pattern with a new name once, when the field is left", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP07"));
    const name = screen.getByRole("textbox", { name: "Name" });
    await user.clear(name);
    await user.type(name, "Customer and accounts");
    expect(api.edit).not.toHaveBeenCalled();
    await user.tab();
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP07"), name: "Customer and accounts" }));
  });

  it("renames the pattern's id under its old id", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP07"));
    const id = screen.getByRole("textbox", { name: "ID" });
    await user.clear(id);
    await user.type(id, "AP99{Enter}");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP07"), id: "AP99" }, "AP07"));
  });

  it("changes the kind, dropping the fields the new kind has not", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP09"));
    await user.selectOptions(screen.getByRole("combobox", { name: "Kind" }), "Delete");
    expect(api.edit.mock.calls).toStrictEqual(
      sent({
        id: "AP09",
        name: "Get the last N transactions of an account",
        description: "Newest first.",
        kind: "delete",
        entity: "Transaction",
        inputs: ["accountNumber"],
        peak_rate: 800,
      }),
    );
  });

  it("fetches related entities with the target, several or none", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP07"));
    const withGroup = group("Fetched with");
    expect(checkboxes(withGroup)).toEqual(["Account", "Offer"]);
    await user.click(within(withGroup).getByRole("checkbox", { name: "Offer" }));
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP07"), with: ["Account", "Offer"] }));
    api.edit.mockClear();
    await user.click(within(withGroup).getByRole("checkbox", { name: "Account" }));
    expect(api.edit.mock.calls).toStrictEqual(sent(absent(pattern("AP07"), "with")));
  });

  it("names the relationship a read follows when its inputs identify a related entity", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP08"));
    const follows = screen.getByRole("combobox", { name: "Follows" });
    expect(within(follows).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— the only one —",
      "CustomerAccounts",
      "CustomerOffer",
    ]);
    await user.selectOptions(follows, "CustomerAccounts");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP08"), via: "CustomerAccounts" }));
  });

  it("has no relationship to follow when the inputs are the target's own", () => {
    edit(pattern("AP01"));
    expect(screen.queryByRole("combobox", { name: "Follows" })).toBeNull();
  });

  it("offers entities and many-to-many relationships as targets, keeping what the new one can use", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP05"));
    const target = screen.getByRole("combobox", { name: "Target" });
    expect(within(target).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "Customer",
      "Account",
      "Transaction",
      "Offer",
      "DailyAggregate",
      "CustomerOffer",
    ]);
    await user.selectOptions(target, "CustomerOffer");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP05"), entity: "CustomerOffer" }));
  });

  it("changes the peak rate, the result size and the limit, in the order they were made", async () => {
    const api = edit(pattern("AP09"));
    const set = (label: string, value: string) => {
      const input = screen.getByRole("textbox", { name: label });
      fireEvent.change(input, { target: { value } });
      fireEvent.blur(input);
    };
    set("Peak rate (requests/s)", "950.5");
    set("Result size (items)", "");
    set("Limit (items)", "50");
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(3); });
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...pattern("AP09"), peak_rate: 950.5 }),
      ...sent(absent(pattern("AP09"), "result_size")),
      ...sent({ ...pattern("AP09"), limit: 50 }),
    ]);
  });
});

describe("the input picker", () => {
  it("offers a write only what its items hold: not the identifier of a child", () => {
    edit({ ...pattern("AP06"), kind: "update" });
    expect(checkboxes(group("Inputs"))).toEqual(["accountNumber", "type", "balance", "lastTransactionNumber", "openedOn", "customerNumber"]);
  });

  it("offers an Account pattern the account's attributes and Customer's identifier customerNumber", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP06"));
    const inputs = group("Inputs");
    expect(checkboxes(inputs)).toEqual(["accountNumber", "type", "balance", "lastTransactionNumber", "openedOn", "transactionNumber", "customerNumber"]);
    const customerNumber = within(inputs).getByRole<HTMLInputElement>("checkbox", { name: "customerNumber" });
    expect(customerNumber.checked).toBe(false);
    expect(within(inputs).getByRole<HTMLInputElement>("checkbox", { name: "accountNumber" }).checked).toBe(true);
    expect(within(inputs).getByText("identifier of Customer")).toBeTruthy();
    await user.click(customerNumber);
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP06"), inputs: ["accountNumber", "customerNumber"] }));
  });

  it("offers a many-to-many relationship's data and both ends' identifiers", () => {
    edit(pattern("AP16"));
    expect(checkboxes(group("Inputs"))).toEqual(["sentOn", "channel", "status", "customerNumber", "offerId"]);
    expect(within(group("Inputs")).getByText("identifier of Offer")).toBeTruthy();
  });

  /** ACME with one more entity, `rel` joining it to itself, and `p` as its only pattern. */
  const withSelfRelationship = (entity: string, id: string, rel: Relationship, p: AccessPattern): DocumentState => ({
    ...acmeState,
    model: {
      ...acmeState.model,
      entities: [...acmeState.model.entities, { name: entity, attributes: [{ name: id, type: "string", identifier: true }] }],
      relationships: [...(acmeState.model.relationships ?? []), rel],
      access_patterns: [p],
    },
  });

  it("names the to end <to_role>.<attr> on a relationship of an entity with itself", () => {
    const friends: AccessPattern = { id: "AP22", name: "Friends of a player", kind: "read_many", entity: "Friendship", inputs: ["playerId"], peak_rate: 5 };
    const rel: Relationship = { name: "Friendship", from: "Player", to: "Player", cardinality: "many_to_many", to_role: "friend" };
    edit(friends, withSelfRelationship("Player", "playerId", rel, friends));
    expect(checkboxes(group("Inputs"))).toEqual(["playerId", "friend.playerId"]);
  });

  it("offers a child's parent of the same entity under the parent's role", () => {
    const reports: AccessPattern = { id: "HR04", name: "Reports", kind: "read_many", entity: "Employee", inputs: ["managerEmployeeId"], peak_rate: 5 };
    const rel: Relationship = { name: "ReportsTo", from: "Employee", to: "Employee", cardinality: "one_to_many", from_role: "manager" };
    edit(reports, withSelfRelationship("Employee", "employeeId", rel, reports));
    expect(checkboxes(group("Inputs"))).toEqual(["employeeId", "managerEmployeeId"]);
  });

  it("keeps listing an input the target cannot use, so that it can be unchecked", async () => {
    const user = userEvent.setup();
    const api = edit({ ...pattern("AP01"), inputs: ["customerNumber", "specialStatuses"] });
    const statuses = within(group("Inputs")).getByRole<HTMLInputElement>("checkbox", { name: "specialStatuses" });
    expect(statuses.checked).toBe(true);
    expect(screen.getByText("its type cannot be matched in a key")).toBeTruthy();
    await user.click(statuses);
    expect(api.edit.mock.calls).toStrictEqual(sent(pattern("AP01")));
  });
});

describe("the fields of each kind", () => {
  /** The legends of the editor's sections, nested ones included, in order. */
  const groups = () => screen.getAllByRole("group").map((g) => g.querySelector("legend")?.textContent);

  it("shows a read's inputs, range, order, filter and consistency, and no write fields", () => {
    edit(pattern("AP01"));
    expect(groups()).toEqual(["Fetched with", "Inputs", "Range and order", "Filter", "Returns", "Load"]);
    expect(screen.getByRole("checkbox", { name: "Strongly consistent" })).toBeTruthy();
  });

  it("shows a put's conditions and the values it fixes; an update's conditions and updates", () => {
    const { unmount } = renderWithStudio(<PatternEditor pattern={{ ...pattern("AP06"), kind: "put" }} />);
    expect(groups()).toEqual(["Inputs", "Conditions", "Values every new item holds", "Load"]);
    expect(screen.queryByRole("checkbox", { name: "Strongly consistent" })).toBeNull();
    expect(screen.queryByRole("group", { name: "Fetched with" })).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Result size (items)" })).toBeNull();
    unmount();
    edit({ ...pattern("AP06"), kind: "update" });
    expect(groups()).toEqual(["Inputs", "Conditions", "Updates", "Load"]);
  });

  it("offers a put only its target's own attributes to fix, not its key or its parent's identifier", () => {
    edit({ ...pattern("AP06"), kind: "put", inputs: [], updates: [{ attribute: "type", action: "set", value: "checking" }] });
    const offered = within(group("Value 1")).getByRole("combobox", { name: "Attribute" });
    const names = within(offered).getAllByRole("option").map((o) => o.textContent);
    expect(names).not.toContain("accountNumber");
    expect(names).not.toContain("customerNumber");
    expect(names).toContain("type");
  });

  it("shows a transaction's steps only", () => {
    edit(pattern("AP18"));
    expect(screen.queryByRole("group", { name: "Inputs" })).toBeNull();
    expect(screen.queryByRole("group", { name: "Filter" })).toBeNull();
    const steps = group("Steps");
    expect(within(steps).getAllByRole("group", { name: /^Step \d$/ })).toHaveLength(2);
    expect(within(group("Step 1", steps)).queryByRole("group", { name: "Updates" })).toBeNull();
    expect(within(group("Step 2", steps)).getByRole("group", { name: "Updates" })).toBeTruthy();
  });

  it("shows an expiry's retention only", () => {
    edit(pattern("AP21"));
    expect(groups()).toEqual(["Retention", "Load"]);
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Age counted from" }).value).toBe("date");
    expect(screen.getByRole<HTMLInputElement>("textbox", { name: "Days" }).value).toBe("2555");
  });
});

describe("range, order and filter", () => {
  it("changes the range's test, and drops the range", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP11"));
    await user.selectOptions(screen.getByRole("combobox", { name: "Range test" }), ">=");
    await user.selectOptions(screen.getByRole("combobox", { name: "Range on" }), "— none —");
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...pattern("AP11"), range: { attribute: "date", op: ">=" } }),
      ...sent(absent(pattern("AP11"), "range")),
    ]);
  });

  it("moves the order with the range, as a Query sorts by its sort key only", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP11"));
    const orderBy = screen.getByRole("combobox", { name: "Order by" });
    expect(within(orderBy).getAllByRole("option").map((o) => o.textContent)).toEqual(["— none —", "date"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Range on" }), "transactionNumber");
    expect(api.edit.mock.calls).toStrictEqual(
      sent({
        ...pattern("AP11"),
        range: { attribute: "transactionNumber", op: "between" },
        order: { attribute: "transactionNumber", direction: "ascending" },
      }),
    );
  });

  it("does not offer begins_with on a number", () => {
    edit({ ...pattern("AP09"), range: { attribute: "transactionNumber", op: ">" } });
    const ops = within(screen.getByRole("combobox", { name: "Range test" })).getAllByRole("option").map((o) => o.textContent);
    expect(ops).toEqual(["between", "=", "<", "<=", ">", ">="]);
  });

  it("changes the order's direction", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP09"));
    await user.selectOptions(screen.getByRole("combobox", { name: "Direction" }), "Ascending (oldest first)");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP09"), order: { attribute: "transactionNumber", direction: "ascending" } }));
  });

  it("offers an enum's values for an equals filter", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP13"));
    const value = screen.getByRole("combobox", { name: "Filter value" });
    expect(within(value).getAllByRole("option").map((o) => o.textContent)).toEqual(["—", "approved", "declined"]);
    await user.selectOptions(value, "approved");
    await user.selectOptions(screen.getByRole("combobox", { name: "Filter test" }), "is present");
    const base = pattern("AP13");
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...base, filter: { attribute: "status", op: "equals", value: "approved", selectivity: 0.001 } }),
      ...sent({ ...base, filter: { attribute: "status", op: "present", selectivity: 0.001 } }),
    ]);
  });

  it("starts a filter as 'present'", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP03"));
    expect(screen.queryByRole("combobox", { name: "Filter test" })).toBeNull();
    await user.selectOptions(screen.getByRole("combobox", { name: "Filter on" }), "lastName");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...pattern("AP03"), filter: { attribute: "lastName", op: "present" } }));
  });

  it("types the value of an equals filter on an attribute without an enum", async () => {
    const user = userEvent.setup();
    const p: AccessPattern = { ...pattern("AP03"), filter: { attribute: "lastName", op: "equals", value: "Smith" } };
    const api = edit(p);
    const value = screen.getByRole("textbox", { name: "Filter value" });
    expect((value as HTMLInputElement).value).toBe("Smith");
    await user.clear(value);
    await user.type(value, "Jones{Enter}");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...p, filter: { attribute: "lastName", op: "equals", value: "Jones" } }));
  });
});

describe("the filter's tests", () => {
  it("offers a number the tests that order it, and between takes its two bounds", async () => {
    const user = userEvent.setup();
    const p: AccessPattern = { ...pattern("AP09"), filter: { attribute: "amount", op: "greater_than", value: "100" } };
    const api = edit(p);
    const ops = within(screen.getByRole("combobox", { name: "Filter test" })).getAllByRole("option").map((o) => o.textContent);
    expect(ops).toEqual(["equals", "is not", "<", "<=", ">", ">=", "between", "is one of", "is present", "is absent"]);
    await user.selectOptions(screen.getByRole("combobox", { name: "Filter test" }), "between");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...p, filter: { attribute: "amount", op: "between", values: ["100", ""] } }));
  });

  it("picks an enum's values for 'is one of', in the enum's order", async () => {
    const user = userEvent.setup();
    const p: AccessPattern = { ...pattern("AP09"), filter: { attribute: "type", op: "in", values: ["transfer"] } };
    const api = edit(p);
    await user.click(screen.getByRole("checkbox", { name: "cash" }));
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...p, filter: { attribute: "type", op: "in", values: ["cash", "transfer"] } }));
  });

  it("turns one value into the first of a list, and keeps the share of items that pass", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP13"));
    await user.selectOptions(screen.getByRole("combobox", { name: "Filter test" }), "is one of");
    expect(api.edit.mock.calls).toStrictEqual(
      sent({ ...pattern("AP13"), filter: { attribute: "status", op: "in", values: ["declined"], selectivity: 0.001 } }),
    );
  });
});

describe("a filter of several tests and of request values", () => {
  const over: AccessPattern = { ...pattern("AP09"), filter: { attribute: "amount", op: "greater_than", value: "100" } };

  it("compares with a value the request gives, by its parameter's name", async () => {
    const user = userEvent.setup();
    const api = edit(over);
    await user.selectOptions(screen.getByRole("combobox", { name: "Compared with" }), "a value the request gives");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...over, filter: { attribute: "amount", op: "greater_than", input: "minAmount" } }));
    const asked: AccessPattern = { ...over, filter: { attribute: "amount", op: "greater_than", input: "minAmount" } };
    api.edit.mockClear();
    document.body.innerHTML = "";
    const again = edit(asked);
    expect(screen.queryByRole("textbox", { name: "Filter value" })).toBeNull();
    const parameter = screen.getByRole("textbox", { name: "Request parameter" });
    expect((parameter as HTMLInputElement).value).toBe("minAmount");
    await user.clear(parameter);
    await user.type(parameter, "atLeast{Enter}");
    expect(again.edit.mock.calls).toStrictEqual(sent({ ...over, filter: { attribute: "amount", op: "greater_than", input: "atLeast" } }));
  });

  it("adds a test, joining the two with all", async () => {
    const user = userEvent.setup();
    const api = edit(over);
    await user.click(screen.getByRole("button", { name: "Add a test" }));
    expect(api.edit.mock.calls).toStrictEqual(
      sent({ ...over, filter: { all: [{ attribute: "amount", op: "greater_than", value: "100" }, { attribute: expect.any(String) as string, op: "present" }] } }),
    );
  });

  it("negates one test and joins with any", async () => {
    const user = userEvent.setup();
    const two: AccessPattern = {
      ...over,
      filter: { all: [{ attribute: "amount", op: "greater_than", value: "100" }, { attribute: "type", op: "equals", value: "cash" }] },
    };
    const api = edit(two);
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Keep the items that pass" }).value).toBe("all");
    await user.click(within(group("Test 2")).getByRole("checkbox", { name: "Not: keep the items that fail this test" }));
    expect(api.edit.mock.calls).toStrictEqual(
      sent({ ...over, filter: { all: [{ attribute: "amount", op: "greater_than", value: "100" }, { not: { attribute: "type", op: "equals", value: "cash" } }] } }),
    );
    api.edit.mockClear();
    await user.selectOptions(screen.getByRole("combobox", { name: "Keep the items that pass" }), "any test (OR)");
    expect(api.edit.mock.calls).toStrictEqual(
      sent({ ...over, filter: { any: [{ attribute: "amount", op: "greater_than", value: "100" }, { attribute: "type", op: "equals", value: "cash" }] } }),
    );
  });

  it("shows a filter nested deeper than it edits as text, and can remove it", async () => {
    const user = userEvent.setup();
    const nested: AccessPattern = {
      ...over,
      filter: { not: { any: [{ attribute: "amount", op: "less_than", value: "5" }, { attribute: "type", op: "present" }] } },
    };
    const api = edit(nested);
    expect(group("Filter").textContent).toContain("not ((amount less than 5) or (type present))");
    await user.click(screen.getByRole("button", { name: "Remove the filter" }));
    expect(api.edit.mock.calls).toStrictEqual(sent(absent(nested, "filter")));
  });
});

describe("what a read returns", () => {
  it("lists the attributes the application uses, in the target's order; none means all", async () => {
    const user = userEvent.setup();
    const p = pattern("AP09");
    const api = edit(p);
    const returns = group("Returns");
    expect(returns.textContent).toContain("Every attribute");
    const names = checkboxes(returns);
    await user.click(within(returns).getByRole("checkbox", { name: names[1] ?? "" }));
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...p, returns: [names[1] ?? ""] }));
  });

  it("unchecking the last one returns every attribute again", async () => {
    const user = userEvent.setup();
    const p = pattern("AP09");
    const first = (p.inputs ?? [])[0] ?? "";
    const api = edit({ ...p, returns: [first] });
    expect(group("Returns").textContent).toContain("Only these");
    await user.click(within(group("Returns")).getByRole("checkbox", { name: first }));
    expect(api.edit.mock.calls).toStrictEqual(sent(absent({ ...p, returns: [] }, "returns")));
  });
});

describe("writes", () => {
  it("edits a single write's conditions", async () => {
    const user = userEvent.setup();
    const put: AccessPattern = { id: "AP30", name: "Open an account", kind: "put", entity: "Account", inputs: ["accountNumber"], peak_rate: 3 };
    const api = edit(put);
    await user.click(screen.getByRole("button", { name: "Add condition" }));
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...put, conditions: [{ op: "not_exists" }] }));
  });

  it("compares an attribute with an input, and tests the item itself without one", async () => {
    const user = userEvent.setup();
    const update: AccessPattern = {
      id: "AP30",
      name: "Rename",
      kind: "update",
      entity: "Customer",
      peak_rate: 1,
      conditions: [{ op: "exists" }],
      updates: [{ attribute: "lastName", action: "set", input: "lastName" }],
    };
    const api = edit(update);
    const condition = group("Condition 1");
    expect(within(within(condition).getByRole("combobox", { name: "Test" })).getAllByRole("option")).toHaveLength(2);
    await user.selectOptions(within(condition).getByRole("combobox", { name: "Attribute" }), "lastName");
    expect(api.edit.mock.calls.at(-1)).toStrictEqual([{ op: "update_pattern", id: "AP30", pattern: { ...update, conditions: [{ attribute: "lastName", op: "exists" }] } }]);
  });

  it("joins conditions with any and negates one: create, or replace if unchanged", async () => {
    const user = userEvent.setup();
    const put: AccessPattern = {
      id: "AP30",
      name: "Save a customer",
      kind: "put",
      entity: "Customer",
      peak_rate: 1,
      conditions: [{ op: "not_exists" }, { attribute: "lastName", op: "=", input: "expectedLastName" }],
    };
    const api = edit(put);
    await user.selectOptions(screen.getByRole("combobox", { name: "The write goes through when" }), "any");
    const either = { any: [{ op: "not_exists" }, { attribute: "lastName", op: "=", input: "expectedLastName" }] };
    expect(api.edit.mock.calls.at(-1)).toStrictEqual([{ op: "update_pattern", id: "AP30", pattern: { ...put, conditions: [either] } }]);
    await user.click(within(group("Condition 2")).getByRole("checkbox", { name: "Not: holds when this test fails" }));
    expect(api.edit.mock.calls.at(-1)).toStrictEqual([
      { op: "update_pattern", id: "AP30", pattern: { ...put, conditions: [{ op: "not_exists" }, { not: { attribute: "lastName", op: "=", input: "expectedLastName" } }] } },
    ]);
  });

  it("shows conditions nested deeper than one join as text", () => {
    const deep = { any: [{ op: "not_exists" as const }, { all: [{ attribute: "lastName", op: "=" as const, input: "a" }, { attribute: "firstName", op: "=" as const, input: "b" }] }] };
    edit({ id: "AP30", name: "Save", kind: "put", entity: "Customer", peak_rate: 1, conditions: [deep] });
    expect(screen.getByText("(the item not_exists) or ((lastName = :a) and (firstName = :b))")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Remove the conditions" })).toBeTruthy();
  });

  it("does not offer an update the attributes of the item's key", () => {
    edit({ ...pattern("AP06"), kind: "update", updates: [{ attribute: "balance", action: "add", input: "amount" }] });
    const attributes = within(group("Update 1")).getByRole("combobox", { name: "Attribute" });
    const names = within(attributes).getAllByRole("option").map((o) => o.textContent);
    expect(names).not.toContain("accountNumber");
    expect(names).toContain("balance");
    expect(names).toContain("customerNumber");
  });

  it("sets an update to a value written here, one of the enum's", async () => {
    const user = userEvent.setup();
    const update: AccessPattern = {
      id: "AP30",
      name: "Decline a transaction",
      kind: "update",
      entity: "Transaction",
      peak_rate: 1,
      conditions: [{ attribute: "status", op: "=", value: "approved" }],
      updates: [{ attribute: "status", action: "set", input: "status" }],
    };
    const api = edit(update);
    const values = within(group("Condition 1")).getByRole("combobox", { name: "Value" });
    expect(within(values).getAllByRole("option").map((o) => o.textContent)).toStrictEqual(["—", "approved", "declined"]);
    expect((values as HTMLSelectElement).value).toBe("approved");
    await user.selectOptions(within(group("Update 1")).getByRole("combobox", { name: "Sets it to" }), "a value written here");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...update, updates: [{ attribute: "status", action: "set" }] }));
  });

  it("takes a set's additions from the request only", () => {
    edit({
      id: "AP30",
      name: "Add a status",
      kind: "update",
      entity: "Customer",
      peak_rate: 1,
      updates: [{ attribute: "specialStatuses", action: "add", input: "statuses" }],
    });
    const update = group("Update 1");
    expect(within(update).queryByRole("combobox", { name: "Adds" })).toBeNull();
    expect(within(update).getByRole("textbox", { name: "Request parameter" })).toBeTruthy();
  });

  it("removes an update's input with the remove action", async () => {
    const user = userEvent.setup();
    const update: AccessPattern = {
      id: "AP30",
      name: "Forget the phone",
      kind: "update",
      entity: "Customer",
      peak_rate: 1,
      updates: [{ attribute: "phone", action: "set", input: "phone" }],
    };
    const api = edit(update);
    await user.selectOptions(within(group("Update 1")).getByRole("combobox", { name: "Action" }), "remove");
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...update, updates: [{ attribute: "phone", action: "remove" }] }));
  });

  it("edits a transaction step's condition input", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP19"));
    const step = group("Step 2");
    const input = within(group("Condition 2", step)).getByRole("textbox", { name: "Request parameter" });
    await user.clear(input);
    await user.type(input, "amountDue{Enter}");
    const base = pattern("AP19");
    const [put, update] = base.steps ?? [];
    if (!put || !update) throw new Error("AP19 has two steps");
    expect(api.edit.mock.calls).toStrictEqual(
      sent({
        ...base,
        steps: [
          put,
          {
            ...update,
            conditions: [
              { attribute: "lastTransactionNumber", op: "=", input: "expectedLastTransactionNumber" },
              { attribute: "balance", op: ">=", input: "amountDue" },
            ],
          },
        ],
      }),
    );
  });

  it("compares a step's condition with another attribute of the item, of the same type", async () => {
    const user = userEvent.setup();
    const base = pattern("AP19");
    const [put, update] = base.steps ?? [];
    if (!put || !update) throw new Error("AP19 has two steps");
    const compared = (other_attribute: string): AccessPattern => ({
      ...base,
      steps: [
        put,
        {
          ...update,
          conditions: [
            { attribute: "lastTransactionNumber", op: "=", input: "expectedLastTransactionNumber" },
            { attribute: "balance", op: ">=", other_attribute },
          ],
        },
      ],
    });
    const api = edit(base);
    const source = within(group("Condition 2", group("Step 2"))).getByRole("combobox", { name: "Compared with" });
    await user.selectOptions(source, "another attribute of the item");
    // The only other number an account holds: not balance itself, a string, or a transaction's number.
    expect(api.edit.mock.calls).toStrictEqual(sent(compared("lastTransactionNumber")));

    document.body.innerHTML = "";
    edit(compared("lastTransactionNumber"));
    const other = within(group("Condition 2", group("Step 2"))).getByRole("combobox", { name: "Attribute compared with" });
    expect(Array.from((other as HTMLSelectElement).options).map((o) => o.value)).toStrictEqual(["lastTransactionNumber"]);
    expect(other).toHaveProperty("value", "lastTransactionNumber");
  });

  it("adds and removes transaction steps, never the last one", async () => {
    const user = userEvent.setup();
    const api = edit(pattern("AP18"));
    await user.click(screen.getByRole("button", { name: "Add step" }));
    await user.click(within(group("Step 1")).getByRole("button", { name: "Remove step 1" }));
    const base = pattern("AP18");
    const steps = base.steps ?? [];
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...base, steps: [...steps, { action: "put", entity: "Transaction" }] }),
      ...sent({ ...base, steps: steps.slice(1) }),
    ]);
  });

  it("repeats a transaction step once per element of a list", async () => {
    const api = edit(pattern("AP19"));
    const base = pattern("AP19");
    const [put, update] = base.steps ?? [];
    if (!put || !update) throw new Error("AP19 has two steps");
    fireEvent.click(within(group("Step 1")).getByRole("checkbox", { name: "Once per element of a list" }));
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(1); });
    expect(api.edit.mock.calls).toStrictEqual(sent({ ...base, steps: [{ ...put, for_each: { list: "transactions", at_most: 10 } }, update] }));
  });

  it("changes how long a repeated step's list may be, and makes the step run once again", async () => {
    const base = pattern("AP19");
    const [put, update] = base.steps ?? [];
    if (!put || !update) throw new Error("AP19 has two steps");
    const repeated = { ...base, steps: [{ ...put, for_each: { list: "transactions", at_most: 10 } }, update] };
    const api = edit(repeated);
    expect(within(group("Step 1")).getByRole("textbox", { name: "List" })).toHaveProperty("value", "transactions");
    const most = within(group("Step 1")).getByRole("textbox", { name: "At most" });
    fireEvent.change(most, { target: { value: "45" } });
    fireEvent.blur(most);
    fireEvent.click(within(group("Step 1")).getByRole("checkbox", { name: "Once per element of a list" }));
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(2); });
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...base, steps: [{ ...put, for_each: { list: "transactions", at_most: 45 } }, update] }),
      ...sent(base),
    ]);
  });

  it("changes an expiry's retention", async () => {
    const api = edit(pattern("AP21"));
    const days = screen.getByRole("textbox", { name: "Days" });
    fireEvent.change(days, { target: { value: "3650" } });
    fireEvent.blur(days);
    fireEvent.click(screen.getByRole("checkbox", { name: "Archive expired items from the stream" }));
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(2); });
    expect(api.edit.mock.calls).toStrictEqual([
      ...sent({ ...pattern("AP21"), retention: { attribute: "date", days: 3650, archive: true } }),
      ...sent({ ...pattern("AP21"), retention: { attribute: "date", days: 2555 } }),
    ]);
  });
});
