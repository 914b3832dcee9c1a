import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { DocumentState } from "../generated/types";
import { UnsavedDialog } from "../dialogs/UnsavedDialog";
import { acmeState, fakeApi, renderWithStudio } from "../test/studio";
import { useStudio } from "./studio";

/** An edit and Open, as the canvas and the File menu send them. */
function Controls() {
  const { edit, open } = useStudio();
  return (
    <>
      <button onClick={() => void edit({ op: "add_entity" })}>Add entity</button>
      <button onClick={() => void open(null)}>Open</button>
      <UnsavedDialog />
    </>
  );
}

const QUESTION = /has changes that are not saved/;

describe("the question about unsaved changes", () => {
  it("waits for an edit on its way, and asks when that edit leaves changes", async () => {
    const api = fakeApi({ ...acmeState, dirty: false });
    let finishEdit: (state: DocumentState) => void = () => undefined;
    api.edit.mockReturnValue(new Promise<DocumentState>((resolve) => { finishEdit = resolve; }));
    renderWithStudio(<Controls />, { api });

    fireEvent.click(screen.getByRole("button", { name: "Add entity" }));
    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    // The state shown was saved, but the edit on its way is not: no answer yet.
    expect(api.openDocument).not.toHaveBeenCalled();
    await act(async () => {
      finishEdit({ ...acmeState, dirty: true });
      await Promise.resolve();
    });
    await waitFor(() => {
      expect(screen.getByText(QUESTION)).toBeTruthy();
    });
    expect(api.openDocument).not.toHaveBeenCalled();
  });

  it("opens at once when nothing is unsaved and nothing is on its way", async () => {
    const api = fakeApi({ ...acmeState, dirty: false });
    renderWithStudio(<Controls />, { api });
    fireEvent.click(screen.getByRole("button", { name: "Open" }));
    await waitFor(() => {
      expect(api.openDocument).toHaveBeenCalledWith(null, false);
    });
    expect(screen.queryByText(QUESTION)).toBeNull();
  });
});
