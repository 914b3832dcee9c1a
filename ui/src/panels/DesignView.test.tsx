import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { DocumentState, Verdict } from "../generated/types";
import { useStudio } from "../state/studio";
import { acmeState, acmeWithProblems, fakeApi, renderWithStudio } from "../test/studio";
import { DesignView } from "./DesignView";

const design = acmeState.analysis.design;
if (design === null) throw new Error("the ACME fixture has a design");

/** What the tests read of the studio besides the view. */
function Probe() {
  const { selection, view } = useStudio();
  return (
    <output data-testid="probe">
      {view} {JSON.stringify(selection)}
    </output>
  );
}

function first(elements: HTMLElement[]): HTMLElement {
  const [element] = elements;
  if (element === undefined) throw new Error("no element");
  return element;
}

/** ACME with AP05's verdict failed as `failure` says. */
function failingAP05(failure: Pick<Verdict, "reasons" | "fixes">): DocumentState {
  const verification = acmeState.analysis.verification;
  if (verification === null) throw new Error("the ACME fixture is verified");
  const patterns = verification.patterns.map((v) => (v.pattern === "AP05" ? { ...v, ok: false, ...failure } : v));
  return { ...acmeState, analysis: { ...acmeState.analysis, verification: { ...verification, patterns } } };
}

function renderDesign(state: DocumentState = acmeState) {
  return renderWithStudio(
    <>
      <DesignView />
      <Probe />
    </>,
    { state },
  );
}

describe("the Design view", () => {
  it("shows each entity's key templates under their key attributes", () => {
    renderDesign();
    const table = screen.getByTestId("key-templates");
    const headers = within(table).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Entity", "PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "TTL"]);
    const customer = within(screen.getByTestId("keys-Customer")).getAllByRole("cell");
    expect(customer[0]?.textContent).toBe("CUSTOMER#{customerNumber}");
    expect(customer[4]?.textContent).toContain("STATE#{state}#{_shard}");
    expect(customer[4]?.textContent).toContain("2 shards from customerNumber");
    expect(customer[6]?.textContent).toContain("sparse: specialStatuses present");
    const transaction = within(screen.getByTestId("keys-Transaction"));
    expect(transaction.getAllByText("sparse: status = declined")).toHaveLength(2);
    expect(transaction.getByText("expiresAt = date + 2555 days")).toBeTruthy();
    // Offer is in no GSI.
    expect(within(screen.getByTestId("keys-Offer")).getAllByText("—")).toHaveLength(7);
  });

  it("folds an entity's explanation away until asked for", () => {
    renderDesign();
    const customer = within(screen.getByTestId("keys-Customer"));
    const why = customer.getByRole("button", { name: "why (5)" });
    expect(customer.queryByText(/^Own partition/)).toBeNull();
    fireEvent.click(why);
    expect(customer.getByText(/^Own partition: Customer items/)).toBeTruthy();
    const techniques = within(customer.getByLabelText("Techniques")).getAllByText(/./).map((b) => b.textContent);
    expect(techniques).toEqual(["Sparse index", "GSI overloading", "Write sharding"]);
    // Unfolding is reading, not choosing the entity.
    expect(screen.getByTestId("probe").textContent).toBe('diagram {"kind":"none"}');
  });

  it("selects an entity or a relationship in the diagram when its row is chosen", () => {
    renderDesign();
    fireEvent.click(first(within(screen.getByTestId("keys-Account")).getAllByRole("cell")));
    expect(screen.getByTestId("probe").textContent).toBe('diagram {"kind":"entities","names":["Account"]}');
    fireEvent.click(within(screen.getByTestId("keys-CustomerOffer")).getByRole("button", { name: "CustomerOffer" }));
    expect(screen.getByTestId("probe").textContent).toBe('diagram {"kind":"relationship","name":"CustomerOffer"}');
  });

  it("lists the table's keys and the three GSIs with why each exists", () => {
    renderDesign();
    const indexes = screen.getByTestId("indexes");
    expect(within(indexes).getAllByRole("row")).toHaveLength(5);
    for (const gsi of design.gsis) {
      const row = within(screen.getByTestId(`index-${gsi.name}`));
      expect(row.getByText(gsi.partition_key.name)).toBeTruthy();
      expect(row.getByText(gsi.sort_key.name)).toBeTruthy();
      expect(row.getByText(gsi.explanation)).toBeTruthy();
    }
  });

  it("shows the name an imported index is deployed under", () => {
    const [first_gsi, ...rest] = design.gsis;
    if (first_gsi === undefined) throw new Error("ACME has GSIs");
    const renamed = { ...design, gsis: [{ ...first_gsi, deployed_name: "ByPhone" }, ...rest] };
    renderDesign({ ...acmeState, analysis: { ...acmeState.analysis, design: renamed } });
    const row = within(screen.getByTestId(`index-${first_gsi.name}`));
    expect(row.getByText("ByPhone")).toBeTruthy();
    expect(within(screen.getByTestId(`index-${rest[0]?.name ?? ""}`)).queryByText(/deployed as/)).toBeNull();
  });

  it("pins an index's projection by hand, and unpins it", () => {
    const { api } = renderDesign();
    const gsi1 = within(screen.getByTestId("index-GSI1"));
    const pin = gsi1.getByRole<HTMLSelectElement>("combobox", { name: "Pin the projection of GSI1" });
    expect(pin.value).toBe("derived");
    fireEvent.change(pin, { target: { value: "ALL" } });
    expect(api.edit).toHaveBeenCalledWith({
      op: "pin_projection",
      index: "GSI1",
      projection: "ALL",
    });
  });

  it("shows a pinned projection as pinned, and unpins it back to the derived one", () => {
    const pinnedTable = { ...acmeState.model.table, pinned_projections: { GSI2: "KEYS_ONLY" as const, GSI3: { INCLUDE: ["status"] } } };
    const { api } = renderDesign({ ...acmeState, model: { ...acmeState.model, table: pinnedTable } });
    const gsi3 = within(screen.getByTestId("index-GSI3"));
    expect(gsi3.getByText("pinned")).toBeTruthy();
    const pin = gsi3.getByRole<HTMLSelectElement>("combobox", { name: "Pin the projection of GSI3" });
    expect(pin.value).toBe("INCLUDE");
    expect(within(pin).getByText("pin INCLUDE (status)")).toBeTruthy();
    fireEvent.change(pin, { target: { value: "derived" } });
    expect(api.edit).toHaveBeenCalledWith({
      op: "pin_projection",
      index: "GSI3",
    });
  });

  it("has one row per access pattern with its operation, index and verdict", () => {
    renderDesign();
    const rows = within(screen.getByTestId("plans")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(22);
    const ap03 = within(screen.getByTestId("plan-AP03"));
    expect(ap03.getByText("Query")).toBeTruthy();
    expect(ap03.getByText("GSI2")).toBeTruthy();
    expect(ap03.getByText("GSI2PK = :pk")).toBeTruthy();
    expect(ap03.getByText(/runs 2 times: query all 2 shards/)).toBeTruthy();
    const ap08 = within(screen.getByTestId("plan-AP08"));
    expect(ap08.getByText(/then GetItem on table/)).toBeTruthy();
    expect(within(screen.getByTestId("plans")).getAllByText("ok")).toHaveLength(22);
  });

  it("shows a failed verdict with its reasons", () => {
    renderDesign(failingAP05({ reasons: ["returns Transaction items the pattern does not ask for"] }));
    const ap05 = within(screen.getByTestId("plan-AP05"));
    expect(ap05.getByText("failed")).toBeTruthy();
    expect(ap05.getByText("returns Transaction items the pattern does not ask for")).toBeTruthy();
  });

  it("applies a fix the verifier offers as one edit, staying in the view", () => {
    const fix = { label: "Delete AP05", edit: { op: "delete_pattern" as const, id: "AP05" } };
    const { api } = renderDesign(failingAP05({ reasons: ["misses items without postedAt"], fixes: [fix] }));
    const fixes = within(screen.getByRole("group", { name: "Fixes for AP05" }));
    fireEvent.click(fixes.getByRole("button", { name: fix.label }));
    expect(api.edit).toHaveBeenCalledWith(fix.edit);
    expect(screen.getByTestId("probe").textContent).not.toMatch(/^patterns /);
  });

  it("opens a pattern in the Access Patterns view when its row is chosen", () => {
    renderDesign();
    fireEvent.click(within(screen.getByTestId("plan-AP07")).getByText("Get a customer with all their accounts"));
    expect(screen.getByTestId("probe").textContent).toBe('patterns {"kind":"pattern","id":"AP07"}');
  });

  it("shows the monthly cost on demand and provisioned, and where it goes", () => {
    renderDesign();
    expect(screen.getByTestId("on-demand-total").textContent).toBe("$7,920.64 / month");
    expect(screen.getByTestId("provisioned-total").textContent).toBe("$4,863.37 / month");
    const cost = within(screen.getByTestId("cost"));
    expect(cost.getByText("2,715.02 GiB")).toBeTruthy();
    expect(cost.getByText("39,890 read units/s")).toBeTruthy();
    expect(cost.getByText(/Prices for us-east-1 as of 2024-11-01/)).toBeTruthy();
    expect(cost.getByText(/Customer's GSI2PK is sharded 2 ways/)).toBeTruthy();
    const ap19 = within(screen.getByTestId("cost-AP19")).getAllByRole("cell").map((c) => c.textContent);
    expect(ap19).toEqual(["Post a debit", "80", "0", "7", "0", "560.08", "$459.97"]);
  });

  it("shows the problems list", () => {
    renderDesign();
    expect(screen.getByTestId("no-problems")).toBeTruthy();
  });

  it("offers a design problem's fix in the problems list", () => {
    const fix = { label: "Turn on the table's stream (new and old images)", edit: { op: "set_table" as const, table: acmeState.model.table } };
    const problem = {
      severity: "error" as const,
      code: "stream_missing" as const,
      message: "DailyAggregate is maintained from the change stream, but the table's stream is off",
      entity: "DailyAggregate",
      fixes: [fix],
    };
    const withProblem: DocumentState = {
      ...acmeState,
      analysis: { ...acmeState.analysis, design: { ...design, problems: [problem] } },
    };
    const { api } = renderDesign(withProblem);
    fireEvent.click(within(screen.getByTestId("problems")).getByRole("button", { name: fix.label }));
    expect(api.edit).toHaveBeenCalledWith(fix.edit);
    expect(screen.getByTestId("probe").textContent).toMatch(/^diagram \{"kind":"none"\}/);
  });

  it("shows the model's diagnostics when there is no design", () => {
    const broken = acmeWithProblems({
      path: "$.access_patterns[4].entity",
      message: "unknown entity Acount",
      hint: "name an entity or a many-to-many relationship of the model",
    });
    renderDesign(broken);
    expect(screen.getByTestId("no-design").textContent).toContain("The model has 1 problem.");
    expect(screen.getByText("$.access_patterns[4].entity: unknown entity Acount")).toBeTruthy();
    expect(screen.getByText("name an entity or a many-to-many relationship of the model")).toBeTruthy();
    expect(screen.queryByTestId("key-templates")).toBeNull();
    // The diagnostic leads to the pattern it is about.
    fireEvent.click(screen.getByText("$.access_patterns[4].entity: unknown entity Acount"));
    expect(screen.getByTestId("probe").textContent).toBe('patterns {"kind":"pattern","id":"AP05"}');
  });

  it("shows a failed derivation", () => {
    const failed: DocumentState = {
      ...acmeState,
      analysis: { ...acmeState.analysis, design: null, verification: null, cost: null, failure: "index out of bounds in derive/keys.rs" },
    };
    renderDesign(failed);
    expect(screen.getByRole("alert").textContent).toContain("index out of bounds in derive/keys.rs");
  });

  it("follows every edit", async () => {
    const edited: DocumentState = {
      ...acmeState,
      revision: acmeState.revision + 1,
      analysis: {
        ...acmeState.analysis,
        design: {
          ...design,
          entities: design.entities.map((e) => (e.name === "Customer" ? { ...e, keys: { ...e.keys, PK: "CUST#{customerNumber}" } } : e)),
        },
      },
    };
    const api = fakeApi();
    api.edit.mockResolvedValue(edited);
    function Rename() {
      const { edit } = useStudio();
      return (
        <button type="button" onClick={() => void edit({ op: "rename_entity", entity: "Customer", to: "Customer" })}>
          edit
        </button>
      );
    }
    renderWithStudio(
      <>
        <Rename />
        <DesignView />
      </>,
      { api },
    );
    fireEvent.click(screen.getByRole("button", { name: "edit" }));
    expect(await within(screen.getByTestId("keys-Customer")).findByText("CUST#{customerNumber}")).toBeTruthy();
  });
});
