// The problems as a list; choosing one selects what it is about.
import { useStudio } from "../state/studio";
import { FixButtons } from "./FixButtons";
import { problems, type ProblemItem } from "./problems";

export function ProblemsList(props: { onChosen?: () => void }) {
  const studio = useStudio();
  const items = problems(studio.doc);
  const choose = (p: ProblemItem) => {
    studio.select(p.target);
    if (p.target.kind === "pattern") studio.setView("patterns");
    else if (p.target.kind === "entities" || p.target.kind === "relationship" || p.target.kind === "table") studio.setView("diagram");
    props.onChosen?.();
  };
  if (items.length === 0) {
    return <p className="empty" data-testid="no-problems">No problems: every access pattern is served without a scan.</p>;
  }
  return (
    <ul className="problems" data-testid="problems">
      {items.map((p, i) => (
        <li key={i} className={p.severity}>
          <button type="button" onClick={() => { choose(p); }} disabled={p.target.kind === "none"}>
            <span className={`severity ${p.severity}`}>{p.severity}</span>
            <span className="source">{p.source}</span>
            <span className="message">{p.message}</span>
            {p.hint && <span className="hint">{p.hint}</span>}
          </button>
          <FixButtons fixes={p.fixes} of={p.message} />
        </li>
      ))}
    </ul>
  );
}
