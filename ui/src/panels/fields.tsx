// Form fields that edit the model: text is committed when the field is left or
// Enter is pressed (Escape puts the model's value back), so one edit is one
// undo step, not one per keystroke.
import { useId, useState, type ReactNode } from "react";

/** What the user is typing, reset to the model's value whenever that changes
    (an undo, or another view's edit), even while the field is shown. */
function useDraft(value: string): [string, (v: string) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  return [draft, setDraft];
}

interface Labelled {
  label: string;
  hint?: string;
  testId?: string;
}

export function Field(props: Labelled & { children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && <small className="hint">{props.hint}</small>}
    </div>
  );
}

export function TextField(
  props: Labelled & {
    value: string;
    onCommit: (v: string) => void;
    /** After Enter has committed `text`: the next step of fast entry. */
    onEnter?: (text: string) => void;
    placeholder?: string;
    multiline?: boolean;
    /** Takes focus when shown, its text selected so that typing replaces it. */
    autoFocus?: boolean;
  },
) {
  const [draft, setDraft] = useDraft(props.value);
  const commit = () => {
    if (draft !== props.value) props.onCommit(draft);
  };
  const keys = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !props.multiline) {
      e.currentTarget.blur();
      props.onEnter?.(draft);
    } else if (e.key === "Escape") {
      setDraft(props.value);
      e.stopPropagation();
    }
  };
  return (
    <Field {...props}>
      {(id) =>
        props.multiline ? (
          <textarea
            id={id}
            value={draft}
            rows={3}
            data-testid={props.testId}
            onChange={(e) => { setDraft(e.target.value); }}
            onBlur={commit}
            onKeyDown={keys}
          />
        ) : (
          <input
            id={id}
            value={draft}
            placeholder={props.placeholder}
            autoFocus={props.autoFocus}
            onFocus={props.autoFocus ? (e) => { e.currentTarget.select(); } : undefined}
            data-testid={props.testId}
            onChange={(e) => { setDraft(e.target.value); }}
            onBlur={commit}
            onKeyDown={keys}
          />
        )
      }
    </Field>
  );
}

/** A number, or nothing when the field is left empty. */
export function NumberField(
  props: Labelled & { value: number | null | undefined; onCommit: (v: number | null) => void; min?: number; step?: number },
) {
  const shown = props.value === null || props.value === undefined ? "" : String(props.value);
  const [draft, setDraft] = useDraft(shown);
  const valid = draft.trim() === "" || Number.isFinite(Number(draft));
  const commit = () => {
    if (!valid || draft === shown) {
      setDraft(shown);
      return;
    }
    props.onCommit(draft.trim() === "" ? null : Number(draft));
  };
  return (
    <Field {...props}>
      {(id) => (
        <input
          id={id}
          inputMode="decimal"
          value={draft}
          aria-invalid={!valid}
          data-testid={props.testId}
          onChange={(e) => { setDraft(e.target.value); }}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") e.currentTarget.blur();
            if (e.key === "Escape") setDraft(shown);
          }}
        />
      )}
    </Field>
  );
}

export function CheckField(props: Labelled & { value: boolean; onCommit: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="field check">
      <input
        id={id}
        type="checkbox"
        checked={props.value}
        data-testid={props.testId}
        onChange={(e) => { props.onCommit(e.target.checked); }}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <small className="hint">{props.hint}</small>}
    </div>
  );
}

export function SelectField<T extends string>(
  props: Labelled & { value: T; options: readonly { value: T; label: string }[]; onCommit: (v: T) => void },
) {
  return (
    <Field {...props}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          data-testid={props.testId}
          onChange={(e) => { props.onCommit(e.target.value as T); }}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
