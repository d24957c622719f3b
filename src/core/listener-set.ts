/** A set of listeners for one kind of event; a throwing listener never stops the others. */
import type { Unsubscribe } from '@shared/reader-api';

export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('library: a listener failed:', error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
