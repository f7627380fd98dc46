import { useStore } from '../state/store.ts';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { Icon } from '../chrome/Icon.tsx';

const selectRecent = (state: SessionState) => state.recentFiles;

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** What an empty canvas offers: a template, a first layer, or a recent file. */
export function EmptyState({ editor }: { editor: Editor }) {
  const recent = useStore(editor.session, selectRecent);
  return (
    <div className="empty-state">
      <div className="empty-state__card">
        <h2>Start a design</h2>
        <p>Drag layers from the palette, or begin from a classic architecture.</p>
        <div className="empty-state__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => editor.openDialog({ kind: 'templates' })}
          >
            <Icon name="templates" /> Start from a classic network
          </button>
          <button type="button" className="button" onClick={() => void editor.addLayer('Input')}>
            <Icon name="plus" /> Place an Input layer
          </button>
          <button type="button" className="button" onClick={() => void editor.importOnnx()}>
            <Icon name="import" /> Bring in an .onnx model
          </button>
        </div>
        {recent.length > 0 && (
          <>
            <h3>Recent</h3>
            <ul className="empty-state__recent">
              {recent.slice(0, 5).map((path) => (
                <li key={path}>
                  <button
                    type="button"
                    className="link-button"
                    title={path}
                    onClick={() => void editor.openRecent(path)}
                  >
                    {fileName(path)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
