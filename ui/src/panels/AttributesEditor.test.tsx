import { act, fireEvent, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";

import type { Attribute, DocumentState, Edit } from "../generated/types";
import { acmeState, fakeApi, renderWithStudio } from "../test/studio";
import { AttributesEditor } from "./AttributesEditor";

const loan: Attribute[] = [
  { name: "loanId", type: "string", identifier: true, required: true },
  { name: "loanedAt", type: "string", format: "timestamp" },
  { name: "returnedOn", type: "string", format: "date" },
  { name: "title", type: "string" },
];

describe("the attributes editor", () => {
  it("orders a date after another date of the item, for believable sample data", () => {
    const { api, container } = renderWithStudio(<AttributesEditor owner="Loan" attributes={loan} />);
    const returned = within(container.querySelector('[data-testid="attribute-returnedOn"]') as HTMLElement);
    const after = returned.getByLabelText<HTMLSelectElement>("Comes after");
    const choices = Array.from(after.options).map((o) => o.value);
    expect(choices).toEqual(["", "loanedAt"]);
    fireEvent.change(after, { target: { value: "loanedAt" } });
    expect(api.edit).toHaveBeenCalledWith({
      op: "update_attribute",
      owner: "Loan",
      attribute: "returnedOn",
      to: { ...loan[2], after: "loanedAt" },
    });
    const title = within(container.querySelector('[data-testid="attribute-title"]') as HTMLElement);
    expect(title.queryByLabelText("Comes after")).toBeNull();
  });
});

describe("fast attribute entry", () => {
  it("opens a new attribute with its name selected, and Enter adds the next", async () => {
    // A backend that adds the attribute before it answers, as the real one does.
    let shown = loan;
    let setShown: (a: Attribute[]) => void = () => undefined;
    function Entity() {
      const [attributes, set] = useState(shown);
      setShown = set;
      return <AttributesEditor owner="Loan" attributes={attributes} />;
    }
    const edit = (e: Edit): Promise<DocumentState> => {
      if (e.op === "add_attribute") {
        shown = [...shown, e.attribute];
        act(() => { setShown(shown); });
      }
      return Promise.resolve(acmeState);
    };
    const api = { ...fakeApi(), edit: vi.fn(edit) };
    const { container } = renderWithStudio(<Entity />, { api });
    fireEvent.click(within(container).getByRole("button", { name: "Add attribute" }));
    expect(api.edit).toHaveBeenCalledWith({ op: "add_attribute", owner: "Loan", attribute: { name: "attribute1", type: "string" } });

    // Its row opens alone, its name ready to type over.
    const row = () => container.querySelector<HTMLDetailsElement>('[data-testid="attribute-attribute1"]');
    await waitFor(() => { expect(row()?.open).toBe(true); });
    const name = within(row() as HTMLElement).getByLabelText<HTMLInputElement>("Name");
    expect(document.activeElement).toBe(name);
    expect([name.selectionStart, name.selectionEnd]).toEqual([0, "attribute1".length]);
    expect(container.querySelector<HTMLDetailsElement>('[data-testid="attribute-loanId"]')?.open).toBe(false);

    // Typing a name and Enter: the name is committed first, then the next one added.
    fireEvent.change(name, { target: { value: "dueOn" } });
    fireEvent.keyDown(name, { key: "Enter" });
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(3); });
    expect(api.edit.mock.calls.slice(1)).toEqual([
      [{ op: "update_attribute", owner: "Loan", attribute: "attribute1", to: { name: "dueOn", type: "string" } }],
      [{ op: "add_attribute", owner: "Loan", attribute: { name: "attribute2", type: "string" } }],
    ]);

    // A name typed that the next one would have taken: the next one skips it,
    // though the rename has not come back from the backend yet.
    const second = () => container.querySelector<HTMLDetailsElement>('[data-testid="attribute-attribute2"]');
    await waitFor(() => { expect(second()?.open).toBe(true); });
    const secondName = within(second() as HTMLElement).getByLabelText<HTMLInputElement>("Name");
    fireEvent.change(secondName, { target: { value: "attribute3" } });
    fireEvent.keyDown(secondName, { key: "Enter" });
    await waitFor(() => { expect(api.edit).toHaveBeenCalledTimes(5); });
    expect(api.edit.mock.calls[4]).toEqual([
      { op: "add_attribute", owner: "Loan", attribute: { name: "attribute4", type: "string" } },
    ]);
  });

  it("shows format, required and unique on a closed row", () => {
    const attributes: Attribute[] = [{ name: "email", type: "string", format: "email", required: true, unique: true }];
    const { container } = renderWithStudio(<AttributesEditor owner="Member" attributes={attributes} />);
    const summary = container.querySelector('[data-testid="attribute-email"] summary');
    expect(summary?.textContent).toBe("email*emailstringUQ");
    expect(within(summary as HTMLElement).getByTitle("Required: every item has it")).toBeTruthy();
  });
});
