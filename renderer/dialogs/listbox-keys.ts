import type { KeyboardEvent } from 'react';

/**
 * Keyboard handling of a search field that drives a listbox (the command palette, quick add):
 * the arrows move the active option round the list, Enter chooses it.
 */
export function listboxKeys(
  count: number,
  current: number,
  setActive: (index: number) => void,
  choose: (index: number) => void,
): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + count) % Math.max(1, count));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(current);
    }
  };
}
