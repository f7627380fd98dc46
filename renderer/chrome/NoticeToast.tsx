import { useEffect } from 'react';
import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { Icon } from './Icon.tsx';

const selectNotice = (state: SessionState) => state.notice;
const SHOWN_MS = { info: 4000, success: 4000, error: 9000 } as const;

/** The latest notice, at the bottom of the canvas; errors are announced at once and stay longer. */
export function NoticeToast({ editor }: { editor: Editor }) {
  const notice = useStore(editor.session, selectNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => editor.dismissNotice(notice.id), SHOWN_MS[notice.tone]);
    return () => window.clearTimeout(timer);
  }, [editor, notice]);
  return (
    <div className="toast-region" role={notice?.tone === 'error' ? 'alert' : 'status'}>
      {notice && (
        <div key={notice.id} className={`toast toast--${notice.tone}`}>
          <Icon name={notice.tone === 'error' ? 'error' : 'check'} />
          <span>{notice.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => editor.dismissNotice(notice.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
    </div>
  );
}
