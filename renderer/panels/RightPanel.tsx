import { useId, type KeyboardEvent } from 'react';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { RIGHT_TABS } from './right-tabs.tsx';

const selectTab = (state: SessionState) => state.rightTab;

/** Inspector | Summary | …: one tab visible at a time, the others not rendered. */
export function RightPanel({ editor }: { editor: Editor }) {
  const id = useId();
  const tabId = useStore(editor.session, selectTab);
  const active = RIGHT_TABS.find((tab) => tab.id === tabId) ?? RIGHT_TABS[0];
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = RIGHT_TABS.findIndex((tab) => tab.id === active?.id);
    const next = RIGHT_TABS[(index + (event.key === 'ArrowRight' ? 1 : -1) + RIGHT_TABS.length) % RIGHT_TABS.length];
    if (next) editor.updateSession({ rightTab: next.id });
  };
  return (
    <aside className="right-panel" aria-label="Details">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {RIGHT_TABS.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${id}-${tab.id}`}
            aria-selected={tab.id === active?.id}
            aria-controls={`${id}-panel`}
            tabIndex={tab.id === active?.id ? 0 : -1}
            className={tab.id === active?.id ? 'tabs__tab is-active' : 'tabs__tab'}
            onClick={() => editor.updateSession({ rightTab: tab.id })}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {active && (
        <section
          className="right-panel__body"
          role="tabpanel"
          id={`${id}-panel`}
          aria-labelledby={`${id}-${active.id}`}
        >
          {active.render(editor)}
        </section>
      )}
    </aside>
  );
}
