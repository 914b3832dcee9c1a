import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { acmeState } from "../../test/studio";
import { TransactionActions } from "./TransactionActions";

describe("a transaction's actions", () => {
  it("say which list a repeated action runs over, and how long it may be", () => {
    const plan = acmeState.analysis.design?.plans.find((p) => p.pattern === "AP19");
    const [put, update] = plan?.actions ?? [];
    if (!put || !update) throw new Error("AP19 has two actions");
    render(<TransactionActions actions={[{ ...put, for_each: { list: "lines", at_most: 45 } }, update]} />);
    const rows = within(screen.getByRole("table", { name: "Actions" })).getAllByRole("row").slice(1);
    expect(rows[0]?.textContent).toContain("once per element of lines, at most 45");
    expect(rows[1]?.textContent).not.toContain("once per element");
  });
});
