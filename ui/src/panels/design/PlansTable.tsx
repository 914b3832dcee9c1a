// One row per access pattern: how the design serves it, and whether the
// verifier agrees.
import type { Design, Verification } from "../../generated/types";
import { PlanRow } from "./PlanRow";

export function PlansTable(props: { design: Design; verification: Verification | null }) {
  const verdicts = new Map((props.verification?.patterns ?? []).map((v) => [v.pattern, v]));
  return (
    <table className="design-table plans" data-testid="plans">
      <thead>
        <tr>
          <th>Pattern</th>
          <th>Name</th>
          <th>Operation</th>
          <th>Index</th>
          <th>Key condition</th>
          <th title="Requests in all, every shard and follow-up counted">Requests</th>
          <th>Verdict</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {props.design.plans.map((plan) => (
          <PlanRow key={plan.pattern} plan={plan} verdict={verdicts.get(plan.pattern)} />
        ))}
      </tbody>
    </table>
  );
}
