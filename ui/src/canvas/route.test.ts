import { describe, expect, it } from "vitest";

import { crosses, midpoint, route, segments, type Box, type Point } from "./route";

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
    const line = route(from, to, others);
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
    const line = route(from, to, [tall, above]);
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
    expect(route(from, to, [box(250, 400)])).toEqual([
      { x: 200, y: 50 },
      { x: 500, y: 50 },
    ]);
  });

  it("goes around an entity between the two, from border to border", () => {
    // Member — Book — Loan in a row: the Member–Loan line must not pass under Book.
    const member = box(0, 0);
    const book = box(400, 0);
    const loan = box(800, 0);
    const line = route(member, loan, [book]);
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
    const line = route(from, to, crowd);
    for (const b of crowd) expect(passesThrough(line, b)).toBe(false);
  });

  it("keeps a straight line when the entities overlap each other", () => {
    const line = route(box(0, 0), box(100, 50), [box(50, 20)]);
    expect(line).toHaveLength(2);
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
