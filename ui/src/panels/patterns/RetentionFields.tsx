// How long an expire pattern's items live: TTL deletes them a number of days
// after a date attribute; the stream's REMOVE records can feed an archive.
import type { AccessPattern, Retention } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { CheckField, NumberField, SelectField } from "../fields";
import { isTimeOrdered, usableAttributes } from "./attributes";
import { nameOptions } from "./options";
import { count, defaultRetention } from "./pattern";

export function RetentionFields(props: { pattern: AccessPattern; onChange: (r: Retention) => void }) {
  const { doc } = useStudio();
  const p = props.pattern;
  const r = p.retention ?? defaultRetention(doc.model, p.entity);
  const dates = usableAttributes(doc.model, p.entity)
    .filter((u) => isTimeOrdered(u.attribute))
    .map((u) => u.name);
  return (
    <fieldset>
      <legend>Retention</legend>
      <div className="row">
        <SelectField
          label="Age counted from"
          value={r.attribute}
          options={nameOptions(dates, r.attribute, r.attribute === "" ? "— choose a date —" : undefined)}
          onCommit={(attribute) => { props.onChange({ ...r, attribute }); }}
        />
        <NumberField label="Days" value={r.days} min={0} onCommit={(v) => { props.onChange({ ...r, days: count(v) ?? 0 }); }} />
      </div>
      <CheckField
        label="Archive expired items from the stream"
        hint="the stream's REMOVE records carry the old image"
        value={r.archive ?? false}
        onCommit={(archive) => { props.onChange({ ...r, archive }); }}
      />
      {doc.model.table.ttl_attribute === undefined && (
        <p className="hint warning">The table has no TTL attribute yet: name one in the table settings.</p>
      )}
    </fieldset>
  );
}
