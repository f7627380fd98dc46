import type { Editor } from '../editor/editor.ts';
import type { SessionState } from '../editor/session.ts';
import { useStore } from '../state/store.ts';
import { CommandPalette } from './CommandPalette.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { FileDialog } from './FileDialog.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { QuickAdd } from './QuickAdd.tsx';
import { TemplatesGallery } from './TemplatesGallery.tsx';

const selectDialog = (state: SessionState) => state.dialog;

/** The one open dialog, if any. */
export function Dialogs({ editor }: { editor: Editor }) {
  const dialog = useStore(editor.session, selectDialog);
  switch (dialog?.kind) {
    case undefined:
      return null;
    case 'command-palette':
      return <CommandPalette editor={editor} />;
    case 'quick-add':
      return <QuickAdd editor={editor} at={dialog.at} wire={dialog.wire} />;
    case 'help':
      return <HelpOverlay editor={editor} />;
    case 'templates':
      return <TemplatesGallery editor={editor} />;
    case 'file':
      return (
        <FileDialog editor={editor} mode={dialog.mode} suggestedName={dialog.suggestedName} resolve={dialog.resolve} />
      );
    case 'confirm':
      return <ConfirmDialog title={dialog.title} message={dialog.message} resolve={dialog.resolve} />;
  }
}
