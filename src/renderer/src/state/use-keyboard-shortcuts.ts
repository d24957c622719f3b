import { useEffect, useRef } from 'react';

export interface KeyboardShortcutHandlers {
  /** Off while a dialog owns the keyboard or another view is showing. */
  readonly enabled: boolean;
  readonly onNext: () => void;
  readonly onPrevious: () => void;
  readonly onOpenSelected: () => void;
  readonly onFocusSearch: () => void;
  readonly onEscape: () => void;
  readonly onPreviousArticle: () => void;
  readonly onNextArticle: () => void;
  readonly onShowShortcuts: () => void;
}

const TEXT_ENTRY = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const ACTIVATES_ON_ENTER = 'a[href], button, summary, input, select, textarea';

/**
 * The reader's single-key shortcuts (see `KEYBOARD_SHORTCUTS`). Letters are ignored while the
 * person is typing; Esc works everywhere; the arrow keys are left alone inside the article so
 * they keep scrolling it.
 */
export function useKeyboardShortcuts(handlers: KeyboardShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = ref.current;
      if (!current.enabled || event.defaultPrevented) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target instanceof Element ? event.target : null;

      if (event.key === 'Escape') {
        current.onEscape();
        return;
      }
      if (target?.closest(TEXT_ENTRY)) return;

      const inArticle = Boolean(target?.closest('.article-pane'));
      switch (event.key) {
        case 'j':
          current.onNext();
          break;
        case 'k':
          current.onPrevious();
          break;
        case 'ArrowDown':
          if (inArticle) return;
          current.onNext();
          break;
        case 'ArrowUp':
          if (inArticle) return;
          current.onPrevious();
          break;
        case 'Enter':
          if (target?.closest(ACTIVATES_ON_ENTER)) return;
          current.onOpenSelected();
          break;
        case '/':
          current.onFocusSearch();
          break;
        case '[':
          current.onPreviousArticle();
          break;
        case ']':
          current.onNextArticle();
          break;
        case '?':
          current.onShowShortcuts();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
