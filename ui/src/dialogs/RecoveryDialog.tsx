// After a crash or a kill: the unsaved work the last run left, offered back.
import { useState } from "react";

import { useStudio } from "../state/studio";
import { Modal } from "./Modal";

export function RecoveryDialog() {
  const { recovery, restore, discardRecovery } = useStudio();
  const [later, setLater] = useState(false);
  const offer = recovery[0];
  if (!offer || later) return null;
  const when = new Date(offer.saved_at * 1000).toLocaleString();
  return (
    <Modal title="Recover unsaved changes?" onClose={() => { setLater(true); }}>
      <p data-testid="recovery-offer">
        Tablewright closed without saving changes to <strong>{offer.model_name}</strong>
        {offer.path ? ` (${offer.path})` : " (never saved)"}, last changed {when}.
      </p>
      <div className="buttons">
        <button type="button" className="danger" data-testid="recovery-discard" onClick={() => void discardRecovery(offer.id)}>
          Discard
        </button>
        <button type="button" onClick={() => { setLater(true); }}>
          Not Now
        </button>
        <button type="button" className="primary" autoFocus data-testid="recovery-restore" onClick={() => void restore(offer.id)}>
          Recover
        </button>
      </div>
    </Modal>
  );
}
