import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { StatusBar } from "./panels/StatusBar";
import { acmeWithProblems, exportChoices, fakeApi, renderWithStudio } from "./test/studio";
import { Toolbar } from "./Toolbar";

function toolbarAndStatus() {
  return (
    <>
      <Toolbar run={vi.fn()} theme="light" />
      <StatusBar />
    </>
  );
}

describe("Export in the toolbar", () => {
  it("offers every export the backend makes, in its order", () => {
    renderWithStudio(toolbarAndStatus());
    const options = Array.from(screen.getByTestId<HTMLSelectElement>("export").options).slice(1);
    expect(options.map((o) => o.value)).toEqual(exportChoices.map((c) => c.format));
    expect(options[0]?.textContent).toBe("AWS CloudFormation template (YAML)");
  });

  it("exports the chosen format and says where the file went", async () => {
    const { api } = renderWithStudio(toolbarAndStatus());
    fireEvent.change(screen.getByTestId("export"), { target: { value: "cloudformation" } });
    await waitFor(() => {
      expect(screen.getByTestId("confirmation").textContent).toBe(
        "Exported AWS CloudFormation template (YAML) to /home/architect/acme-bank.yaml",
      );
    });
    expect(api.exportDesign).toHaveBeenCalledWith("cloudformation");
  });

  it("lets the confirmation go after a moment", async () => {
    renderWithStudio(toolbarAndStatus());
    fireEvent.change(screen.getByTestId("export"), { target: { value: "cloudformation" } });
    await waitFor(() => {
      expect(screen.getByTestId("confirmation")).toBeTruthy();
    });
    vi.useFakeTimers();
    try {
      // The timer was set before the clock was faked: a fresh confirmation sets a fake one.
      fireEvent.change(screen.getByTestId("export"), { target: { value: "terraform" } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(1000);
      });
      expect(screen.getByTestId("confirmation").textContent).toMatch(/^Exported .*Terraform/);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(6000);
      });
      expect(screen.queryByTestId("confirmation")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("says nothing when the Save dialog is cancelled", async () => {
    const api = fakeApi();
    api.exportDesign.mockResolvedValue(null);
    renderWithStudio(toolbarAndStatus(), { api });
    fireEvent.change(screen.getByTestId("export"), { target: { value: "png" } });
    await waitFor(() => {
      expect(api.exportDesign).toHaveBeenCalledWith("png");
    });
    expect(screen.queryByTestId("confirmation")).toBeNull();
  });

  it("is unavailable while the model has problems and so no design", () => {
    renderWithStudio(toolbarAndStatus(), {
      state: acmeWithProblems({ path: "access_patterns[0]", message: "unknown attribute", hint: "fix it" }),
    });
    expect(screen.getByTestId<HTMLSelectElement>("export").disabled).toBe(true);
  });
});
