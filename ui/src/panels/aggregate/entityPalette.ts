// A stable color per entity or relationship: its place among the model's
// entities, then its relationships, so a color never moves when the sample,
// the index or the items shown change. Eight colors (--entity-0..7) repeat.
import type { Model } from "../../generated/types";

const PALETTE_SIZE = 8;

export interface Palette {
  /** Entities then relationships, in the model's order. */
  names: string[];
  colorOf: (name: string) => number;
}

export function entityPalette(model: Model): Palette {
  const names = [...model.entities.map((e) => e.name), ...(model.relationships ?? []).map((r) => r.name)];
  const place = new Map(names.map((name, i) => [name, i]));
  return {
    names,
    // A name the model no longer has (a rename the sample has not caught up
    // with) takes the last, grey, color.
    colorOf: (name) => (place.get(name) ?? PALETTE_SIZE - 1) % PALETTE_SIZE,
  };
}
