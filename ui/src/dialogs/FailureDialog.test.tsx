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
      kind: "choose_table",
      tables: ["orders", "users"],
    });
    expect(screen.getByTestId("failure-message").textContent).toContain("holds 2 tables");
    fireEvent.click(screen.getByRole("button", { name: "Import users" }));
    await waitFor(() => { expect(api.importModel).toHaveBeenCalledWith("/data/shop.json", "users", true); });
    await waitFor(() => { expect(screen.queryByTestId("failure-message")).toBeNull(); });
  });

  it("offers no tables for any other failure", () => {
    withFailure({ message: "the model has no file yet", path: null, kind: "other" });
    expect(screen.getByRole("dialog", { name: "That did not work" })).toBeTruthy();
    expect(screen.queryByTestId("failure-tables")).toBeNull();
    expect(screen.queryByTestId("failure-diagnostics")).toBeNull();
  });

  it("lists every problem of a file that did not open, each with its place and fix", () => {
    withFailure({
      message: "/data/broken.tablewright.json cannot be opened: 1 problem",
      path: "/data/broken.tablewright.json",
      kind: "invalid",
      diagnostics: [{ kind: "syntax", path: "$.name", line: 3, column: 11, message: "expected a string", hint: "quote the name" }],
    });
    expect(screen.getByRole("dialog", { name: "The file has problems" })).toBeTruthy();
    const problems = screen.getByTestId("failure-diagnostics").textContent;
    expect(problems).toContain("3:11 $.name");
    expect(problems).toContain("quote the name");
    expect(screen.getByText(/Nothing was changed/)).toBeTruthy();
  });

  it("names a refusal over unsaved changes as such", () => {
    withFailure({ message: "the open model has unsaved changes: save or discard them first", path: null, kind: "unsaved" });
    expect(screen.getByRole("dialog", { name: "Unsaved changes" })).toBeTruthy();
  });
});
