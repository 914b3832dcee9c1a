// Asked before an action would lose unsaved changes.
import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

export function UnsavedDialog() {
  const { unsaved, answerUnsaved, doc } = useStudio();
  if (!unsaved) return null;
  const name = doc.path?.split(/[\\/]/).pop() ?? "The model";
  return (
    <Modal title="Save changes?" onClose={() => void answerUnsaved("cancel")}>
      <p>
        {name} has changes that are not saved. Save them before you {unsaved.doing}?
      </p>
      <div className="buttons">
        <button type="button" data-testid="unsaved-cancel" onClick={() => void answerUnsaved("cancel")}>
          Cancel
        </button>
        <button type="button" data-testid="unsaved-discard" className="danger" onClick={() => void answerUnsaved("discard")}>
          Don’t Save
        </button>
        <button type="button" data-testid="unsaved-save" className="primary" autoFocus onClick={() => void answerUnsaved("save")}>
          Save
        </button>
      </div>
    </Modal>
  );
}
