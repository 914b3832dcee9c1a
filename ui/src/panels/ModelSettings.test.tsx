import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import type { DocumentState } from "../generated/types";
import { acmeState, renderWithStudio } from "../test/studio";
import { ModelSettings } from "./ModelSettings";

describe("the model's settings", () => {
  it("show what an import read: the source's keys by index and what it could not carry", () => {
    const state: DocumentState = {
      ...acmeState,
      model: {
        ...acmeState.model,
        imported: {
          from: "cloudformation",
          keys: {
            table: { partition_key: { name: "pk", type: "S" }, sort_key: { name: "sk", type: "S" } },
            GSI1: { name: "ByEmail", partition_key: { name: "email", type: "S" } },
          },
          entities: ["Customer", "Order"],
          notes: ["a global table: its replicas (eu-west-1, us-east-1) are not modelled"],
          inferences: [
            { entity: "Customer", text: "PK CUST#{custId}: read off 12 value(s)" },
            { entity: "Order", text: "the sort key words NORMAL read as values", ambiguous: true },
          ],
          source: {},
        },
      },
    };
    renderWithStudio(<ModelSettings />, { state });
    const report = screen.getByTestId("import-report");
    expect(report.textContent).toContain("From a CloudFormation template: 2 entities");
    expect(report.textContent).toContain("ByEmail");
    expect(report.textContent).toContain("pk (S) / sk (S)");
    expect(screen.getByTestId("import-notes").textContent).toContain("replicas");
    const readings = screen.getByTestId("import-inferences");
    expect(readings.textContent).toContain("How it was read (1 to check)");
    const items = [...readings.querySelectorAll("li")].map((li) => li.textContent);
    expect(items[0]).toContain("check Order: the sort key words NORMAL read as values");
    expect(items[1]).toContain("Customer: PK CUST#{custId}");
  });

  it("show no import report for a model drawn here", () => {
    renderWithStudio(<ModelSettings />);
    expect(screen.queryByTestId("import-report")).toBeNull();
  });
});
