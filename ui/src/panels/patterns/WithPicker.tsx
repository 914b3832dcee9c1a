// What a read fetches with its target in the same request: related entities (an
// order with its items and shipments), served by one item collection when the
// design can keep them in the target's partition.
import type { AccessPattern } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField } from "../fields";
import { relatedEntities } from "./attributes";
import { toggled } from "./checklist";

export function WithPicker(props: { pattern: AccessPattern; onChange: (with_: string[]) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const chosen = p.with ?? [];
  const offered = relatedEntities(doc.model, p.entity);
  const listed = [...new Set([...offered, ...chosen])];
  return (
    <fieldset className="inputs">
      <legend>Fetched with</legend>
      <p className="hint">Related entities returned in the same request: an order with its items and shipments.</p>
      {listed.map((name) => (
        <CheckField
          key={name}
          label={name}
          hint={offered.includes(name) ? undefined : `not related to ${p.entity}`}
          value={chosen.includes(name)}
          onCommit={(on) => { props.onChange(toggled(listed, chosen, name, on)); }}
        />
      ))}
    </fieldset>
  );
}
