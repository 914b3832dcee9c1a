import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Failure } from "../generated/types";
import { StudioProvider } from "../state/studio";
import { acmeState, exportChoices, fakeApi, LOCAL } from "../test/studio";
import { FailureDialog } from "./FailureDialog";

function withFailure(failure: Failure) {
  const api = fakeApi();
  api.importModel.mockResolvedValue(acmeState);
  const startup = { state: acmeState, examples: [], recovery: [], failure, dynamodb_endpoint: LOCAL, exports: exportChoices };
  render(
    <StudioProvider api={api} startup={startup}>
      <FailureDialog />
    </StudioProvider>,
  );
  return api;
}

describe("FailureDialog", () => {
  it("offers each table of a file that holds several, and imports the one chosen", async () => {
    const api = withFailure({
      message: "/data/shop.json holds 2 tables, and a Tablewright model is one table: choose the one to import",
      path: "/data/shop.json",
      diagnostics: [],
      tables: ["orders", "users"],
    });
    expect(screen.getByTestId("failure-message").textContent).toContain("holds 2 tables");
    fireEvent.click(screen.getByRole("button", { name: "Import users" }));
    await waitFor(() => { expect(api.importModel).toHaveBeenCalledWith("/data/shop.json", "users", true); });
    await waitFor(() => { expect(screen.queryByTestId("failure-message")).toBeNull(); });
  });

  it("offers no tables for any other failure", () => {
    withFailure({ message: "the model has no file yet", path: null, diagnostics: [], tables: [] });
    expect(screen.queryByTestId("failure-tables")).toBeNull();
  });
});
