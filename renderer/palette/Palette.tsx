import { useEffect, useMemo, useRef, useState } from 'react';
import { layerOf, type LayerType } from '../../engine/core/index.ts';
import { LAYER_MIME } from '../canvas/Canvas.tsx';
import { Icon } from '../chrome/Icon.tsx';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { bestMatch, paletteGroups } from './palette-model.ts';

const selectFocusRequest = (state: SessionState) => state.paletteFocusRequest;

function PaletteEntry({ editor, type }: { editor: Editor; type: LayerType }) {
  const layer = layerOf(type);
  return (
    <li>
      <button
        type="button"
        className="palette__entry"
        aria-label={`Add ${type}`}
        title={layer.summary}
        draggable
        onDragStart={(event) => {
          event.dataTransfer.setData(LAYER_MIME, type);
          event.dataTransfer.effectAllowed = 'copy';
        }}
        onClick={() => void editor.addLayer(type)}
      >
        <span className={`category-dot category-dot--${layer.category}`} aria-hidden="true" />
        <span className="palette__name">{type}</span>
        <span className="palette__summary">{layer.summary}</span>
      </button>
    </li>
  );
}

/** The layer catalogue, searchable; click an entry to add it where you look, or drag it into place. */
export function Palette({ editor }: { editor: Editor }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => paletteGroups(query), [query]);
  const focusRequest = useStore(editor.session, selectFocusRequest);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest === 0) return;
    search.current?.focus();
    search.current?.select();
  }, [focusRequest]);
  return (
    <aside className="palette" aria-label="Layers">
      <div className="palette__search">
        <Icon name="search" />
        <input
          ref={search}
          type="search"
          aria-label="Search layers"
          placeholder="Search layers"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              const type = bestMatch(query);
              if (type) {
                editor.addLayer(type);
                setQuery('');
              }
            } else if (event.key === 'Escape') {
              setQuery('');
              event.currentTarget.blur();
            }
          }}
        />
      </div>
      <div className="palette__list">
        {groups.length === 0 && <p className="palette__empty">No layer matches “{query}”.</p>}
        {groups.map((group) => (
          <section key={group.category} className="palette__group" aria-label={group.label}>
            <h3 className="section-title">{group.label}</h3>
            <ul>
              {group.types.map((type) => (
                <PaletteEntry key={type} editor={editor} type={type} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
