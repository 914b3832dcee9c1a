// One access pattern's plan: the request(s) that serve it, the verifier's
// verdict and why the deriver chose it. Choosing it opens the pattern.
import { BuiltKeys } from "../BuiltKeys";
import { ReadsFirst } from "../ReadsFirst";
import { Repeated } from "../Repeated";
import type { Plan, Verdict } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { requestNotes } from "./requestNotes";
import { VerdictBadge } from "../VerdictBadge";

export function PlanRow(props: { plan: Plan; verdict: Verdict | undefined }) {
  const { select, setView } = useStudio();
  const p = props.plan;
  const choose = () => {
    select({ kind: "pattern", id: p.pattern });
    setView("patterns");
  };
  return (
    <tr className="choosable" data-testid={`plan-${p.pattern}`} onClick={choose}>
      <th scope="row">
        {/* The whole row chooses; the button lets the keyboard reach it. */}
        <button type="button" className="link" title="Open the access pattern">
          {p.pattern}
        </button>
      </th>
      <td>{p.name}</td>
      <td>
        {p.operation}
        {p.count > 1 && <span className="muted"> × {p.count}</span>}
      </td>
      <td>{p.index}</td>
      <td>
        {p.key_condition === undefined ? <span className="muted">—</span> : <code>{p.key_condition}</code>}
        <Notes notes={requestNotes(p)} />
        {(p.then ?? []).map((r, i) => (
          <div key={i} className="then">
            then {r.operation} on {r.index}
            {r.key_condition !== undefined && <> <code>{r.key_condition}</code></>}
            <Notes notes={requestNotes(r)} />
          </div>
        ))}
        {(p.actions ?? []).length > 0 && (
          <ol className="actions">
            {(p.actions ?? []).map((a, i) => (
              <li key={i}>
                <ReadsFirst entity={a.entity} reads={a.reads} />
                {a.action} {a.entity}
                <Repeated forEach={a.for_each} />
                {a.condition !== undefined && <> if <code>{a.condition}</code></>}
                {a.update !== undefined && <> <code>{a.update}</code></>}
                <BuiltKeys built={a.built} />
              </li>
            ))}
          </ol>
        )}
      </td>
      <td className="number">{p.requests}</td>
      <td>
        <VerdictBadge verdict={props.verdict} />
      </td>
      <td className="explanation-text">{p.explanation}</td>
    </tr>
  );
}

function Notes(props: { notes: string[] }) {
  if (props.notes.length === 0) return null;
  return (
    <ul className="notes">
      {props.notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
