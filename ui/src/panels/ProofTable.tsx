// A proof's report, one row per access pattern (and per write scenario, failure,
// cause and the fixes offered for it): the Prove view's scratch-table proof and the Deploy dialog's proof
// on the deployed table show the same table.
import "./prove.css";

import type { PatternReport, ProveReport } from "../generated/types";
import { FixButtons } from "./FixButtons";

/** How a proof stands: every pattern proven, proven with checks not tried
 * (the summary says which), or a pattern failed. */
export function proofStanding(report: ProveReport): "pass" | "partial" | "fail" {
  if (report.patterns.some((p) => !p.pass)) return "fail";
  return report.patterns.some((p) => (p.untried ?? []).length > 0) ? "partial" : "pass";
}

export function ProofTable({ report }: { report: ProveReport }) {
  return (
    <table className="proof-table">
      <thead>
        <tr>
          <th>ID</th>
          <th>Pattern</th>
          <th>Result</th>
          <th>Items (got / expected)</th>
          <th>Capacity</th>
          <th>ms per run</th>
          <th>Plan</th>
        </tr>
      </thead>
      <tbody>
        {report.patterns.map((p) => (
          <PatternRow key={p.pattern} report={p} />
        ))}
      </tbody>
    </table>
  );
}

function PatternRow({ report: p }: { report: PatternReport }) {
  const scenarios = p.scenarios ?? [];
  return (
    <>
      <tr className={p.pass ? "pass" : "fail"} data-testid={`proof-${p.pattern}`}>
        <td>
          <code>{p.pattern}</code>
        </td>
        <td>{p.name}</td>
        <td className="result">{p.pass ? "pass" : p.failures.length === 0 ? "untried" : "FAIL"}</td>
        <td className="number">{scenarios.length > 0 ? `${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"}` : `${p.returned} / ${p.expected}`}</td>
        <td className="number">{p.capacity.toFixed(1)}</td>
        <td className="number">{p.latency_ms.toFixed(1)}</td>
        <td>
          <code>{p.plan}</code>
        </td>
      </tr>
      {scenarios.map((s) => (
        <tr key={s.name} className={`scenario ${s.pass ? "pass" : "fail"}`}>
          <td />
          <td colSpan={2}>{s.name}</td>
          <td colSpan={4}>
            {s.succeeded ? "succeeded" : `rejected: ${s.rejection ?? "error"}`}
            {s.failures.length > 0 && ` — ${s.failures.join("; ")}`}
          </td>
        </tr>
      ))}
      {(p.untried ?? []).map((u) => (
        <tr key={`untried-${u}`} className="scenario untried" data-testid={`proof-untried-${p.pattern}`}>
          <td />
          <td colSpan={2}>{u}</td>
          <td colSpan={4}>not tried</td>
        </tr>
      ))}
      {p.failures.map((f, i) => (
        <tr key={i} className="failure-line">
          <td />
          <td colSpan={6}>{f}</td>
        </tr>
      ))}
      {(p.cause ?? []).map((c, i) => (
        <tr key={`cause-${i}`} className="failure-line cause" data-testid={`proof-cause-${p.pattern}`}>
          <td />
          <td colSpan={6}>
            <strong>Cause:</strong> {c}
          </td>
        </tr>
      ))}
      {(p.fixes ?? []).length > 0 && (
        <tr className="failure-line fix-line">
          <td />
          <td colSpan={6}>
            <FixButtons fixes={p.fixes} of={p.pattern} />
          </td>
        </tr>
      )}
    </>
  );
}
