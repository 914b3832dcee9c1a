// An index's projection as DynamoDB spells it: ALL, KEYS_ONLY, INCLUDE (a, b).
import type { Projection } from "../generated/types";

export function projectionText(projection: Projection): string {
  return typeof projection === "string" ? projection : `INCLUDE (${projection.INCLUDE.join(", ")})`;
}
