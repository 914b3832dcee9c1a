// A tab per index, the table first, each with how many sample items it holds:
// a sparse index shows its few items at a glance.
import type { IndexView } from "../../generated/types";
import { projectionText } from "../projectionText";

export function IndexTabs(props: { indexes: IndexView[]; shown: string; onChoose: (name: string) => void }) {
  return (
    <div className="aggregate-tabs" role="tablist" aria-label="Indexes">
      {props.indexes.map((ix) => {
        const items = ix.partitions.reduce((n, p) => n + p.items.length, 0);
        return (
          <button
            key={ix.name}
            type="button"
            role="tab"
            aria-selected={ix.name === props.shown}
            onClick={() => {
              props.onChoose(ix.name);
            }}
          >
            {ix.name}
            <span className="count" title={`${items} items in ${ix.partitions.length} partitions`}>
              {items}
            </span>
            {ix.projection === "KEYS_ONLY" && <span className="badge">keys only</span>}
            {typeof ix.projection === "object" && <span className="badge">{projectionText(ix.projection)}</span>}
          </button>
        );
      })}
    </div>
  );
}
