// The side panel of the diagram: the editor of what is selected.
import { useStudio } from "../state/studio";
import type { Opening } from "./AttributesEditor";
import { EntityEditor } from "./EntityEditor";
import { ModelSettings } from "./ModelSettings";
import { RelationshipEditor } from "./RelationshipEditor";

export function Inspector(props: { opening: Opening | null }) {
  const { doc, selection } = useStudio();
  const model = doc.model;
  if (selection.kind === "entities") {
    if (selection.names.length > 1) {
      return (
        <div className="editor">
          <h2>{selection.names.length} entities selected</h2>
          <p>{selection.names.join(", ")}</p>
          <p className="hint">Press Delete to delete them with their relationships and access patterns.</p>
        </div>
      );
    }
    const entity = model.entities.find((e) => e.name === selection.names[0]);
    if (entity) return <EntityEditor key={entity.name} entity={entity} opening={props.opening} />;
  }
  if (selection.kind === "relationship") {
    const relationship = (model.relationships ?? []).find((r) => r.name === selection.name);
    if (relationship) return <RelationshipEditor key={relationship.name} relationship={relationship} />;
  }
  return <ModelSettings />;
}
