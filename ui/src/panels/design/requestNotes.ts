// What a request does beyond its key condition, in DynamoDB's words: an
// architect checks these against the pattern (order, limit, consistency, fan-out).
import type { Request } from "../../generated/types";

export function requestNotes(r: Request): string[] {
  const notes: string[] = [];
  if (r.filter !== undefined) notes.push(`filter ${r.filter}`);
  if (r.scan_index_forward === false) notes.push("ScanIndexForward = false (descending)");
  if (r.limit !== undefined) notes.push(`Limit ${r.limit}`);
  if (r.consistency === "strong") notes.push("strongly consistent");
  if (r.count > 1) notes.push(`runs ${r.count} times: ${r.merge ?? "once per shard"}`);
  if (r.uses !== undefined) notes.push(`uses ${r.uses}`);
  return notes;
}
