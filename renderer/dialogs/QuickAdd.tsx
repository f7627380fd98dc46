import { useId, useMemo, useState } from 'react';
import { layerOf, type LayerType } from '../../engine/core/index.ts';
import type { Point } from '../document/changes.ts';
import type { Editor } from '../editor/editor.ts';
import type { LooseWire } from '../editor/session.ts';
import { paletteGroups } from '../palette/palette-model.ts';
import { Modal } from './Modal.tsx';
import { listboxKeys } from './listbox-keys.ts';

/** The layers that fit a loose wire: one that takes an input below an output, one with an output above an input. */
function fits(type: LayerType, wire: LooseWire): boolean {
  const layer = layerOf(type);
  return wire.side === 'source' ? layer.inputs.max > 0 : layer.hasOutput;
}

/** Search for a layer to add where a wire was dropped, already connected to it (Blender's link-drag search). */
export function QuickAdd({ editor, at, wire }: { editor: Editor; at: Point; wire: LooseWire }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const types = useMemo(
    () =>
      paletteGroups(query)
        .flatMap((group) => group.types)
        .filter((type) => fits(type, wire)),
    [query, wire],
  );
  const current = Math.min(active, Math.max(0, types.length - 1));
  const add = (index: number): void => {
    const type = types[index];
    if (!type) return;
    editor.closeDialog();
    editor.addLayerOnWire(type, at, wire);
  };
  return (
    <Modal label="Add and connect" className="command-palette" onClose={() => editor.closeDialog()}>
      <input
        data-autofocus
        className="command-palette__input"
        type="text"
        role="combobox"
        aria-label="Layer to connect"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={types.length > 0 ? `${id}-${current}` : undefined}
        placeholder={
          wire.side === 'source' ? `Feed ${wire.nodeId} into…` : `Feed input ${wire.port} of ${wire.nodeId} from…`
        }
        spellCheck={false}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={listboxKeys(types.length, current, setActive, add)}
      />
      <ul className="command-palette__list" role="listbox" id={`${id}-list`} aria-label="Layers">
        {types.length === 0 && <li className="command-palette__empty">No layer matches “{query}”</li>}
        {types.map((type, index) => (
          <li
            key={type}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === current}
            className={index === current ? 'command-palette__item is-active' : 'command-palette__item'}
            onPointerMove={() => index !== current && setActive(index)}
            onClick={() => add(index)}
          >
            <span className={`category-dot category-dot--${layerOf(type).category}`} aria-hidden="true" />
            <span className="command-palette__label">{type}</span>
            <span className="command-palette__hint">{layerOf(type).summary}</span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
