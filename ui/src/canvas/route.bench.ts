// How long routing a line takes on a big diagram: the cost of every line an
// edit or a drag routes again. `npx vitest bench --run src/canvas/route.bench.ts`
import { bench, describe } from "vitest";

import { route, type Box } from "./route";

const box = (x: number, y: number): Box => ({ x, y, width: 240, height: 200 });
/** Entities ten to a row, thirty rows: a 300-entity model before Auto Layout. */
const grid = Array.from({ length: 300 }, (_, n) => box((n % 10) * 420, Math.floor(n / 10) * 340));
const lines = Array.from({ length: 20 }, (_, n) => [grid[n * 7] as Box, grid[299 - n * 11] as Box] as const);

describe("route on 300 entities", () => {
  bench("20 lines across the diagram", () => {
    for (const [from, to] of lines) route(from, to, grid.filter((b) => b !== from && b !== to));
  });
});
