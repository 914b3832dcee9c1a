// The verifier's judgement of one plan: it checks the plan against the model's
// meaning independently of the deriver, so a failure here is a wrong answer.
// The Design and Access Patterns views show it alike, with the fixes the
// verifier offers: each one edit of the model, applied in one click.
import type { Verdict } from "../generated/types";
import { FixButtons } from "./FixButtons";
import "./verdict.css";

export function VerdictBadge(props: { verdict: Verdict | undefined }) {
  const v = props.verdict;
  if (v === undefined) {
    return <span className="verdict unknown">not verified</span>;
  }
  if (v.ok) {
    return <span className="verdict ok">ok</span>;
  }
  return (
    <>
      <span className="verdict failed">failed</span>
      <ul className="plain reasons">
        {v.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      <FixButtons fixes={v.fixes} of={v.pattern} />
    </>
  );
}
