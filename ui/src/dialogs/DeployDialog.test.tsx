import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import type { DeployEvent, DeployPlanView, DeploySetup } from "../generated/types";
import { fakeApi, LOCAL, renderWithStudio } from "../test/studio";
import { DeployDialog } from "./DeployDialog";

const setup: DeploySetup = {
  profiles: [
    { name: "default", region: "eu-west-1", sso: false, endpoint: null },
    { name: "dev", region: "us-east-2", sso: true, endpoint: null },
  ],
  request: { target: { kind: "local", endpoint: LOCAL }, table: "AcmeBank" },
};

const addIndex: DeployPlanView = {
  table: "AcmeBank",
  place: `endpoint ${LOCAL} (region us-east-1)`,
  exists: true,
  changes: [
    { text: "- DESTROY GSI GSI3", destroys: "GSI3 and its copy of the items are deleted" },
    { text: "+ create GSI GSI4 (GSI4PK S / GSI4SK S, ALL)", destroys: null },
  ],
  notes: ["tags are left alone: the endpoint has no tagging"],
  warnings: [],
  refused: null,
};

describe("the Deploy dialog", () => {
  it("starts from the model's last target and shows the plan, destructive steps marked with why", async () => {
    const api = fakeApi();
    api.deploySetup.mockResolvedValue(setup);
    api.planDeploy.mockResolvedValue(addIndex);
    renderWithStudio(<DeployDialog onClose={() => undefined} />, { api });
    await waitFor(() => { expect(screen.getByTestId("deploy-endpoint")).toHaveProperty("value", LOCAL); });
    expect(screen.getByTestId("deploy-table")).toHaveProperty("value", "AcmeBank");
    fireEvent.click(screen.getByTestId("deploy-plan"));
    await screen.findByTestId("deploy-plan-view");
    expect(api.planDeploy).toHaveBeenCalledWith({ target: { kind: "local", endpoint: LOCAL }, table: "AcmeBank" });
    const [destroy, create] = screen.getAllByTestId("deploy-change");
    expect(destroy?.className).toBe("destroys");
    expect(destroy?.textContent).toContain("Destroys data: GSI3 and its copy of the items are deleted");
    expect(create?.className).toBe("");
    expect(screen.getByText(/the endpoint has no tagging/)).toBeTruthy();
  });

  it("says the items do not match when the definition does but their keys were built otherwise", async () => {
    const api = fakeApi();
    api.deploySetup.mockResolvedValue(setup);
    const stale = "GSI1PK (GSI1): of 100 items read, 100 hold another value than the design builds";
    api.planDeploy.mockResolvedValue({ ...addIndex, changes: [], notes: [], warnings: [stale] });
    renderWithStudio(<DeployDialog onClose={() => undefined} />, { api });
    await waitFor(() => { expect(screen.getByTestId("deploy-endpoint")).toHaveProperty("value", LOCAL); });
    fireEvent.click(screen.getByTestId("deploy-plan"));
    await screen.findByTestId("deploy-plan-view");
    expect(screen.getByTestId("deploy-no-changes").textContent).toContain("its items do not match the design");
    expect(screen.getByTestId("deploy-warning").textContent).toBe(stale);
  });

  it("applies destructive changes only once the table's name is typed, and streams the progress", async () => {
    const api = fakeApi();
    api.deploySetup.mockResolvedValue(setup);
    api.planDeploy.mockResolvedValue(addIndex);
    api.applyDeploy.mockReturnValue(new Promise(vi.fn()));
    renderWithStudio(<DeployDialog onClose={() => undefined} />, { api });
    await waitFor(() => { expect(screen.getByTestId("deploy-endpoint")).toHaveProperty("value", LOCAL); });
    fireEvent.click(screen.getByTestId("deploy-plan"));
    await screen.findByTestId("deploy-plan-view");
    const apply = screen.getByTestId("deploy-apply");
    expect(apply).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByTestId("deploy-confirmation"), { target: { value: "acmebank" } });
    expect(apply).toHaveProperty("disabled", true);
    fireEvent.change(screen.getByTestId("deploy-confirmation"), { target: { value: "AcmeBank" } });
    expect(apply).toHaveProperty("disabled", false);
    fireEvent.click(apply);
    expect(api.applyDeploy).toHaveBeenCalledWith(
      {
        deploy: { target: { kind: "local", endpoint: LOCAL }, table: "AcmeBank" },
        shown: ["- DESTROY GSI GSI3", "+ create GSI GSI4 (GSI4PK S / GSI4SK S, ALL)"],
        confirmation: "AcmeBank",
        seed: null,
      },
      expect.any(Function),
    );
    const onEvent = api.applyDeploy.mock.calls[0]?.[1] as (e: DeployEvent) => void;
    act(() => {
      onEvent({ kind: "step", text: "[1/2] - DESTROY GSI GSI3", event: { event: "started", step: 1, of: 2, change: "- DESTROY GSI GSI3" } });
      onEvent({
        kind: "step",
        text: "waiting 3 s: ACTIVE, 5 items; GSI4 CREATING (backfilling, 2 items)",
        event: {
          event: "waiting",
          step: 2,
          seconds: 3,
          state: { name: "AcmeBank", status: "ACTIVE", items: 5, bytes: 50, indexes: [] },
        },
      });
    });
    const progress = await screen.findByTestId("deploy-progress");
    expect(progress.textContent).toContain("[1/2] - DESTROY GSI GSI3");
    expect(progress.textContent).toContain("GSI4 CREATING (backfilling, 2 items)");
    expect(screen.getByTestId("deploy-cancel")).toBeTruthy();
  });

  it("a new target or table drops the plan shown, and AWS offers the config's profiles", async () => {
    const api = fakeApi();
    api.deploySetup.mockResolvedValue(setup);
    api.planDeploy.mockResolvedValue(addIndex);
    renderWithStudio(<DeployDialog onClose={() => undefined} />, { api });
    await waitFor(() => { expect(screen.getByTestId("deploy-endpoint")).toHaveProperty("value", LOCAL); });
    fireEvent.click(screen.getByTestId("deploy-plan"));
    await screen.findByTestId("deploy-plan-view");
    fireEvent.click(screen.getByTestId("deploy-aws"));
    expect(screen.queryByTestId("deploy-plan-view")).toBeNull();
    fireEvent.change(screen.getByTestId("deploy-profile"), { target: { value: "dev" } });
    expect(screen.getByText(/aws sso login --profile dev/)).toBeTruthy();
    fireEvent.click(screen.getByTestId("deploy-plan"));
    await waitFor(() => {
      expect(api.planDeploy).toHaveBeenLastCalledWith({
        target: { kind: "aws", profile: "dev", region: null },
        table: "AcmeBank",
      });
    });
  });
});
