import { SHORTCUTS } from "../commands";
import { Modal } from "./Modal";

const CANVAS = [
  ["Drag a node", "Move an entity"],
  ["Drag from a node's edge dot to another node", "Connect them; then choose the cardinality"],
  ["Double-click a node or relationship", "Edit it"],
  ["Shift+drag on the canvas", "Select several entities"],
  ["Shift+click or Ctrl+click", "Add to the selection"],
  ["Scroll / pinch", "Zoom"],
];

export function ShortcutsDialog(props: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={props.onClose} wide>
      <table className="shortcuts" data-testid="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th>
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
          {CANVAS.map(([keys, what]) => (
            <tr key={keys}>
              <th>{keys}</th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="buttons">
        <button type="button" className="primary" autoFocus onClick={props.onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
