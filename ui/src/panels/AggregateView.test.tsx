import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { DocumentState, Highlight } from "../generated/types";
import { useStudio } from "../state/studio";
import { acmeAggregate, acmeHighlight, acmeState, fakeApi, renderWithStudio } from "../test/studio";
import { AggregateView } from "./AggregateView";

const scrolled = vi.fn();

beforeEach(() => {
  scrolled.mockClear();
  // jsdom lays nothing out, so it has no scrolling.
  Element.prototype.scrollIntoView = scrolled;
});

async function renderAggregate(api = fakeApi()) {
  const result = renderWithStudio(<AggregateView />, { api });
  await screen.findByTestId("item-grid");
  return { ...result, api };
}

function partition(key: string): HTMLElement {
  const body = document.querySelector<HTMLElement>(`tbody[data-partition="${key}"]`);
  if (body === null) throw new Error(`no partition ${key}`);
  return body;
}

function sortKeys(rows: Iterable<Element>): string[] {
  return [...rows].map((row) => row.querySelector("td.sort")?.textContent ?? "");
}

async function choosePattern(id: string) {
  fireEvent.change(screen.getByLabelText("Highlight pattern"), { target: { value: id } });
  const summary = within(screen.getByTestId("highlight-summary"));
  await waitFor(() => {
    expect(summary.queryByRole("status")).toBeNull();
  });
}

describe("the Aggregate view", () => {
  it("draws 6 items per entity, and again when the count changes", async () => {
    const { api } = await renderAggregate();
    expect(api.aggregateView).toHaveBeenCalledTimes(1);
    expect(api.aggregateView).toHaveBeenCalledWith(6);
    fireEvent.change(screen.getByLabelText("Items per entity"), { target: { value: "12" } });
    expect(api.aggregateView).toHaveBeenLastCalledWith(12);
  });

  it("asks nothing for a count out of range", async () => {
    const { api } = await renderAggregate();
    const input = screen.getByLabelText("Items per entity");
    fireEvent.change(input, { target: { value: "201" } });
    fireEvent.change(input, { target: { value: "0" } });
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(api.aggregateView).toHaveBeenCalledTimes(1);
  });

  it("draws again when the model changes", async () => {
    const api = fakeApi();
    api.edit.mockResolvedValue({ ...acmeState, revision: acmeState.revision + 1 } satisfies DocumentState);
    function Edit() {
      const { edit } = useStudio();
      return (
        <button type="button" onClick={() => void edit({ op: "set_model_info", name: "ACME Bank", description: "" })}>
          edit
        </button>
      );
    }
    renderWithStudio(
      <>
        <Edit />
        <AggregateView />
      </>,
      { api },
    );
    await screen.findByTestId("item-grid");
    fireEvent.click(screen.getByRole("button", { name: "edit" }));
    await waitFor(() => {
      expect(api.aggregateView).toHaveBeenCalledTimes(2);
    });
  });

  it("has a tab per index with its item count, the table first", async () => {
    await renderAggregate();
    const tabs = screen.getAllByRole("tab").map((t) => t.textContent);
    const counts = acmeAggregate.indexes.map((ix) => `${ix.name}${ix.partitions.reduce((n, p) => n + p.items.length, 0)}`);
    expect(tabs).toEqual(counts);
    expect(tabs).toEqual(["table36", "GSI124", "GSI212", "GSI34"]);
    expect(screen.getByRole("tab", { name: /table/ }).getAttribute("aria-selected")).toBe("true");
    fireEvent.click(screen.getByRole("tab", { name: /GSI3/ }));
    expect(screen.getByRole("columnheader", { name: /GSI3PK/ })).toBeTruthy();
    // Both sparse slots of the overloaded GSI3 have an item: the sample gives every filter one.
    expect(screen.getAllByTestId("partition-key").map((th) => th.textContent)).toEqual([
      "CUSTOMER#SPECIAL_STATUSES",
      "TRANSACTION#STATUS#DECLINED",
    ]);
  });

  it("groups a customer's items under their partition, the key spanning them", async () => {
    await renderAggregate();
    const customer = partition("CUSTOMER#700000001");
    const rows = within(customer).getAllByRole("row");
    expect(rows).toHaveLength(4);
    const key = within(customer).getByTestId("partition-key");
    expect(key.textContent).toBe("CUSTOMER#700000001");
    expect(key.getAttribute("rowspan")).toBe("4");
    expect(sortKeys(rows)).toEqual(["ACCOUNT#800000002", "ACCOUNT#800000005", "CUSTOMER#700000001", "OFFER#OFF-000002"]);
    expect(rows.map((r) => r.getAttribute("data-entity"))).toEqual(["Account", "Account", "Customer", "CustomerOffer"]);
  });

  it("colors each entity the same everywhere, by its place in the model", async () => {
    await renderAggregate();
    const colorOf = (entity: string) =>
      new Set([...document.querySelectorAll(`tr[data-entity="${entity}"]`)].map((r) => r.className));
    // Customer, Account, Transaction, Offer, DailyAggregate, then the relationships.
    expect(colorOf("Customer")).toEqual(new Set(["entity-color-0"]));
    expect(colorOf("Account")).toEqual(new Set(["entity-color-1"]));
    expect(colorOf("CustomerOffer")).toEqual(new Set(["entity-color-7"]));
    const legend = within(screen.getByRole("list", { name: "Entity colors" })).getAllByRole("listitem");
    expect(legend.map((li) => [li.textContent, li.className])).toEqual([
      ["Customer", "entity-color-0"],
      ["Account", "entity-color-1"],
      ["Transaction", "entity-color-2"],
      ["Offer", "entity-color-3"],
      ["DailyAggregate", "entity-color-4"],
      ["CustomerOffer", "entity-color-7"],
    ]);
  });

  it("labels the columns and keeps every value whole in its title", async () => {
    await renderAggregate();
    const headers = screen.getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers.slice(0, 4)).toEqual(["PK partition key", "SK sort key", "GSI1PK", "GSI1SK"]);
    expect(headers).toHaveLength(2 + (acmeAggregate.indexes[0]?.attributes.length ?? 0));
    const phone = screen.getByText("PHONE#+17441234567");
    expect(phone.getAttribute("title")).toBe("PHONE#+17441234567");
  });

  it("labels an index that projects only the keys", async () => {
    const api = fakeApi();
    api.aggregateView.mockResolvedValue({
      ...acmeAggregate,
      indexes: acmeAggregate.indexes.map((ix) => (ix.name === "GSI3" ? { ...ix, projection: "KEYS_ONLY" } : ix)),
    });
    await renderAggregate(api);
    fireEvent.click(screen.getByRole("tab", { name: /GSI3/ }));
    expect(screen.getByRole("tab", { name: /GSI3/ }).textContent).toContain("keys only");
    expect(screen.getByText(/GSI3 projects only the keys/)).toBeTruthy();
  });

  it("offers the read patterns only", async () => {
    await renderAggregate();
    const options = within(screen.getByLabelText("Highlight pattern")).getAllByRole("option");
    expect(options[0]?.textContent).toBe("none");
    const values = options.map((o) => o.getAttribute("value"));
    // AP18 and AP19 post transactions, AP21 expires them.
    for (const write of ["AP18", "AP19", "AP21"]) expect(values).not.toContain(write);
    expect(values).toContain("AP07");
    expect(options).toHaveLength(1 + 19);
  });

  it("highlights the items AP07 returns and the partition it reads", async () => {
    const { api } = await renderAggregate();
    await choosePattern("AP07");
    expect(api.highlightPattern).toHaveBeenCalledWith("AP07", 6, 0);
    const marked = document.querySelectorAll('tr[data-mark="returned"]');
    expect(marked).toHaveLength(3);
    for (const row of marked) expect(partition("CUSTOMER#700000001").contains(row)).toBe(true);
    expect(sortKeys(marked)).toEqual(["ACCOUNT#800000002", "ACCOUNT#800000005", "CUSTOMER#700000001"]);
    expect(document.querySelectorAll('tr[data-mark="either"]')).toHaveLength(0);
    // The highlighted items keep their entity's color.
    expect([...marked].map((r) => r.className)).toEqual(["entity-color-1", "entity-color-1", "entity-color-0"]);
    const reads = document.querySelectorAll("th.partition.read");
    expect([...reads].map((th) => th.textContent)).toEqual(["CUSTOMER#700000001"]);
    const summary = within(screen.getByTestId("highlight-summary"));
    expect(summary.getByText("Query")).toBeTruthy();
    expect(summary.getByText("customerNumber = 700000001")).toBeTruthy();
    expect(summary.getByText("3 items returned")).toBeTruthy();
    expect(scrolled).toHaveBeenCalled();
    expect(scrolled.mock.contexts[0]).toBe(marked[0]);
  });

  it("draws other parameters", async () => {
    const { api } = await renderAggregate();
    await choosePattern("AP07");
    fireEvent.click(screen.getByRole("button", { name: "Draw other parameters" }));
    expect(api.highlightPattern).toHaveBeenLastCalledWith("AP07", 6, 1);
    fireEvent.change(screen.getByLabelText("Highlight pattern"), { target: { value: "AP05" } });
    expect(api.highlightPattern).toHaveBeenLastCalledWith("AP05", 6, 0);
  });

  it("shows the index the pattern reads, and items any of which may complete a limited answer", async () => {
    const api = fakeApi();
    const byPhone: Highlight = {
      pattern: "AP02",
      index: "GSI1",
      operation: "Query",
      parameters: [["phone", "+17441234567"]],
      partitions: ["PHONE#+17441234567"],
      items: [],
      either: [["CUSTOMER#700000001", "CUSTOMER#700000001"]],
      note: null,
    };
    api.highlightPattern.mockResolvedValue(byPhone);
    await renderAggregate(api);
    await choosePattern("AP02");
    expect(screen.getByRole("tab", { name: /GSI1/ }).getAttribute("aria-selected")).toBe("true");
    const either = document.querySelectorAll('tr[data-mark="either"]');
    expect(either).toHaveLength(1);
    expect(partition("PHONE#+17441234567").contains(either[0] ?? null)).toBe(true);
    expect(screen.getByText("any of 1 item may complete the answer")).toBeTruthy();
    // The user may look at another index; the item stays marked there.
    fireEvent.click(screen.getByRole("tab", { name: /table/ }));
    expect(document.querySelectorAll('tr[data-mark="either"]')).toHaveLength(1);
    expect(document.querySelectorAll("th.partition.read")).toHaveLength(0);
  });

  it("explains returned items outside the partitions read by the plan's follow-up request", async () => {
    const api = fakeApi();
    api.highlightPattern.mockResolvedValue({
      pattern: "AP08",
      index: "GSI1",
      operation: "Query",
      parameters: [["accountNumber", "800000003"]],
      partitions: ["ACCOUNT#800000003"],
      items: [["CUSTOMER#700000001", "CUSTOMER#700000001"]],
      either: [],
      note: null,
    } satisfies Highlight);
    await renderAggregate(api);
    await choosePattern("AP08");
    const summary = within(screen.getByTestId("highlight-summary"));
    expect(summary.getByText("ACCOUNT#800000003")).toBeTruthy();
    expect(summary.getByText(/A follow-up request fetches what the first one finds/)).toBeTruthy();
    const [customer] = document.querySelectorAll('tr[data-mark="returned"]');
    expect(partition("PHONE#+17441234567").contains(customer ?? null)).toBe(true);
  });

  it("says why nothing is highlighted", async () => {
    const api = fakeApi();
    api.highlightPattern.mockResolvedValue({ ...acmeHighlight, items: [], partitions: [], parameters: [], note: "no sample item of Account can supply the inputs" });
    await renderAggregate(api);
    fireEvent.change(screen.getByLabelText("Highlight pattern"), { target: { value: "AP07" } });
    expect(await screen.findByText("no sample item of Account can supply the inputs")).toBeTruthy();
    expect(document.querySelectorAll("tr[data-mark]")).toHaveLength(0);
  });

  it("says when the design has no plan for the pattern", async () => {
    const api = fakeApi();
    api.highlightPattern.mockResolvedValue(null);
    await renderAggregate(api);
    await choosePattern("AP07");
    expect(screen.getByText("The design has no plan for AP07.")).toBeTruthy();
  });

  it("shows why there is no sample instead of a grid", async () => {
    const api = fakeApi();
    api.aggregateView.mockRejectedValue({ message: "The model has 2 problems to fix before it has a design.", path: null, kind: "no_design" });
    renderWithStudio(<AggregateView />, { api });
    expect(screen.getByRole("status").textContent).toContain("Drawing 6 sample items per entity");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The model has 2 problems to fix before it has a design.");
    expect(screen.queryByTestId("item-grid")).toBeNull();
  });

  it("shows why a highlight was refused", async () => {
    const api = fakeApi();
    api.highlightPattern.mockRejectedValue({ message: "no design to highlight on", path: null, kind: "no_design" });
    await renderAggregate(api);
    fireEvent.change(screen.getByLabelText("Highlight pattern"), { target: { value: "AP07" } });
    expect((await screen.findByRole("alert")).textContent).toBe("no design to highlight on");
  });

  it("keeps only the answer to the latest question", async () => {
    const api = fakeApi();
    let answerSix: (value: typeof acmeAggregate) => void = () => undefined;
    api.aggregateView.mockReturnValueOnce(
      new Promise<typeof acmeAggregate>((resolve) => {
        answerSix = resolve;
      }),
    );
    const twelve = { ...acmeAggregate, items_per_entity: 12, indexes: acmeAggregate.indexes.slice(0, 1) };
    api.aggregateView.mockResolvedValueOnce(twelve);
    renderWithStudio(<AggregateView />, { api });
    fireEvent.change(screen.getByLabelText("Items per entity"), { target: { value: "12" } });
    await screen.findByTestId("item-grid");
    await act(async () => {
      answerSix(acmeAggregate);
      await Promise.resolve();
    });
    expect(screen.getAllByRole("tab")).toHaveLength(1);
  });
});
