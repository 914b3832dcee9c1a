import { describe, expect, it } from "vitest";

import { crosses, mayChange, midpoint, route, segments, stillRouted, type Box, type Point, type Routed } from "./route";

const box = (x: number, y: number, width = 200, height = 100): Box => ({ x, y, width, height });

/** Whether any run of the line passes through the inside of `b`. */
function passesThrough(points: Point[], b: Box): boolean {
  return segments(points).some(([p, q]) => crosses(p, q, b));
}

function onBorder(p: Point, b: Box): boolean {
  const onX = p.x === b.x || p.x === b.x + b.width;
  const onY = p.y === b.y || p.y === b.y + b.height;
  const withinX = p.x >= b.x && p.x <= b.x + b.width;
  const withinY = p.y >= b.y && p.y <= b.y + b.height;
  return (onX && withinY) || (onY && withinX);
}

describe("route", () => {
  it("goes around every entity of a crowded grid that a long line crosses", () => {
    // Entities four to a row, forty rows, as a big model opens before Auto Layout.
    const grid = Array.from({ length: 160 }, (_, n) => box((n % 4) * 420, Math.floor(n / 4) * 340, 240, 200));
    const from = grid[0] as Box;
    const to = grid[157] as Box;
    const others = grid.filter((b) => b !== from && b !== to);
    const line = route(from, to, others).corners;
    expect(line.length).toBeGreaterThan(2);
    expect(others.filter((b) => passesThrough(line, b))).toEqual([]);
    expect(onBorder(line[0] as Point, from)).toBe(true);
    expect(onBorder(line[line.length - 1] as Point, to)).toBe(true);
  });

  it("routes again around an entity its detour meets outside the corridor", () => {
    // A tall entity between the two sends the line far up, where another stands.
    const from = box(0, 0);
    const to = box(800, 0);
    const tall = box(400, -300, 200, 900);
    const above = box(50, -400, 200, 100);
    const line = route(from, to, [tall, above]).corners;
    expect(passesThrough(line, tall)).toBe(false);
    expect(passesThrough(line, above)).toBe(false);
  });

  it("has no runs and a default middle for a line of fewer than two corners", () => {
    expect(segments([])).toEqual([]);
    expect(segments([{ x: 1, y: 2 }])).toEqual([]);
    expect(midpoint([])).toEqual({ x: 0, y: 0 });
  });

  it("keeps the straight line when nothing is in the way", () => {
    const from = box(0, 0);
    const to = box(500, 0);
    expect(route(from, to, [box(250, 400)]).corners).toEqual([
      { x: 200, y: 50 },
      { x: 500, y: 50 },
    ]);
  });

  it("goes around an entity between the two, from border to border", () => {
    // Member — Book — Loan in a row: the Member–Loan line must not pass under Book.
    const member = box(0, 0);
    const book = box(400, 0);
    const loan = box(800, 0);
    const line = route(member, loan, [book]).corners;
    expect(line.length).toBeGreaterThan(2);
    expect(passesThrough(line, book)).toBe(false);
    expect(onBorder(line[0] ?? { x: NaN, y: NaN }, member)).toBe(true);
    expect(onBorder(line.at(-1) ?? { x: NaN, y: NaN }, loan)).toBe(true);
    // Runs are horizontal or vertical.
    for (const [p, q] of segments(line)) expect(p.x === q.x || p.y === q.y).toBe(true);
  });

  it("finds a way through a crowd of entities", () => {
    const from = box(0, 300);
    const to = box(1200, 300);
    const crowd = [box(400, 100), box(400, 300), box(400, 500), box(800, 200), box(800, 420)];
    const line = route(from, to, crowd).corners;
    for (const b of crowd) expect(passesThrough(line, b)).toBe(false);
  });

  it("keeps a straight line when the entities overlap each other", () => {
    const line = route(box(0, 0), box(100, 50), [box(50, 20)]).corners;
    expect(line).toHaveLength(2);
  });
});

describe("mayChange", () => {
  // A diagram's worth of lines, routed before and after one entity is added or
  // moved: a line whose routing the change may not affect must come out the same,
  // corner for corner, so that the canvas can keep it without routing it again.
  const random = (() => {
    let state = 0x7ab1e;
    return () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
  })();
  const grid = Array.from({ length: 120 }, (_, n) => box((n % 6) * 420, Math.floor(n / 6) * 340, 240, 200));
  const lines = Array.from({ length: 90 }, () => [Math.floor(random() * 120), Math.floor(random() * 120)] as const).filter(
    ([a, b]) => a !== b,
  );
  const routeAll = (boxes: Box[]) =>
    lines.map(([a, b]) => route(boxes[a] as Box, boxes[b] as Box, boxes.filter((_, n) => n !== a && n !== b)));

  it("is true for an entity outside the corridor across a detour tried", () => {
    // As in the test above: without `above`, the line goes over the tall entity,
    // through where `above` stands; adding it must route the line again.
    const from = box(0, 0);
    const to = box(800, 0);
    const tall = box(400, -300, 200, 900);
    const above = box(50, -400, 200, 100);
    const routed = route(from, to, [tall]);
    expect(routed.corners.some((p) => p.y < -240)).toBe(true);
    expect(mayChange(routed, above)).toBe(true);
    expect(mayChange(routed, box(50, -2000))).toBe(false);
  });

  it("is true for the entity a second round went around, which the corners no longer cross", () => {
    const from = box(0, 0);
    const to = box(800, 0);
    const tall = box(400, -300, 200, 900);
    const above = box(50, -400, 200, 100);
    const routed = route(from, to, [tall, above]);
    expect(routed.tried.length).toBeGreaterThan(2);
    expect(passesThrough(routed.corners, above)).toBe(false);
    expect(mayChange(routed, above)).toBe(true);
    // Taken away, it leaves the first detour as the line: a different one.
    expect(route(from, to, [tall]).corners).not.toEqual(routed.corners);
  });

  it("is false only for changes that leave the line's corners as they were", () => {
    const before = routeAll(grid);
    const cases: [string, Box[], Box[]][] = [];
    for (let n = 0; n < 6; n++) {
      const added = box(random() * 2400, random() * 6500, 240, 200);
      cases.push([`added at ${added.x},${added.y}`, [...grid, added], [added]]);
      const moved = Math.floor(random() * 120);
      const to = box(random() * 2400, random() * 6500, 240, 200);
      const boxes = grid.map((b, k) => (k === moved ? to : b));
      cases.push([`entity ${moved} moved`, boxes, [grid[moved] as Box, to]]);
    }
    let kept = 0;
    for (const [what, boxes, changed] of cases) {
      const after = routeAll(boxes);
      lines.forEach(([a, b], n) => {
        const old = before[n] as Routed;
        const ends = [grid[a], grid[b]].every((e, k) => e === boxes[k === 0 ? a : b]);
        if (!ends || changed.some((c) => mayChange(old, c))) return;
        kept++;
        expect(after[n]?.corners, `${what}, line ${a}-${b}`).toEqual(old.corners);
      });
    }
    // Most lines are far from any one change: the check must let them be kept.
    expect(kept).toBeGreaterThan(lines.length * cases.length * 0.5);
  });
});

describe("stillRouted", () => {
  const from = box(0, 0);
  const to = box(800, 0);
  const near = (routed: Routed, boxes: Box[]) => boxes.filter((b) => mayChange(routed, b));

  it("keeps a line when an entity is added in its corridor but away from it", () => {
    const routed = route(from, to, []);
    const added = box(300, 160, 100, 40);
    expect(mayChange(routed, added)).toBe(true);
    expect(stillRouted(routed, [], near(routed, [added]))).toBe(true);
  });

  it("routes again when an added entity comes within the clearance of the line", () => {
    const routed = route(from, to, []);
    const justBelow = box(300, 70, 100, 40);
    expect(passesThrough(routed.corners, justBelow)).toBe(false);
    expect(stillRouted(routed, [], near(routed, [justBelow]))).toBe(false);
    expect(stillRouted(routed, [], near(routed, [box(300, 20, 100, 40)]))).toBe(false);
  });

  it("routes again when an entity the line went around moves or goes away", () => {
    const tall = box(400, -300, 200, 900);
    const routed = route(from, to, [tall]);
    const dependedOn = near(routed, [tall]);
    expect(dependedOn).toEqual([tall]);
    expect(stillRouted(routed, dependedOn, near(routed, [tall]))).toBe(true);
    expect(stillRouted(routed, dependedOn, near(routed, [box(400, -300, 200, 500)]))).toBe(false);
    expect(stillRouted(routed, dependedOn, [])).toBe(false);
  });

  it("keeps only lines that stay clear of every entity added to a big diagram", () => {
    const grid = Array.from({ length: 60 }, (_, n) => box((n % 6) * 420, Math.floor(n / 6) * 340, 240, 200));
    const pairs = Array.from({ length: 30 }, (_, n) => [n, 59 - n] as const);
    const added = [box(200, 250, 240, 120), box(1500, 1400, 240, 120), box(900, 3000, 240, 120)];
    let kept = 0;
    for (const [a, b] of pairs) {
      const others = grid.filter((_, n) => n !== a && n !== b);
      const routed = route(grid[a] as Box, grid[b] as Box, others);
      const dependedOn = near(routed, others);
      if (!stillRouted(routed, dependedOn, near(routed, [...others, ...added]))) continue;
      kept++;
      expect(added.filter((e) => passesThrough(routed.corners, e)), `line ${a}-${b}`).toEqual([]);
    }
    expect(kept).toBeGreaterThan(pairs.length / 2);
  });
});

describe("midpoint", () => {
  it("is halfway along the whole line", () => {
    expect(
      midpoint([
        { x: 0, y: 0 },
        { x: 100, y: 0 },
        { x: 100, y: 300 },
      ]),
    ).toEqual({ x: 100, y: 100 });
  });
});
