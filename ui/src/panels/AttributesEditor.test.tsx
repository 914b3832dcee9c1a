import { fireEvent, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { Attribute } from "../generated/types";
import { renderWithStudio } from "../test/studio";
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
