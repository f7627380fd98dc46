import type { ConfirmChoice } from '../editor/session.ts';
import { Modal } from './Modal.tsx';

/** Save, discard or keep editing: asked before a design with unsaved changes is replaced. */
export function ConfirmDialog({
  title,
  message,
  resolve,
}: {
  title: string;
  message: string;
  resolve: (choice: ConfirmChoice) => void;
}) {
  return (
    <Modal label={title} className="confirm" onClose={() => resolve('cancel')}>
      <h2>{title}</h2>
      <p>{message}</p>
      <div className="modal__actions">
        <button type="button" className="button" onClick={() => resolve('cancel')}>
          Cancel
        </button>
        <button type="button" className="button button--danger" onClick={() => resolve('discard')}>
          Don’t save
        </button>
        <button type="button" className="button button--primary" data-autofocus onClick={() => resolve('save')}>
          Save
        </button>
      </div>
    </Modal>
  );
}
