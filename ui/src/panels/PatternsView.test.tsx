import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import type { DocumentState } from "../generated/types";
import { acmeState, acmeWithProblems, fakeApi, renderWithStudio } from "../test/studio";
import { PatternsView } from "./PatternsView";

const design = acmeState.analysis.design;

function show(state: DocumentState = acmeState) {
  const api = fakeApi(state);
  renderWithStudio(<PatternsView />, { state, api });
  return api;
}

const table = () => screen.getByRole("table", { name: "Access patterns" });
const row = (id: string) => screen.getByTestId(`pattern-row-${id}`);
const choose = (id: string) => {
  fireEvent.click(within(table()).getByRole("button", { name: id }));
};

describe("the access patterns table", () => {
  it("lists every ACME pattern in model order, with the operation and index the design chose", () => {
    show();
    const rows = within(table()).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(22);
    expect(design?.plans).toHaveLength(22);
    rows.forEach((r, i) => {
      const plan = design?.plans[i];
      const cells = within(r).getAllByRole("cell").map((c) => c.textContent);
      expect(cells[0]).toBe(plan?.pattern);
      expect(cells[5]).toBe(plan?.operation);
      expect(cells[6]).toBe(plan?.index);
      expect(cells[8]).toBe(String(plan?.requests));
      expect(cells[9]).toBe("ok");
    });
    expect(within(row("AP02")).getByText("GSI1")).toBeTruthy();
    expect(within(row("AP03")).getAllByRole("cell")[8]?.textContent).toBe("2");
    expect(within(row("AP07")).getByText("with Account", { exact: false })).toBeTruthy();
    expect(within(row("AP10")).getByText("accountNumber, transactionNumber")).toBeTruthy();
  });

  it("selects AP07 on a click and shows its Query on the table with its key condition", () => {
    show();
    fireEvent.click(within(row("AP07")).getByText("Get a customer with all their accounts"));
    expect(row("AP07").getAttribute("aria-current")).toBe("true");
    expect(row("AP07").className).toBe("selected");
    expect(row("AP06").getAttribute("aria-current")).toBeNull();
    const plan = screen.getByRole("region", { name: "Plan of AP07" });
    expect(within(plan).getByText("Query")).toBeTruthy();
    expect(within(plan).getByText("table")).toBeTruthy();
    expect(within(plan).getByText("PK = :pk AND SK BETWEEN :sk1 AND :sk2")).toBeTruthy();
    expect(within(plan).getByText(/returns Customer, Account/)).toBeTruthy();
    expect(within(plan).getByText(/Item collection: Customer and its Account items/)).toBeTruthy();
    expect(screen.getByRole("region", { name: "Access pattern AP07" })).toBeTruthy();
  });

  it("is navigable from the keyboard: Enter selects, the arrows move", async () => {
    const user = userEvent.setup();
    show();
    within(table()).getByRole("button", { name: "AP01" }).focus();
    await user.keyboard("{Enter}");
    expect(row("AP01").getAttribute("aria-current")).toBe("true");
    await user.keyboard("{ArrowDown}");
    expect(row("AP02").getAttribute("aria-current")).toBe("true");
    expect(document.activeElement).toBe(within(table()).getByRole("button", { name: "AP02" }));
    await user.keyboard("{ArrowUp}{ArrowUp}");
    expect(row("AP01").getAttribute("aria-current")).toBe("true");
  });

  it("says the model has problems instead of plan columns, and lists each pattern's", () => {
    const broken = acmeWithProblems({
      path: "$.access_patterns[6].inputs[0]",
      message: "'Customer' has no attribute 'nope'",
      hint: "name one of its attributes",
    });
    show(broken);
    expect(screen.getByRole("note").textContent).toMatch(/problems to fix/);
    const headers = within(table()).getAllByRole("columnheader").map((h) => h.textContent);
    expect(headers).toEqual(["ID", "Name", "Kind", "Target", "Inputs", "Problems"]);
    expect(within(row("AP07")).getByText("'Customer' has no attribute 'nope'")).toBeTruthy();
    choose("AP07");
    expect(within(screen.getByTestId("pattern-plan")).getByText(/problems to fix/)).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Problems of this pattern" })).getByText("name one of its attributes")).toBeTruthy();
  });

  it("shows the verifier's reasons when a pattern fails", () => {
    const failing: DocumentState = {
      ...acmeState,
      analysis: {
        ...acmeState.analysis,
        verification: {
          design: [],
          patterns: [{ pattern: "AP09", ok: false, reasons: ["returned 19 items, expected 20"] }],
        },
      },
    };
    show(failing);
    expect(within(row("AP09")).getByText("failed")).toBeTruthy();
    expect(within(row("AP09")).getByText("returned 19 items, expected 20")).toBeTruthy();
    expect(within(row("AP08")).getByText("not verified")).toBeTruthy();
    choose("AP09");
    const plan = screen.getByRole("region", { name: "Plan of AP09" });
    expect(within(plan).getByText("returned 19 items, expected 20")).toBeTruthy();
    expect(within(plan).getByText("false", { exact: false })).toBeTruthy();
  });

  it("shows every request of a plan and a transaction's actions", () => {
    show();
    choose("AP08");
    const requests = within(screen.getByRole("region", { name: "Plan of AP08" })).getAllByRole("listitem");
    expect(requests).toHaveLength(2);
    expect(within(requests[1] as HTMLElement).getByText("GetItem")).toBeTruthy();
    expect(within(requests[1] as HTMLElement).getByText("customerNumber from the Account item")).toBeTruthy();
    choose("AP03");
    expect(screen.getByText(/query all 2 shards/)).toBeTruthy();
    choose("AP18");
    const actions = within(screen.getByRole("table", { name: "Actions" })).getAllByRole("row").slice(1);
    expect(actions.map((a) => within(a).getAllByRole("cell")[0]?.textContent)).toEqual(["Put", "Update"]);
    expect(within(actions[1] as HTMLElement).getByText("SET #balance = #balance + :amount, #lastTransactionNumber = :transactionNumber")).toBeTruthy();
    expect(within(actions[0] as HTMLElement).getByText("PK = ACCOUNT#{accountNumber}, SK = TRANSACTION#{transactionNumber:10}")).toBeTruthy();
  });
});

describe("adding, moving and deleting patterns", () => {
  it("adds a pattern for the selected pattern's entity, or lets the backend choose", async () => {
    const api = show();
    const add = screen.getByRole("button", { name: "Add pattern" });
    fireEvent.click(add);
    choose("AP07");
    fireEvent.click(add);
    // A pair target is no entity the backend can make a default pattern for.
    choose("AP16");
    fireEvent.click(add);
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(3); });
    expect(api.edit.mock.calls).toEqual([
      [{ op: "add_pattern", entity: undefined }],
      [{ op: "add_pattern", entity: "Customer" }],
      [{ op: "add_pattern", entity: undefined }],
    ]);
  });

  it("opens another pattern's editor at its top", () => {
    show();
    choose("AP07");
    const side = screen.getByRole("complementary", { name: "Selected access pattern" });
    side.scrollTop = 600;
    choose("AP08");
    expect(side.scrollTop).toBe(0);
  });

  it("moves the selected pattern up and down, not past the ends", async () => {
    const api = show();
    const up = screen.getByRole("button", { name: "Move up" });
    const down = screen.getByRole("button", { name: "Move down" });
    expect((up as HTMLButtonElement).disabled).toBe(true);
    choose("AP07");
    fireEvent.click(up);
    fireEvent.click(down);
    choose("AP01");
    expect((up as HTMLButtonElement).disabled).toBe(true);
    choose("AP22");
    expect((down as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(2); });
    expect(api.edit.mock.calls).toEqual([
      [{ op: "move_pattern", id: "AP07", to_index: 5 }],
      [{ op: "move_pattern", id: "AP07", to_index: 7 }],
    ]);
  });

  it("deletes the selected pattern only once confirmed, naming it", () => {
    const api = show();
    choose("AP07");
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete access pattern?" });
    expect(within(dialog).getByText(/AP07 “Get a customer with all their accounts”/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(api.edit).not.toHaveBeenCalled();

    fireEvent.keyDown(within(table()).getByRole("button", { name: "AP07" }), { key: "Delete" });
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Delete AP07" }));
    expect(api.edit.mock.calls).toEqual([[{ op: "delete_pattern", id: "AP07" }]]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });
});
