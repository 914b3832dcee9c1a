// The fixes offered for a problem or a failed verdict, as buttons: each one
// edit of the model, applied in one click (one step to undo).
import type { Fix } from "../generated/types";
import { useStudio } from "../state/studio";
import "./verdict.css";

export function FixButtons(props: { fixes: Fix[] | undefined; of: string }) {
  const { edit } = useStudio();
  const fixes = props.fixes ?? [];
  if (fixes.length === 0) return null;
  return (
    <div className="fixes" role="group" aria-label={`Fixes for ${props.of}`}>
      {fixes.map((fix) => (
        <button
          key={fix.label}
          type="button"
          className="fix"
          onClick={(e) => {
            // What shows a fix opens what it is about when clicked; a fix stays put.
            e.stopPropagation();
            void edit(fix.edit);
          }}
        >
          {fix.label}
        </button>
      ))}
    </div>
  );
}
