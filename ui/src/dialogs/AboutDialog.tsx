import { Modal } from "./Modal";

export function AboutDialog(props: { onClose: () => void }) {
  return (
    <Modal title="About Tablewright" onClose={props.onClose}>
      <p>
        Tablewright derives a single-table DynamoDB design from entities, relationships and access patterns,
        explains every decision, and proves the design on a real DynamoDB.
      </p>
      <p className="hint">Apache-2.0. Everything the app does is also a command of the <code>tablewright</code> CLI.</p>
      <div className="buttons">
        <button type="button" className="primary" autoFocus onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
