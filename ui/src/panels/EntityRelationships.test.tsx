import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { acmeState, renderWithStudio } from "../test/studio";
import { EntityRelationships } from "./EntityRelationships";

const account = acmeState.model.entities.find((e) => e.name === "Account");

describe("an entity's relationships", () => {
  it("lists the relationships the entity is at either end of", () => {
    if (!account) throw new Error("ACME has an Account");
    renderWithStudio(<EntityRelationships entity={account} />);
    expect(screen.getByText("CustomerAccounts")).toBeTruthy();
    expect(screen.getByText("AccountTransactions")).toBeTruthy();
    expect(screen.queryByText("CustomerOffer")).toBeNull();
  });

  it("connects to another entity without the canvas", () => {
    if (!account) throw new Error("ACME has an Account");
    const { api } = renderWithStudio(<EntityRelationships entity={account} />);
    fireEvent.change(screen.getByLabelText("Kind of relationship"), { target: { value: "many_to_many" } });
    fireEvent.change(screen.getByLabelText("Related entity"), { target: { value: "Offer" } });
    fireEvent.click(screen.getByText("Connect"));
    expect(api.edit).toHaveBeenCalledWith({ op: "add_relationship", from: "Account", to: "Offer", cardinality: "many_to_many" });
  });
});
