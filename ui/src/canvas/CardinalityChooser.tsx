// Asked after a drag from one entity to another: what kind of relationship.
import type { Cardinality } from "../generated/types";
import { Modal } from "../dialogs/Modal";

const CHOICES: { cardinality: Cardinality; label: string; hint: (from: string, to: string) => string }[] = [
  { cardinality: "one_to_many", label: "One-to-many", hint: (f, t) => `A ${f} has many ${t} items; each ${t} has one ${f}.` },
  { cardinality: "many_to_many", label: "Many-to-many", hint: (f, t) => `Pairs of ${f} and ${t}, each pair an item that can carry data.` },
  { cardinality: "one_to_one", label: "One-to-one", hint: (f, t) => `A ${f} has at most one ${t}.` },
];

export function CardinalityChooser(props: {
  from: string;
  to: string;
  onChoose: (c: Cardinality) => void;
  onCancel: () => void;
}) {
  return (
    <Modal title={`Connect ${props.from} to ${props.to}`} onClose={props.onCancel}>
      <div className="choices" role="group" aria-label="Cardinality">
        {CHOICES.map((c, i) => (
          <button
            key={c.cardinality}
            type="button"
            className="choice"
            data-testid={`cardinality-${c.cardinality}`}
            autoFocus={i === 0}
            onClick={() => {
              props.onChoose(c.cardinality);
            }}
          >
            <strong>{c.label}</strong>
            <span>{c.hint(props.from, props.to)}</span>
          </button>
        ))}
      </div>
    </Modal>
  );
}
