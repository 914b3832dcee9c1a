// The buttons above the table: add a pattern, move the selected one, delete it.
import type { AccessPattern } from "../../generated/types";
import { useStudio } from "../../state/studio";

export function PatternActions(props: { selected: AccessPattern | undefined; onDelete: (p: AccessPattern) => void }) {
  const { doc, edit } = useStudio();
  const patterns = doc.model.access_patterns ?? [];
  const p = props.selected;
  const at = p ? patterns.indexOf(p) : -1;
  // The backend makes a new pattern's default from an entity only; for a pair
  // target (a many-to-many relationship) it picks the model's first entity.
  const entity = p && doc.model.entities.some((e) => e.name === p.entity) ? p.entity : undefined;
  const move = (to_index: number) => {
    if (p) void edit({ op: "move_pattern", id: p.id, to_index });
  };
  return (
    <div className="pattern-actions" role="toolbar" aria-label="Access pattern actions">
      <button type="button" className="primary" data-testid="add-pattern" onClick={() => void edit({ op: "add_pattern", entity })}>
        Add pattern
      </button>
      <button type="button" disabled={at <= 0} onClick={() => { move(at - 1); }}>
        Move up
      </button>
      <button type="button" disabled={at < 0 || at >= patterns.length - 1} onClick={() => { move(at + 1); }}>
        Move down
      </button>
      <button type="button" className="danger" disabled={!p} onClick={() => { if (p) props.onDelete(p); }}>
        Delete
      </button>
    </div>
  );
}
