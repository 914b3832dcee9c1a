// The steps of a transaction, applied all or nothing: puts, updates, deletes and
// condition checks, each on an entity (or pair item) with its own conditions.
import type { StepAction, TransactionStep } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { SelectField, TextField } from "../fields";
import { patternTargets } from "./attributes";
import { ConditionsEditor } from "./ConditionsEditor";
import { ForEachFields } from "./ForEachFields";
import { STEP_ACTIONS, nameOptions } from "./options";
import { conditionsFor, keptUpdates, updatesFor } from "./pattern";
import { FixedValuesEditor } from "./FixedValuesEditor";
import { UpdatesEditor } from "./UpdatesEditor";

export function StepsEditor(props: { target: string; steps: TransactionStep[]; onChange: (steps: TransactionStep[]) => void }) {
  const { doc } = useStudio();
  const model = doc.model;
  const { steps, onChange } = props;
  const targets = patternTargets(model).map((t) => t.name);
  const set = (at: number, s: TransactionStep) => {
    onChange(steps.map((old, i) => (i === at ? s : old)));
  };
  // What a step checks and changes must be attributes of the entity it writes.
  const moved = (s: TransactionStep, entity: string): TransactionStep => ({
    ...s,
    entity,
    conditions: conditionsFor(model, entity, s.conditions),
    updates: updatesFor(model, entity, s.updates),
  });
  return (
    <fieldset className="steps">
      <legend>Steps</legend>
      {steps.map((s, i) => (
        <fieldset key={i} className="item">
          <legend>Step {i + 1}</legend>
          <div className="row">
            <SelectField<StepAction>
              label="Action"
              value={s.action}
              options={STEP_ACTIONS}
              onCommit={(action) => { set(i, { ...s, action, updates: keptUpdates(s, action) }); }}
            />
            <SelectField label="Entity" value={s.entity} options={nameOptions(targets, s.entity)} onCommit={(entity) => { set(i, moved(s, entity)); }} />
          </div>
          <TextField label="Description" value={s.description ?? ""} onCommit={(description) => { set(i, { ...s, description }); }} />
          <ForEachFields step={s} onChange={(for_each) => { set(i, { ...s, for_each }); }} />
          <ConditionsEditor
            target={s.entity}
            conditions={s.conditions ?? []}
            fresh={{ op: s.action === "put" ? "not_exists" : "exists" }}
            onChange={(conditions) => { set(i, { ...s, conditions }); }}
          />
          {s.action === "update" && (
            <UpdatesEditor target={s.entity} updates={s.updates ?? []} onChange={(updates) => { set(i, { ...s, updates }); }} />
          )}
          {s.action === "put" && (
            <FixedValuesEditor target={s.entity} updates={s.updates ?? []} onChange={(updates) => { set(i, { ...s, updates }); }} />
          )}
          <div className="buttons">
            <button
              type="button"
              className="danger"
              disabled={steps.length === 1}
              title={steps.length === 1 ? "a transaction needs at least one step" : undefined}
              onClick={() => { onChange(steps.filter((_, j) => j !== i)); }}
            >
              Remove step {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={() => { onChange([...steps, { action: "put", entity: props.target }]); }}>
        Add step
      </button>
    </fieldset>
  );
}
