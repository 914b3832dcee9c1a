// The sample table as NoSQL Workbench's visualizer shows it: every index's
// items grouped by partition, colored by entity, with a read pattern's answer
// highlighted on it. The sample comes from the backend and is drawn again
// whenever the model or the item count changes.
import "./aggregate.css";

import { useState } from "react";

import type { Highlight } from "../generated/types";
import { useStudio } from "../state/studio";
import { HighlightSummary } from "./aggregate/HighlightSummary";
import { ItemsPerEntity } from "./aggregate/ItemsPerEntity";
import { PatternPicker, readPatterns } from "./aggregate/PatternPicker";
import { SampleTabs } from "./aggregate/SampleTabs";
import { SampleUnavailable } from "./aggregate/SampleUnavailable";
import { useAnswer } from "./aggregate/useAnswer";

const DEFAULT_ITEMS = 6;

export function AggregateView() {
  const { api, doc } = useStudio();
  const [items, setItems] = useState(DEFAULT_ITEMS);
  const [pattern, setPattern] = useState<string | null>(null);
  const [draw, setDraw] = useState(0);
  const [tab, setTab] = useState("table");
  const [followed, setFollowed] = useState<Highlight | null>(null);

  const reads = readPatterns(doc.model.access_patterns ?? []);
  // A pattern since deleted, or turned into a write, is no longer highlighted.
  const chosen = reads.some((p) => p.id === pattern) ? pattern : null;

  // The revision is part of each question: the same count of an edited model
  // is a new sample.
  const sample = useAnswer({ revision: doc.revision, items }, (q) => api.aggregateView(q.items));
  const lit = useAnswer(
    chosen === null ? null : { revision: doc.revision, pattern: chosen, items, draw },
    (q) => api.highlightPattern(q.pattern, q.items, q.draw),
  );
  // Marks only mean something on the sample they were drawn from.
  const highlight = sample.loading || lit.loading ? null : lit.value;

  // A new highlight shows the index its plan reads; a tab chosen afterwards wins.
  if (highlight !== null && highlight !== followed) {
    setFollowed(highlight);
    setTab(highlight.index);
  }

  return (
    <div className="aggregate-view" data-testid="aggregate-view">
      <div className="aggregate-controls">
        <ItemsPerEntity value={items} onChange={setItems} />
        <PatternPicker
          patterns={reads}
          value={chosen}
          disabled={sample.value === null}
          onChange={(id) => {
            setPattern(id);
            setDraw(0);
          }}
        />
        {sample.loading && sample.value !== null && (
          <span role="status" className="muted">
            Drawing the sample…
          </span>
        )}
      </div>
      {sample.failure !== null ? (
        <SampleUnavailable failure={sample.failure} />
      ) : sample.value === null ? (
        <p role="status" className="aggregate-loading">
          Drawing {items} sample items per entity…
        </p>
      ) : (
        <>
          {chosen !== null && (
            <HighlightSummary
              pattern={chosen}
              answer={lit}
              onDraw={() => {
                setDraw(draw + 1);
              }}
            />
          )}
          <SampleTabs sample={sample.value} tab={tab} onTab={setTab} highlight={highlight} />
        </>
      )}
    </div>
  );
}
