// The sample's indexes as tabs, the entity colors, and the chosen index's grid.
import type { AggregateView, Highlight } from "../../generated/types";
import { useStudio } from "../../state/studio";
import { entityPalette } from "./entityPalette";
import { IndexTabs } from "./IndexTabs";
import { ItemGrid } from "./ItemGrid";
import { Legend } from "./Legend";

export function SampleTabs(props: { sample: AggregateView; tab: string; onTab: (name: string) => void; highlight: Highlight | null }) {
  const { doc } = useStudio();
  const { indexes } = props.sample;
  // An index the edited model no longer has falls back to the table.
  const index = indexes.find((ix) => ix.name === props.tab) ?? indexes[0];
  if (index === undefined) return null;
  const palette = entityPalette(doc.model);
  const present = new Set(indexes.flatMap((ix) => ix.partitions.flatMap((p) => p.items.map((item) => item.entity))));
  return (
    <>
      <div className="aggregate-bar">
        <IndexTabs indexes={indexes} shown={index.name} onChoose={props.onTab} />
        <Legend palette={palette} present={present} />
      </div>
      {index.projection === "KEYS_ONLY" && (
        <p className="hint keys-only">
          {index.name} projects only the keys: a read through it fetches other attributes from the table.
        </p>
      )}
      <ItemGrid index={index} highlight={props.highlight} colorOf={palette.colorOf} />
    </>
  );
}
