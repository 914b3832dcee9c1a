// The verifier's verdict on one pattern: ok, or why it fails.
import type { Verdict } from "../../generated/types";

export function VerdictText(props: { verdict: Verdict | undefined }) {
  const v = props.verdict;
  if (!v) return <span className="verdict">not verified</span>;
  if (v.ok) return <span className="verdict ok">ok</span>;
  return (
    <div>
      <span className="verdict fails">fails</span>
      <ul className="plain reasons">
        {v.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
