import { useEffect } from 'react';
import { formatShape } from '../../engine/core/index.ts';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { formatCount, formatMacs } from '../format.ts';
import { useStore } from '../state/store.ts';
import { Modal } from './Modal.tsx';

const selectTemplates = (state: SessionState) => state.templates;

/** A card per template: name, input, parameters and MACs, as the host lists them. */
export function TemplatesGallery({ editor }: { editor: Editor }) {
  const templates = useStore(editor.session, selectTemplates);
  useEffect(() => {
    if (templates === undefined) void editor.loadTemplates();
  }, [editor, templates]);
  return (
    <Modal label="Templates" className="templates" onClose={() => editor.closeDialog()}>
      <header className="modal__header">
        <h2>Templates</h2>
        <p className="muted">Classic architectures, ready to study and change.</p>
        <button type="button" className="icon-button" aria-label="Close" onClick={() => editor.closeDialog()}>
          ×
        </button>
      </header>
      {templates === undefined ? (
        <p className="templates__loading" role="status">
          Loading templates…
        </p>
      ) : (
        <ul className="templates__grid">
          {templates.map((template, index) => (
            <li key={template.id}>
              <button
                type="button"
                className="template-card"
                aria-label={template.name}
                aria-describedby={`template-${template.id}`}
                {...(index === 0 ? { 'data-autofocus': true } : {})}
                onClick={() => void editor.openTemplate(template.id)}
              >
                <span className="template-card__name">{template.name}</span>
                <span
                  className="template-card__description"
                  id={`template-${template.id}`}
                  title={template.description}
                >
                  {template.description}
                </span>
                <dl className="template-card__facts">
                  <div>
                    <dt>Input</dt>
                    <dd className="mono">{formatShape(template.inputShape)}</dd>
                  </div>
                  <div>
                    <dt>Params</dt>
                    <dd>{formatCount(template.trainableParams)}</dd>
                  </div>
                  <div>
                    <dt>MACs</dt>
                    <dd>{formatMacs(template.macs)}</dd>
                  </div>
                </dl>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
