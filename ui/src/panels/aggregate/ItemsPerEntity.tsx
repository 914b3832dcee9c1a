// How many sample items of each entity to draw. A count out of range stays in
// the field, marked, and asks nothing of the backend.
import { useState } from "react";

const MIN_ITEMS = 1;
const MAX_ITEMS = 200;

export function ItemsPerEntity(props: { value: number; onChange: (items: number) => void }) {
  const [draft, setDraft] = useState(String(props.value));
  const valid = isCount(draft);
  return (
    <label className="aggregate-control">
      Items per entity
      <input
        type="number"
        min={MIN_ITEMS}
        max={MAX_ITEMS}
        step={1}
        value={draft}
        aria-invalid={!valid}
        title={`${MIN_ITEMS} to ${MAX_ITEMS}`}
        onChange={(e) => {
          setDraft(e.target.value);
          if (isCount(e.target.value)) props.onChange(Number(e.target.value));
        }}
      />
    </label>
  );
}

function isCount(text: string): boolean {
  const n = Number(text);
  return text.trim() !== "" && Number.isInteger(n) && n >= MIN_ITEMS && n <= MAX_ITEMS;
}
