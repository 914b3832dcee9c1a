// The selected access pattern: every field of it that its kind has. Each change
// sends the whole pattern in one update_pattern edit (one undo step).
import type { AccessPattern } from "../generated/types";
import { useStudio } from "../state/studio";
import { CheckField, NumberField, SelectField, TextField } from "./fields";
import { followable, patternTargets } from "./patterns/attributes";
import { ConditionsEditor } from "./patterns/ConditionsEditor";
import { diagnosticsOf } from "./patterns/diagnostics";
import { FilterFields } from "./patterns/FilterFields";
import { ReturnsPicker } from "./patterns/ReturnsPicker";
import { InputsPicker } from "./patterns/InputsPicker";
import { KINDS, NONE, nameOptions } from "./patterns/options";
import { compact, count, hasField, retarget, withKind, type KindField } from "./patterns/pattern";
import { RangeOrderFields } from "./patterns/RangeOrderFields";
import { RetentionFields } from "./patterns/RetentionFields";
import { StepsEditor } from "./patterns/StepsEditor";
import { FixedValuesEditor } from "./patterns/FixedValuesEditor";
import { UpdatesEditor } from "./patterns/UpdatesEditor";
import { WithPicker } from "./patterns/WithPicker";

export function PatternEditor(props: { pattern: AccessPattern }) {
  const { doc, edit } = useStudio();
  const model = doc.model;
  const p = props.pattern;
  const change = (next: AccessPattern) => void edit({ op: "update_pattern", id: p.id, pattern: compact(next) });
  const has = (field: KindField) => hasField(p.kind, field);
  const targets = patternTargets(model);
  const pairTarget = targets.some((t) => t.relationship && t.name === p.entity);
  const follows = followable(model, p.entity, p.inputs ?? []);
  const problems = diagnosticsOf(doc.analysis.diagnostics, model, p.id);
  return (
    <section className="editor pattern-editor" aria-label={`Access pattern ${p.id}`} data-testid="pattern-editor">
      <h2>Access pattern</h2>
      <div className="row">
        <TextField label="ID" value={p.id} onCommit={(id) => { change({ ...p, id: id.trim() }); }} />
        <SelectField label="Kind" value={p.kind} options={KINDS} onCommit={(kind) => { change(withKind(p, kind, model)); }} />
      </div>
      <TextField label="Name" value={p.name} onCommit={(name) => { change({ ...p, name }); }} />
      <TextField label="Description" multiline value={p.description ?? ""} onCommit={(description) => { change({ ...p, description }); }} />
      <div className="row">
        <SelectField
          label="Target"
          hint={pairTarget ? "the pair items of a many-to-many relationship" : undefined}
          value={p.entity}
          options={nameOptions(targets.map((t) => t.name), p.entity)}
          onCommit={(entity) => { change(retarget(p, entity, model)); }}
        />
      </div>
      {has("with") && !pairTarget && <WithPicker pattern={p} onChange={(with_) => { change({ ...p, with: with_ }); }} />}
      {has("via") && !pairTarget && (follows.length > 1 || p.via !== undefined) && (
        <SelectField
          label="Follows"
          hint="the relationship from what the inputs identify to the target (the posts a user wrote, or liked), or the path down from an ancestor further up"
          value={p.via ?? NONE}
          options={nameOptions(follows, p.via, "— the only one —")}
          onCommit={(via) => { change({ ...p, via }); }}
        />
      )}
      {has("inputs") && <InputsPicker pattern={p} onChange={(inputs) => { change({ ...p, inputs }); }} />}
      {has("range") && <RangeOrderFields pattern={p} onChange={change} />}
      {has("filter") && <FilterFields pattern={p} onChange={(filter) => { change({ ...p, filter }); }} />}
      {has("returns") && <ReturnsPicker pattern={p} onChange={(returns) => { change({ ...p, returns }); }} />}
      {has("conditions") && (
        <ConditionsEditor
          target={p.entity}
          conditions={p.conditions ?? []}
          fresh={{ op: p.kind === "put" ? "not_exists" : "exists" }}
          onChange={(conditions) => { change({ ...p, conditions }); }}
        />
      )}
      {has("updates") &&
        (p.kind === "put" ? (
          <FixedValuesEditor target={p.entity} updates={p.updates ?? []} onChange={(updates) => { change({ ...p, updates }); }} />
        ) : (
          <UpdatesEditor target={p.entity} updates={p.updates ?? []} onChange={(updates) => { change({ ...p, updates }); }} />
        ))}
      {has("steps") && <StepsEditor target={p.entity} steps={p.steps ?? []} onChange={(steps) => { change({ ...p, steps }); }} />}
      {has("retention") && <RetentionFields pattern={p} onChange={(retention) => { change({ ...p, retention }); }} />}
      <fieldset>
        <legend>Load</legend>
        <div className="row">
          <NumberField label="Peak rate (requests/s)" value={p.peak_rate} min={0} onCommit={(v) => { change({ ...p, peak_rate: v ?? 0 }); }} />
          {has("result_size") && (
            <NumberField label="Result size (items)" value={p.result_size} min={0} onCommit={(v) => { change({ ...p, result_size: count(v) }); }} />
          )}
        </div>
        {has("strongly_consistent") && (
          <CheckField
            label="Strongly consistent"
            hint="sees every finished write; only the table and LSIs offer it"
            value={p.strongly_consistent ?? false}
            onCommit={(strongly_consistent) => { change({ ...p, strongly_consistent }); }}
          />
        )}
      </fieldset>
      {problems.length > 0 && (
        <section aria-label="Problems of this pattern">
          <h3>Problems</h3>
          <ul className="pattern-problems">
            {problems.map((d, i) => (
              <li key={i}>
                {d.message}
                {d.hint && <div className="hint">{d.hint}</div>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
