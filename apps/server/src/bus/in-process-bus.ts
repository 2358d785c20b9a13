import type { Bus, BusEvents, BusHandler, BusTopic } from './bus.js';

type AnyHandler = (event: BusEvents[BusTopic]) => void;

/**
 * Synchronous in-process delivery. A handler that throws is reported and does not stop the others,
 * so one faulty subscriber cannot stall the live stream.
 */
export class InProcessBus implements Bus {
  private readonly handlers = new Map<BusTopic, Set<AnyHandler>>();

  constructor(private readonly onHandlerError: (topic: BusTopic, error: unknown) => void) {}

  publish<Topic extends BusTopic>(topic: Topic, event: BusEvents[Topic]): void {
    const handlers = this.handlers.get(topic);
    if (handlers === undefined) return;
    for (const handler of handlers) {
      try {
        handler(event);
      } catch (error) {
        this.onHandlerError(topic, error);
      }
    }
  }

  subscribe<Topic extends BusTopic>(topic: Topic, handler: BusHandler<Topic>): () => void {
    let handlers = this.handlers.get(topic);
    if (handlers === undefined) {
      handlers = new Set();
      this.handlers.set(topic, handlers);
    }
    // Each topic's set only ever receives that topic's events.
    const stored = handler as AnyHandler;
    handlers.add(stored);
    return () => {
      handlers.delete(stored);
    };
  }
}
