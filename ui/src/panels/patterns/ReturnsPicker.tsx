// What a read returns: the attributes the application uses from its answer. None
// checked means every attribute; a secondary index projects only what the reads
// of it return, which saves its storage and the write units of every copy.
import type { AccessPattern } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField } from "../fields";
import { usableAttributes } from "./attributes";
import { toggled } from "./checklist";

export function ReturnsPicker(props: { pattern: AccessPattern; onChange: (returns: string[]) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const returns = p.returns ?? [];
  const offered = usableAttributes(doc.model, p.entity).map((u) => u.name);
  const listed = [...offered, ...returns.filter((r) => !offered.includes(r))];
  return (
    <fieldset className="inputs">
      <legend>Returns</legend>
      <p className="hint">
        {returns.length === 0
          ? "Every attribute: check the ones the application uses, and an index this read uses projects only those."
          : "Only these: an index this read uses projects them (and what it filters and orders on)."}
      </p>
      {listed.map((name) => (
        <CheckField
          key={name}
          label={name}
          hint={offered.includes(name) ? undefined : `${p.entity} has no such attribute`}
          value={returns.includes(name)}
          onCommit={(on) => { props.onChange(toggled(listed, returns, name, on)); }}
        />
      ))}
    </fieldset>
  );
}
