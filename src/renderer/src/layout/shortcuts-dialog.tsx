import { useEffect, useRef } from 'react';

/** Every keyboard shortcut, as shown in the help dialog. */
export const KEYBOARD_SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'Next post in the timeline' },
  { keys: ['k', '↑'], action: 'Previous post in the timeline' },
  { keys: ['Enter'], action: 'Open the selected post' },
  { keys: ['['], action: 'Read the previous post' },
  { keys: [']'], action: 'Read the next post' },
  { keys: ['/'], action: 'Search' },
  { keys: ['Esc'], action: 'Clear the search' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

/** A small modal listing the keyboard shortcuts. Esc or the button closes it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        className="dialog"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <dl className="shortcut-list">
          {KEYBOARD_SHORTCUTS.map((shortcut) => (
            <div key={shortcut.action} className="shortcut-list__item">
              <dt>
                {shortcut.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <button ref={closeRef} type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
