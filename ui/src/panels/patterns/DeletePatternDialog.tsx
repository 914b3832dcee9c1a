// Asked before an access pattern is deleted, naming it.
import type { AccessPattern } from "../../generated/types";
import { Modal } from "../../dialogs/Modal";
import { useStudio } from "../../state/studio";

export function DeletePatternDialog(props: { pattern: AccessPattern; onClose: () => void }) {
  const { edit } = useStudio();
  const p = props.pattern;
  const remove = () => {
    props.onClose();
    void edit({ op: "delete_pattern", id: p.id });
  };
  return (
    <Modal title="Delete access pattern?" onClose={props.onClose}>
      <p>
        Delete {p.id} “{p.name}”? Undo brings it back.
      </p>
      <div className="buttons">
        <button type="button" autoFocus onClick={props.onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={remove}>
          Delete {p.id}
        </button>
      </div>
    </Modal>
  );
}
