// Automatic layout with ELK's layered algorithm: parents left of their
// children, relationships routed with few crossings.
import type { Model, Position } from "../generated/types";
import { estimatedHeight, NODE_WIDTH } from "./graph";

// ELK is most of the UI's code by size: loaded when first asked for.
async function elk() {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  return new ELK();
}

/** A position for every entity; `sizes` are the measured node sizes where known. */
export async function autoLayout(
  model: Model,
  sizes: Map<string, { width: number; height: number }>,
): Promise<Record<string, Position>> {
  const graph = {
    id: "model",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "60",
      "elk.layered.spacing.nodeNodeBetweenLayers": "220",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
      "elk.padding": "[top=60,left=60,bottom=60,right=60]",
    },
    children: model.entities.map((e) => ({
      id: e.name,
      width: sizes.get(e.name)?.width ?? NODE_WIDTH,
      height: sizes.get(e.name)?.height ?? estimatedHeight(e),
    })),
    edges: (model.relationships ?? [])
      .filter((r) => r.from !== r.to)
      .map((r) => ({ id: r.name, sources: [r.from], targets: [r.to] })),
  };
  const laid = await (await elk()).layout(graph);
  const positions: Record<string, Position> = {};
  for (const node of laid.children ?? []) {
    positions[node.id] = { x: Math.round(node.x ?? 0), y: Math.round(node.y ?? 0) };
  }
  return positions;
}
