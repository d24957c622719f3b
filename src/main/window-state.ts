import type { Rectangle } from 'electron';
import type { WindowState } from './settings-store';

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
const MIN_VISIBLE_PIXELS = 100;

/**
 * The bounds to open the window with: the saved ones if the window would still be reachable on
 * one of today's displays (a monitor may have been unplugged), else the saved size, centred.
 */
export function restoredWindowBounds(
  saved: WindowState | null,
  workAreas: readonly Rectangle[],
): Partial<Rectangle> & {
  width: number;
  height: number;
} {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE };
  const size = { width: saved.width, height: saved.height };
  if (saved.x === undefined || saved.y === undefined) return size;
  const { x, y } = saved;
  const reachable = workAreas.some(
    (area) =>
      x + MIN_VISIBLE_PIXELS <= area.x + area.width &&
      x + saved.width - MIN_VISIBLE_PIXELS >= area.x &&
      y >= area.y - MIN_VISIBLE_PIXELS / 2 &&
      y + MIN_VISIBLE_PIXELS / 2 <= area.y + area.height,
  );
  return reachable ? { ...size, x, y } : size;
}

/** What to save of a window: its normal (un-maximised) bounds and whether it is maximised. */
export function windowStateOf(window: {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}): WindowState {
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: window.isMaximized(),
  };
}
