import type { EventName, EventPayload } from '../../shared/api';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The core's outgoing events; each transport subscribes once and forwards them its own way. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Where a failing subscriber is reported: it must not stop the job, but it must not vanish either. */
  constructor(private readonly onListenerError: (event: EventName, error: unknown) => void = () => undefined) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}
