import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { ScratchProof } from "../generated/types";
import { acmeWithProblems, fakeApi, LOCAL, renderWithStudio } from "../test/studio";
import { ProveView } from "./ProveView";

const scratchProof: ScratchProof = {
  table: "acme-bank-proof-1",
  items: 126,
  create_seconds: 0.4,
  seed_seconds: 1.2,
  prove_seconds: 3.1,
  left_behind: null,
  proof: {
    table: "acme-bank-proof-1",
    summary: "1 of 2 patterns proven; 1 check not tried, for want of sample items (AP19)",
    patterns: [
      {
        pattern: "AP01",
        name: "Get a customer by customer number",
        plan: "GetItem on table",
        pass: true,
        runs: 3,
        returned: 3,
        expected: 3,
        capacity: 1.5,
        latency_ms: 2.5,
        failures: [],
      },
      {
        pattern: "AP19",
        name: "Post a debit",
        plan: "TransactWriteItems (2 actions)",
        pass: false,
        runs: 2,
        returned: 0,
        expected: 0,
        capacity: 8,
        latency_ms: 5,
        failures: ["the uncovered debit was accepted"],
        cause: ["the debit's condition does not check the balance: add #balance >= :debitAmount"],
        fixes: [{ label: "Delete AP19", edit: { op: "delete_pattern", id: "AP19" } }],
        scenarios: [
          {
            name: "balance covers the debit",
            must_succeed: true,
            succeeded: true,
            pass: true,
            capacity: 4,
            latency_ms: 5,
            failures: [],
          },
          {
            name: "balance does not cover the debit",
            must_succeed: false,
            succeeded: true,
            pass: false,
            capacity: 4,
            latency_ms: 5,
            failures: ["accepted"],
          },
        ],
        untried: ["Account: the item does not exist, which no sample item could stand in for beside the write's other items"],
      },
    ],
  },
};

describe("the Prove view", () => {
  it("proves on the endpoint the app was started with, and reports every pattern", async () => {
    const api = fakeApi();
    api.proveDesign.mockResolvedValue(scratchProof);
    renderWithStudio(<ProveView />, { api });
    expect(screen.getByTestId("prove-endpoint")).toHaveProperty("value", LOCAL);
    fireEvent.click(screen.getByTestId("prove-run"));
    await waitFor(() => {
      expect(screen.getByTestId("proof-summary").textContent).toBe(
        `On ${LOCAL}: 1 of 2 patterns proven; 1 check not tried, for want of sample items (AP19)`,
      );
    });
    expect(api.proveDesign).toHaveBeenCalledWith({ endpoint: LOCAL, items: 20, trials: 3 });
    expect(screen.getByTestId("proof-AP01").textContent).toContain("pass");
    expect(screen.getByTestId("proof-AP19").textContent).toContain("FAIL");
    expect(screen.getByText(/2 scenarios/)).toBeTruthy();
    expect(screen.getByText(/rejected|succeeded — accepted/)).toBeTruthy();
    expect(screen.getByText("the uncovered debit was accepted")).toBeTruthy();
    // A way the conditions can fail that the proof could not try is said, not hidden.
    expect(screen.getByTestId("proof-untried-AP19").textContent).toContain("Account: the item does not exist");
    expect(screen.getByTestId("proof-cause-AP19").textContent).toContain("Cause: the debit's condition");
    // The fix the verifier offers for the cause, one click away.
    fireEvent.click(within(screen.getByRole("group", { name: "Fixes for AP19" })).getByRole("button", { name: "Delete AP19" }));
    expect(api.edit).toHaveBeenCalledWith({ op: "delete_pattern", id: "AP19" });
  });

  it("says why a proof could not run, such as an endpoint that does not answer", async () => {
    const api = fakeApi();
    api.proveDesign.mockRejectedValue({ message: "creating the scratch table: connection refused", path: null, kind: "other" });
    renderWithStudio(<ProveView />, { api });
    fireEvent.click(screen.getByTestId("prove-run"));
    await waitFor(() => {
      expect(screen.getByTestId("prove-failure").textContent).toContain("connection refused");
    });
  });

  it("sends the endpoint and sizes the user gives, and refuses sizes out of range", () => {
    const api = fakeApi();
    api.proveDesign.mockReturnValue(new Promise(vi.fn()));
    renderWithStudio(<ProveView />, { api });
    fireEvent.change(screen.getByTestId("prove-endpoint"), { target: { value: "http://localhost:9000" } });
    fireEvent.change(screen.getByLabelText("Items per entity"), { target: { value: "0" } });
    expect(screen.getByTestId("prove-run")).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByLabelText("Items per entity"), { target: { value: "50" } });
    fireEvent.click(screen.getByTestId("prove-run"));
    expect(api.proveDesign).toHaveBeenCalledWith({ endpoint: "http://localhost:9000", items: 50, trials: 3 });
    expect(screen.getByRole("status").textContent).toContain("50 items");
  });

  it("cannot prove a model that has no design yet", () => {
    renderWithStudio(<ProveView />, { state: acmeWithProblems() });
    expect(screen.getByTestId("prove-run")).toHaveProperty("disabled", true);
    expect(screen.getByText(/problems to fix/)).toBeTruthy();
  });
});
