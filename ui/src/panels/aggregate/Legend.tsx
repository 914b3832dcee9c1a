// Which color is which entity, for the entities the sample has items of.
import type { Palette } from "./entityPalette";

export function Legend(props: { palette: Palette; present: Set<string> }) {
  const shown = props.palette.names.filter((name) => props.present.has(name));
  return (
    <ul className="aggregate-legend" aria-label="Entity colors">
      {shown.map((name) => (
        <li key={name} className={`entity-color-${props.palette.colorOf(name)}`}>
          {name}
        </li>
      ))}
    </ul>
  );
}
