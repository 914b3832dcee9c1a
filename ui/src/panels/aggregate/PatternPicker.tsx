// The read pattern whose answer to highlight; writes change items rather than
// return them, so only reads are offered.
import type { AccessPattern } from "../../generated/types";

export function PatternPicker(props: {
  patterns: AccessPattern[];
  value: string | null;
  disabled: boolean;
  onChange: (id: string | null) => void;
}) {
  return (
    <label className="aggregate-control">
      Highlight pattern
      <select
        data-testid="highlight-pattern"
        value={props.value ?? ""}
        disabled={props.disabled}
        onChange={(e) => {
          props.onChange(e.target.value === "" ? null : e.target.value);
        }}
      >
        <option value="">none</option>
        {props.patterns.map((p) => (
          <option key={p.id} value={p.id}>
            {p.id} · {p.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function readPatterns(patterns: AccessPattern[]): AccessPattern[] {
  return patterns.filter((p) => p.kind === "read_one" || p.kind === "read_many");
}
