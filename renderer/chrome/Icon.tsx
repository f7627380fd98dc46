/** Line icons drawn on a 16-unit grid with the current text colour; decorative, so hidden from screen readers. */
const PATHS = {
  new: 'M4 1.5h5.5L12.5 4.5V14.5H4z M9.5 1.5V4.5H12.5 M8.25 7.5v5 M5.75 10h5',
  open: 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13z M1.5 7h13',
  save: 'M2.5 2.5h9l2 2v9h-11z M5 2.5v3.5h5.5V2.5 M5 13.5v-4h6v4',
  saveAs: 'M2.5 2.5h9l2 2v3 M2.5 2.5v11h5 M5 2.5v3.5h5.5V2.5 M10.5 14.5l4-4-1.5-1.5-4 4v1.5z',
  templates: 'M2 2h5v5H2z M9 2h5v5H9z M2 9h5v5H2z M9 9h5v5H9z',
  import: 'M8 1.5v8.5 M4.5 6.5L8 10l3.5-3.5 M2 11v3h12v-3',
  export: 'M8 10V1.5 M4.5 5L8 1.5 11.5 5 M2 11v3h12v-3',
  undo: 'M5 3L2 6l3 3 M2 6h7.5a4 4 0 010 8H6',
  redo: 'M11 3l3 3-3 3 M14 6H6.5a4 4 0 000 8H10',
  layout: 'M6 1.5h4v3H6z M1.5 11.5h4v3h-4z M10.5 11.5h4v3h-4z M8 4.5v3.5 M3.5 11.5V8h9v3.5',
  fit: 'M1.5 5.5v-4h4 M10.5 1.5h4v4 M14.5 10.5v4h-4 M5.5 14.5h-4v-4 M5 5h6v6H5z',
  plus: 'M8 3v10 M3 8h10',
  minus: 'M3 8h10',
  search: 'M7 2.5a4.5 4.5 0 110 9 4.5 4.5 0 010-9z M10.3 10.3l3.7 3.7',
  help: 'M8 1.5a6.5 6.5 0 110 13 6.5 6.5 0 010-13z M6 6.2a2 2 0 113 1.7c-.7.4-1 .8-1 1.6 M8 11.5v.5',
  command:
    'M5 5h6v6H5z M5 5V3.5A1.5 1.5 0 103.5 5H5z M11 5V3.5A1.5 1.5 0 1112.5 5H11z M5 11v1.5A1.5 1.5 0 113.5 11H5z M11 11v1.5a1.5 1.5 0 101.5-1.5H11z',
  sun: 'M8 5a3 3 0 110 6 3 3 0 010-6z M8 1v1.5 M8 13.5V15 M1 8h1.5 M13.5 8H15 M3 3l1 1 M12 12l1 1 M3 13l1-1 M12 4l1-1',
  moon: 'M13.5 9.5A6 6 0 016.5 2.5a6 6 0 107 7z',
  error: 'M8 1.5a6.5 6.5 0 110 13 6.5 6.5 0 010-13z M5.5 5.5l5 5 M10.5 5.5l-5 5',
  warning: 'M8 1.5l7 12.5H1z M8 6v4 M8 11.75v.5',
  check: 'M8 1.5a6.5 6.5 0 110 13 6.5 6.5 0 010-13z M5 8.2l2 2 4-4.2',
  close: 'M3.5 3.5l9 9 M12.5 3.5l-9 9',
  chevronRight: 'M6 3l5 5-5 5',
  chevronDown: 'M3 6l5 5 5-5',
  up: 'M8 13V3 M4 7l4-4 4 4',
  folder: 'M1.5 3.5h4l1.5 1.5h7.5v8.5h-13z',
  file: 'M4 1.5h5.5L12.5 4.5V14.5H4z M9.5 1.5V4.5H12.5',
  graph: 'M3 2.5h4v3H3z M9 10.5h4v3H9z M3 10.5h4v3H3z M5 5.5v5 M5 8h6v2.5',
  panel: 'M1.5 2.5h13v11h-13z M10 2.5v11',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
