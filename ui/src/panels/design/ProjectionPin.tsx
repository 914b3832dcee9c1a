// An index's projection, and the choice to pin it by hand: as derived from the
// reads of the index, ALL (room for reads not modeled yet) or KEYS_ONLY. A pinned
// INCLUDE list comes from the model file and is offered as it is.
import type { Projection } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { projectionText } from "../projectionText";

const DERIVED = "derived";

export function ProjectionPin(props: { index: string; projection: Projection }) {
  const { doc, edit } = useStudio();
  const pinned = doc.model.table.pinned_projections?.[props.index];
  const choices: { value: string; label: string; projection: Projection | null }[] = [
    { value: DERIVED, label: "as derived", projection: null },
    { value: "ALL", label: "ALL", projection: "ALL" },
    { value: "KEYS_ONLY", label: "KEYS_ONLY", projection: "KEYS_ONLY" },
  ];
  if (pinned !== undefined && typeof pinned !== "string") {
    choices.push({ value: "INCLUDE", label: projectionText(pinned), projection: pinned });
  }
  const current = pinned === undefined ? DERIVED : typeof pinned === "string" ? pinned : "INCLUDE";
  const choose = (value: string) => {
    const chosen = choices.find((c) => c.value === value);
    if (chosen === undefined || value === current) return;
    // One index's pin at a time: an edit queued before this one is not undone.
    void edit(
      chosen.projection === null
        ? { op: "pin_projection", index: props.index }
        : { op: "pin_projection", index: props.index, projection: chosen.projection },
    );
  };
  return (
    <div className="projection-pin">
      <span>
        {projectionText(props.projection)} {pinned !== undefined && <span className="badge">pinned</span>}
      </span>
      <select
          aria-label={`Pin the projection of ${props.index}`}
          data-testid={`pin-projection-${props.index}`}
          value={current}
          onChange={(e) => { choose(e.target.value); }}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.value === DERIVED ? c.label : `pin ${c.label}`}
            </option>
          ))}
      </select>
    </div>
  );
}
