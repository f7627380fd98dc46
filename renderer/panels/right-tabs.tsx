/**
 * The tabs of the right-hand panel. A new panel (the Run tab) is one more line here.
 */
import type { ReactNode } from 'react';
import type { Editor } from '../editor/editor.ts';
import { Inspector } from '../inspector/Inspector.tsx';
import { RunPanel } from '../run/RunPanel.tsx';
import { SummaryPanel } from '../summary/SummaryPanel.tsx';

export interface RightTab {
  readonly id: string;
  readonly label: string;
  readonly render: (editor: Editor) => ReactNode;
}

export const RIGHT_TABS: readonly RightTab[] = [
  { id: 'inspector', label: 'Inspector', render: (editor) => <Inspector editor={editor} /> },
  { id: 'summary', label: 'Summary', render: (editor) => <SummaryPanel editor={editor} /> },
  { id: 'run', label: 'Run', render: (editor) => <RunPanel editor={editor} /> },
];
