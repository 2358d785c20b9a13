import type { Notifier } from '../notify/notifier.js';
import type { Store } from '../store/store.js';
import type { ServerMetrics } from './server-metrics.js';

/** The store's write port, timed: each call is one writer flush batch. */
export function timedWrites(store: Pick<Store, 'writeSegments'>, metrics: ServerMetrics): Pick<Store, 'writeSegments'> {
  return {
    writeSegments: async (segments) => {
      const stop = metrics.storeWriteDuration.startTimer();
      try {
        return await store.writeSegments(segments);
      } finally {
        stop();
      }
    },
  };
}

/** The notifier, counted: each send accepted or failed, by channel type. */
export function countedNotifier(notifier: Notifier, metrics: ServerMetrics): Notifier {
  return {
    send: async (channel, payload) => {
      try {
        await notifier.send(channel, payload);
      } catch (error) {
        metrics.notificationFailures.inc({ channel_type: channel.type });
        throw error;
      }
      metrics.notifications.inc({ channel_type: channel.type });
    },
  };
}
