import { useEffect } from 'react';

export interface ToastMessage {
  readonly id: number;
  readonly text: string;
  readonly tone: 'info' | 'error';
}

const VISIBLE_MS = 6000;

/**
 * A short-lived message (saved PDF path, failures). Announced politely through `aria-live`
 * without `role="status"`, which belongs to the post count alone.
 */
export function Toast({
  message,
  onDismiss,
}: {
  message: ToastMessage | null;
  onDismiss: () => void;
}) {
  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(onDismiss, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [message, onDismiss]);
  return (
    <div className="toast-region" aria-live="polite">
      {message && (
        <div className={`toast toast--${message.tone}`}>
          <span>{message.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
