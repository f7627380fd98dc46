/**
 * The width the Run panel's drawings may take: its content box, measured as the user resizes the
 * panel, so plots and tile grids fill it at any width.
 */
import { createContext, useContext, useEffect, useState, type RefObject } from 'react';

/** The drawing width at the panel's default size. */
export const DEFAULT_DRAWING_WIDTH = 316;

export const DrawingWidth = createContext(DEFAULT_DRAWING_WIDTH);

export function useDrawingWidth(): number {
  return useContext(DrawingWidth);
}

/** The content width of `element` (less its sections' padding), following its size. */
export function useMeasuredWidth(element: RefObject<HTMLElement | null>, padding: number): number {
  const [width, setWidth] = useState(DEFAULT_DRAWING_WIDTH);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor((entry?.contentRect.width ?? 0) - padding);
      if (measured > 120) setWidth(measured);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element, padding]);
  return width;
}
