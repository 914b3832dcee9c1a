// Whether a transaction's step runs once or once per element of a list the request
// carries ("one per line of the order"), and how long that list may be: DynamoDB
// takes at most 100 actions in a transaction.
import type { ForEach, TransactionStep } from "../../generated/types";
import { CheckField, NumberField, TextField } from "../fields";
import { count } from "./pattern";

/** The list a step starts repeating over: named for its entity (`orderItems`, `addresses`). */
export function freshForEach(step: TransactionStep): ForEach {
  const entity = step.entity.charAt(0).toLowerCase() + step.entity.slice(1);
  return { list: plural(entity), at_most: 10 };
}

function plural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

export function ForEachFields(props: { step: TransactionStep; onChange: (forEach: ForEach | undefined) => void }) {
  const each = props.step.for_each;
  return (
    <>
      <CheckField
        label="Once per element of a list"
        hint="each element gives this action's values (for a put, the element is the item)"
        value={each !== undefined}
        onCommit={(on) => { props.onChange(on ? freshForEach(props.step) : undefined); }}
      />
      {each && (
        <div className="row">
          <TextField label="List" value={each.list} onCommit={(list) => { props.onChange({ ...each, list }); }} />
          <NumberField
            label="At most"
            value={each.at_most}
            min={1}
            onCommit={(v) => { props.onChange({ ...each, at_most: count(v) ?? 1 }); }}
          />
          <NumberField
            label="Typical"
            value={each.typical}
            min={1}
            onCommit={(v) => {
              const typical = count(v);
              props.onChange(typical === undefined ? { list: each.list, at_most: each.at_most } : { ...each, typical });
            }}
          />
        </div>
      )}
    </>
  );
}
