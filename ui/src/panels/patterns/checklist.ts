// A set of names chosen with check boxes, kept in the order they are listed, so
// that checking and unchecking in any order saves the same list (a file's own
// order gives way to it at the first change).

/** `chosen` with `name` checked (`on`) or unchecked, in `listed` order. */
export function toggled(listed: string[], chosen: string[], name: string, on: boolean): string[] {
  const next = on ? [...chosen, name] : chosen.filter((n) => n !== name);
  return listed.filter((n) => next.includes(n));
}
