import type { KeyboardEvent, PointerEvent } from 'react';

/**
 * A draggable divider between two panels (and a keyboard one: arrow keys). `side` says which way
 * dragging grows the panel: a panel on the right grows as the divider moves left.
 */
export function Splitter({
  label,
  width,
  min,
  max,
  side,
  onResize,
}: {
  label: string;
  width: number;
  min: number;
  max: number;
  side: 'left' | 'right';
  onResize: (width: number) => void;
}) {
  const clamp = (value: number): number => Math.round(Math.min(max, Math.max(min, value)));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.preventDefault();
    const start = event.clientX;
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const move = (moved: globalThis.PointerEvent): void => {
      const delta = moved.clientX - start;
      onResize(clamp(width + (side === 'left' ? delta : -delta)));
    };
    const end = (): void => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', end);
      element.removeEventListener('pointercancel', end);
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const step = (event.key === 'ArrowRight' ? 16 : -16) * (side === 'left' ? 1 : -1);
    onResize(clamp(width + step));
  };
  return (
    <div
      className={`splitter splitter--${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
