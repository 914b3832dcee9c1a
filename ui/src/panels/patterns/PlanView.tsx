// How the design serves the selected pattern: its requests in order (the first,
// then the follow-ups that use its result), a transaction's actions, why, and
// whether the verifier confirms it.
import type { AccessPattern } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { noDesign } from "./diagnostics";
import { RequestDetails } from "./RequestDetails";
import { TransactionActions } from "./TransactionActions";
import { VerdictBadge } from "../VerdictBadge";

export function PlanView(props: { pattern: AccessPattern }) {
  const { doc } = useStudio();
  const id = props.pattern.id;
  const design = doc.analysis.design;
  const missing = noDesign(doc.analysis);
  const plan = design?.plans.find((p) => p.pattern === id);
  return (
    <section className="plan" aria-label={`Plan of ${id}`} data-testid="pattern-plan">
      <h3>Plan</h3>
      {missing !== undefined && <p className="empty">{missing}</p>}
      {design && !plan && <p className="empty">The design has no plan for {id}.</p>}
      {plan && (
        <>
          <p>
            {plan.requests === 1 ? "1 request" : `${plan.requests} requests`} in all; returns {plan.returns.join(", ")}.
          </p>
          <ol className="requests">
            {[plan, ...(plan.then ?? [])].map((r, i) => (
              <li key={i}>
                <RequestDetails request={r} />
              </li>
            ))}
          </ol>
          {plan.actions !== undefined && plan.actions.length > 0 && <TransactionActions actions={plan.actions} />}
          <p className="explanation">{plan.explanation}</p>
          <h4>Verification</h4>
          <VerdictBadge verdict={doc.analysis.verification?.patterns.find((v) => v.pattern === id)} />
        </>
      )}
      {design?.problems
        .filter((p) => p.pattern === id)
        .map((p, i) => (
          <p key={i} className={`design-problem ${p.severity}`}>
            <span className={`severity ${p.severity}`}>{p.severity}</span> {p.message}
          </p>
        ))}
    </section>
  );
}
