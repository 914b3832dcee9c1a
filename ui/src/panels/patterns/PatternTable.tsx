// Every access pattern in model order, with how the design serves it. A row is
// chosen with the mouse anywhere on it, or from the keyboard on its id button
// (Enter or Space; the arrow keys move to the next or previous pattern).
import type { KeyboardEvent } from "react";

import type { AccessPattern, Plan, Verdict } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { diagnosticsOf, noDesign } from "./diagnostics";
import { kindLabel } from "./options";
import { VerdictBadge } from "../VerdictBadge";

export function PatternTable(props: { onDelete: (p: AccessPattern) => void }) {
  const { doc, selection, select } = useStudio();
  const patterns = doc.model.access_patterns ?? [];
  const design = doc.analysis.design;
  const missing = noDesign(doc.analysis);
  const selectedId = selection.kind === "pattern" ? selection.id : undefined;

  const keys = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = e.key === "ArrowDown" ? 1 : e.key === "ArrowUp" ? -1 : 0;
    const next = patterns[index + step];
    if (step !== 0 && next) {
      e.preventDefault();
      select({ kind: "pattern", id: next.id });
      const row = e.currentTarget.closest("tr");
      const sibling = step > 0 ? row?.nextElementSibling : row?.previousElementSibling;
      sibling?.querySelector("button")?.focus();
    } else if (e.key === "Delete" && patterns[index]) {
      props.onDelete(patterns[index]);
    }
  };

  if (patterns.length === 0) {
    return <p className="empty">No access patterns yet: add one for every read and write the application makes.</p>;
  }
  return (
    <>
      {missing !== undefined && (
        <p className="no-design" role="note">
          {missing}
        </p>
      )}
      <table className="patterns-table" aria-label="Access patterns">
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Target</th>
            <th scope="col">Inputs</th>
            {design ? (
              <>
                <th scope="col">Operation</th>
                <th scope="col">Index</th>
                <th scope="col">Key condition</th>
                <th scope="col">Requests</th>
                <th scope="col">Verdict</th>
              </>
            ) : (
              <th scope="col">Problems</th>
            )}
          </tr>
        </thead>
        <tbody>
          {patterns.map((p, i) => {
            const selected = p.id === selectedId;
            return (
              <tr
                key={`${p.id}-${i}`}
                className={selected ? "selected" : undefined}
                aria-current={selected ? "true" : undefined}
                data-testid={`pattern-row-${p.id}`}
                onClick={() => { select({ kind: "pattern", id: p.id }); }}
              >
                <td>
                  {/* The row's click handler selects: a button's click bubbles to it. */}
                  <button type="button" className="pattern-id" onKeyDown={(e) => { keys(e, i); }}>
                    {p.id}
                  </button>
                </td>
                <td>{p.name}</td>
                <td>{kindLabel(p.kind)}</td>
                <td>
                  {p.entity}
                  {p.with !== undefined && p.with.length > 0 && <span className="with"> with {p.with.join(", ")}</span>}
                </td>
                <td className="mono">{(p.inputs ?? []).join(", ")}</td>
                {design ? (
                  <PlanCells
                    plan={design.plans.find((plan) => plan.pattern === p.id)}
                    verdict={doc.analysis.verification?.patterns.find((v) => v.pattern === p.id)}
                  />
                ) : (
                  <td>
                    <ul className="plain reasons">
                      {diagnosticsOf(doc.analysis.diagnostics, doc.model, p.id).map((d, j) => (
                        <li key={j}>{d.message}</li>
                      ))}
                    </ul>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function PlanCells(props: { plan: Plan | undefined; verdict: Verdict | undefined }) {
  const { plan, verdict } = props;
  return (
    <>
      <td>{plan?.operation ?? "—"}</td>
      <td>{plan?.index ?? "—"}</td>
      <td>{plan?.key_condition !== undefined && <code>{plan.key_condition}</code>}</td>
      <td className="number">{plan?.requests ?? "—"}</td>
      <td>
        <VerdictBadge verdict={verdict} />
      </td>
    </>
  );
}
