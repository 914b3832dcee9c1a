// Where a relationship's line runs. A straight line between the two entities'
// borders reads best, so it is kept whenever it clears every other entity;
// otherwise the line goes around them in horizontal and vertical runs, the
// shortest such way with the fewest bends, so a diagram never shows a line
// passing under an entity it does not touch.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far a detour keeps from the entities it passes: room for a crow's foot. */
const CLEARANCE = 28;
/** A bend costs as much as this much more length: fewer bends read easier. */
const BEND = 60;
/** Entities farther than this from both ends' corridor cannot be in the way. */
const REACH = 240;

export function center(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Where the line from `box`'s center towards `toward` leaves the box. */
export function borderPoint(box: Box, toward: Point): Point {
  const { x: cx, y: cy } = center(box);
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const scale = Math.min(
    dx === 0 ? Infinity : box.width / 2 / Math.abs(dx),
    dy === 0 ? Infinity : box.height / 2 / Math.abs(dy),
  );
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/**
 * A routed line, with what its route was computed from: the entities in its
 * corridor and those across any line tried. An entity in neither, added,
 * removed or moved within neither, leaves the route as it is (see `mayChange`).
 */
export interface Routed {
  corners: Point[];
  /** The area whose entities the routing considered from the start. */
  corridor: Box;
  /** Every line tried, the straight one first: an entity across one joined the obstacles. */
  tried: Point[][];
  /** The smallest box holding every line tried. */
  reach: Box;
}

/** The line's corners from `from`'s border to `to`'s, clear of `others`. */
export function route(from: Box, to: Box, others: readonly Box[]): Routed {
  const start = borderPoint(from, center(to));
  const end = borderPoint(to, center(from));
  const area = corridor(from, to);
  const tried: Point[][] = [[start, end]];
  let near = others.filter((o) => overlaps(o, area));
  if (!near.some((o) => blocks(start, end, o))) return finished([start, end], area, tried);
  // A detour can swing out of the corridor: an entity it meets there joins the
  // obstacles, and the line is routed again.
  let line: Point[] | null = null;
  for (let round = 0; round < 4; round++) {
    line = detour(from, to, near.map((o) => grow(o, CLEARANCE))) ?? line;
    if (line === null) break;
    const path = line;
    tried.push(path);
    const met = others.filter((o) => !near.includes(o) && segments(path).some(([a, b]) => blocks(a, b, o)));
    if (met.length === 0) break;
    near = [...near, ...met];
  }
  return finished(line ?? [start, end], area, tried);
}

function finished(corners: Point[], area: Box, tried: Point[][]): Routed {
  return { corners, corridor: area, tried, reach: bounds(tried.flat()) };
}

/**
 * Whether an entity at `box` could route the line otherwise: routing looks only
 * at the entities in its corridor and at those across a line it tried, so while
 * the ends stay put and the entities so placed are the same, `route` returns the
 * same corners for any change elsewhere.
 */
export function mayChange(routed: Routed, box: Box): boolean {
  if (overlaps(box, routed.corridor)) return true;
  // Most entities of a big diagram are far from every line tried: one test each.
  if (!overlaps(grow(box, CLEARANCE / 2), routed.reach)) return false;
  return routed.tried.some((line) => segments(line).some(([a, b]) => blocks(a, b, box)));
}

/**
 * Whether a line routed around the entities `dependedOn` (those that could
 * route it otherwise then, `mayChange`) still stands now that those that could
 * are `nearNow`: every entity it went around is where it was, and each other
 * one keeps out of the clearance routing gives a line. An entity added or
 * grown there cannot make the line shorter (it only takes room), so the line is
 * kept unless it now runs too close; an entity it went around that moved or
 * went away may leave a shorter way, so the line is routed again. Adding an
 * entity to a big diagram then routes again only the lines it lands on.
 */
export function stillRouted(routed: Routed, dependedOn: readonly Box[], nearNow: readonly Box[]): boolean {
  const same = (a: Box) => (b: Box) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
  if (!dependedOn.every((o) => nearNow.some(same(o)))) return false;
  const runs = segments(routed.corners);
  return nearNow.every((n) => dependedOn.some(same(n)) || !runs.some(([a, b]) => crosses(a, b, grow(n, CLEARANCE))));
}

/** The smallest box holding every point. */
function bounds(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Whether the run from `a` to `b` passes too close to an entity at `box`. */
function blocks(a: Point, b: Point, box: Box): boolean {
  return crosses(a, b, grow(box, CLEARANCE / 2));
}

/** The point halfway along a line of corners, where its label goes. */
export function midpoint(points: readonly Point[]): Point {
  const runs = segments(points);
  let left = runs.reduce((sum, [a, b]) => sum + distance(a, b), 0) / 2;
  for (const [a, b] of runs) {
    const length = distance(a, b);
    if (left <= length && length > 0) {
      const t = left / length;
      return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
    }
    left -= length;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/** Each run of a line of corners, as its two ends. */
export function segments(points: readonly Point[]): [Point, Point][] {
  const runs: [Point, Point][] = [];
  for (let i = 1; i < points.length; i++) runs.push([points[i - 1] as Point, points[i] as Point]);
  return runs;
}

/** The range [first, end) of the indexes of sorted `lines` whose doubled-grid
    points (see Grid) lie strictly between `low` and `high`. */
function strictlyBetween(lines: readonly number[], low: number, high: number): [number, number] {
  const value = (I: number) => {
    const a = lines[I >> 1] as number;
    return I % 2 === 0 ? a : (a + (lines[(I >> 1) + 1] as number)) / 2;
  };
  const count = 2 * lines.length - 1;
  let first = 0;
  while (first < count && value(first) <= low) first++;
  let end = first;
  while (end < count && value(end) < high) end++;
  return [first, end];
}

/** Whether the segment from `a` to `b` passes through the inside of `box`. */
export function crosses(a: Point, b: Point, box: Box): boolean {
  // Liang–Barsky clipping: the segment's parameter range inside the box.
  let low = 0;
  let high = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const sides: [number, number][] = [
    [-dx, a.x - box.x],
    [dx, box.x + box.width - a.x],
    [-dy, a.y - box.y],
    [dy, box.y + box.height - a.y],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) low = Math.max(low, t);
    else high = Math.min(high, t);
    if (low >= high) return false;
  }
  return high - low > 1e-9;
}

/**
 * The cheapest run of horizontal and vertical segments from one box's center
 * to the other's over the grid of every obstacle's edges, cut where it leaves
 * the first box and enters the second; none when the boxes are walled in.
 */
function detour(from: Box, to: Box, obstacles: readonly Box[]): Point[] | null {
  if (overlaps(from, to)) return null;
  const a = center(from);
  const b = center(to);
  const xs = coordinates([a.x, b.x, ...obstacles.flatMap((o) => [o.x, o.x + o.width])], [from, to], "x");
  const ys = coordinates([a.y, b.y, ...obstacles.flatMap((o) => [o.y, o.y + o.height])], [from, to], "y");
  const path = cheapest(new Grid(xs, ys, obstacles), a, b);
  if (!path) return null;
  return clip(simplify(path), from, to);
}

/** Sorted distinct grid lines, with lines just outside both end boxes. */
function coordinates(values: number[], ends: Box[], axis: "x" | "y"): number[] {
  for (const box of ends) {
    const low = axis === "x" ? box.x : box.y;
    const size = axis === "x" ? box.width : box.height;
    values.push(low - CLEARANCE, low + size + CLEARANCE);
  }
  return [...new Set(values)].sort((p, q) => p - q);
}

const STEPS: [number, number][] = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/**
 * Grid lines, by index: a point is a pair of indexes. Which points, and which
 * middles of runs between neighbouring points, lie inside an obstacle is worked
 * out once, not asked of every obstacle at every step of the search: a long
 * line across a big model meets a hundred entities, and asking each of them
 * made routing its lines take seconds.
 */
class Grid {
  /** Per point of the doubled grid (index 2i is line i, 2i + 1 the middle
      between lines i and i + 1): 1 when inside an obstacle. */
  private readonly blocked: Uint8Array;
  private readonly rows: number;

  constructor(
    readonly xs: number[],
    readonly ys: number[],
    obstacles: readonly Box[],
  ) {
    const columns = 2 * xs.length - 1;
    this.rows = 2 * ys.length - 1;
    this.blocked = new Uint8Array(Math.max(0, columns * this.rows));
    for (const o of obstacles) {
      const [i0, i1] = strictlyBetween(xs, o.x, o.x + o.width);
      const [j0, j1] = strictlyBetween(ys, o.y, o.y + o.height);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) this.blocked[i * this.rows + j] = 1;
    }
  }

  /** Whether the run from point (i, j) one step along (di, dj) stays outside
      every obstacle: its far end and its middle are both clear. */
  clear(i: number, j: number, di: number, dj: number): boolean {
    const at = (I: number, J: number) => this.blocked[I * this.rows + J] === 0;
    return at(2 * (i + di), 2 * (j + dj)) && at(2 * i + di, 2 * j + dj);
  }

  point(i: number, j: number): Point | undefined {
    const x = this.xs[i];
    const y = this.ys[j];
    return x === undefined || y === undefined ? undefined : { x, y };
  }

  /** A number for each point and the direction it was entered in (4: none). */
  key(i: number, j: number, d: number): number {
    return (i * this.ys.length + j) * 5 + d;
  }

  /** The (i, j) indexes and the direction of a `key`. */
  state(key: number): [number, number, number] {
    const cell = Math.floor(key / 5);
    return [Math.floor(cell / this.ys.length), cell % this.ys.length, key % 5];
  }

  pointOf(key: number): Point | undefined {
    const cell = Math.floor(key / 5);
    return this.point(Math.floor(cell / this.ys.length), cell % this.ys.length);
  }
}

/**
 * The cheapest way over grid points and the direction they were entered in: A*
 * with the remaining horizontal and vertical distance as its estimate, which no
 * way can beat (every run costs at least its length), so the way found is a
 * cheapest one while the search looks mostly towards the target: an edit on a
 * big diagram routes dozens of lines again, and this search is most of each.
 * Costs are kept in maps of the states reached, not arrays of every state: the
 * grid of a long line across an unaligned diagram has millions of them.
 */
function cheapest(grid: Grid, from: Point, to: Point): Point[] | null {
  const { xs, ys } = grid;
  const cost = new Map<number, number>();
  const back = new Map<number, number>();
  const open = new Heap();
  const push = (i: number, j: number, d: number, c: number, before: number) => {
    const k = grid.key(i, j, d);
    if ((cost.get(k) ?? Infinity) <= c) return;
    cost.set(k, c);
    back.set(k, before);
    const remaining = Math.abs((xs[i] as number) - to.x) + Math.abs((ys[j] as number) - to.y);
    open.push(k, c + remaining, c);
  };
  const startI = xs.indexOf(from.x);
  const startJ = ys.indexOf(from.y);
  if (startI < 0 || startJ < 0) return null;
  push(startI, startJ, 4, 0, -1);
  while (open.size > 0) {
    const { key, cost: reached } = open.pop();
    if (reached > (cost.get(key) ?? Infinity)) continue;
    const [i, j, entered] = grid.state(key);
    const x = xs[i] as number;
    const y = ys[j] as number;
    if (x === to.x && y === to.y) return walkBack(grid, key, back);
    for (let d = 0; d < STEPS.length; d++) {
      const [di, dj] = STEPS[d] as [number, number];
      const nx = xs[i + di];
      const ny = ys[j + dj];
      // Both ends and the run's middle clear: a run between neighbouring grid
      // lines crosses no obstacle edge, so these three points decide it.
      if (nx === undefined || ny === undefined || !grid.clear(i, j, di, dj)) continue;
      const length = Math.abs(nx - x) + Math.abs(ny - y);
      const bend = entered !== 4 && entered !== d ? BEND : 0;
      push(i + di, j + dj, d, reached + length + bend, key);
    }
  }
  return null;
}

/** A binary heap of search states by priority, the least first, in growable typed arrays. */
class Heap {
  private keys = new Int32Array(64);
  private priorities = new Float64Array(64);
  private costs = new Float64Array(64);
  size = 0;

  push(key: number, priority: number, cost: number) {
    if (this.size === this.keys.length) this.grow();
    let n = this.size++;
    while (n > 0) {
      const parent = (n - 1) >> 1;
      if (!(priority < (this.priorities[parent] as number))) break;
      this.move(parent, n);
      n = parent;
    }
    this.keys[n] = key;
    this.priorities[n] = priority;
    this.costs[n] = cost;
  }

  /** The state of least priority, with its cost; only while `size` is above 0. */
  pop(): { key: number; cost: number } {
    const top = { key: this.keys[0] as number, cost: this.costs[0] as number };
    const last = --this.size;
    const [key, priority, cost] = [this.keys[last] as number, this.priorities[last] as number, this.costs[last] as number];
    let n = 0;
    for (;;) {
      const left = 2 * n + 1;
      if (left >= last) break;
      const right = left + 1;
      const lesser = (this.priorities[right] as number) < (this.priorities[left] as number);
      const child = right < last && lesser ? right : left;
      if (!((this.priorities[child] as number) < priority)) break;
      this.move(child, n);
      n = child;
    }
    this.keys[n] = key;
    this.priorities[n] = priority;
    this.costs[n] = cost;
    return top;
  }

  private move(from: number, to: number) {
    this.keys[to] = this.keys[from] as number;
    this.priorities[to] = this.priorities[from] as number;
    this.costs[to] = this.costs[from] as number;
  }

  private grow() {
    const bigger = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(old.length * 2);
      next.set(old);
      return next;
    };
    this.keys = bigger(this.keys, (n) => new Int32Array(n));
    this.priorities = bigger(this.priorities, (n) => new Float64Array(n));
    this.costs = bigger(this.costs, (n) => new Float64Array(n));
  }
}

function walkBack(grid: Grid, last: number, back: Map<number, number>): Point[] {
  const points: Point[] = [];
  for (let k = last; k >= 0; k = back.get(k) ?? -1) {
    const p = grid.pointOf(k);
    if (p) points.push(p);
  }
  return points.reverse();
}

/** Only the corners: points in the middle of a straight run go. */
function simplify(points: Point[]): Point[] {
  const corners = segments(points)
    .slice(1)
    .filter(([p, after], n) => {
      const before = points[n] ?? p;
      return !((before.x === p.x && p.x === after.x) || (before.y === p.y && p.y === after.y));
    })
    .map(([p]) => p);
  const first = points[0];
  const last = points[points.length - 1];
  return first && last ? [first, ...corners, last] : points;
}

/** The corners outside both boxes, from the border of one to the other's. */
function clip(points: Point[], from: Box, to: Box): Point[] | null {
  const runs = segments(points);
  const leaving = runs.findIndex(([, b]) => !inside(b, from, true));
  const entering = runs.findLastIndex(([a]) => !inside(a, to, true));
  const out = runs[leaving];
  const into = runs[entering];
  if (!out || !into || entering < leaving) return null;
  return [exit(out[0], out[1], from), ...points.slice(leaving + 1, entering + 1), exit(into[1], into[0], to)];
}

/** Where the run from `a`, inside `box`, towards `b` crosses its border. */
function exit(a: Point, b: Point, box: Box): Point {
  const x = Math.min(Math.max(b.x, box.x), box.x + box.width);
  const y = Math.min(Math.max(b.y, box.y), box.y + box.height);
  return a.x === b.x ? { x: a.x, y } : { x, y: a.y };
}

function inside(p: Point, box: Box, closed = false): boolean {
  if (closed) return p.x >= box.x && p.x <= box.x + box.width && p.y >= box.y && p.y <= box.y + box.height;
  return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}

function corridor(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x) - REACH;
  const y = Math.min(a.y, b.y) - REACH;
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) + REACH - x, height: Math.max(a.y + a.height, b.y + b.height) + REACH - y };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}
