/** How numbers read in the UI: exact with separators in tables, compact on node cards. */
export { formatShape } from '../engine/core/index.ts';

/** One formatter for every count: toLocaleString would build a new one per call. */
const COUNT = new Intl.NumberFormat('en-US');

/** 61706 → "61,706", as the engine's summary prints it. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** 15_470_264_320 → "15.47 G"; small counts stay exact, as the engine's summary prints them. */
export function formatMacs(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  return formatCount(value);
}

/** 1_234 → "1.2K", 23_512_000 → "23.5M": short enough for a node card. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}K`;
  return formatCount(value);
}

function trim(value: number): string {
  return value >= 100
    ? value.toFixed(0)
    : value >= 10
      ? value.toFixed(1).replace(/\.0$/, '')
      : value.toFixed(2).replace(/\.?0+$/, '');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** Exact, with the short form beside it once it gets long: "11,513,626,624 (11.51 G)". */
export function formatMacsInFull(value: number): string {
  return value >= 1e6 ? `${formatCount(value)} (${formatMacs(value)})` : formatCount(value);
}
