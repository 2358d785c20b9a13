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

type QueriedStore = Pick<Store, 'listHosts' | 'readSeries' | 'streamSamples' | 'streamRollups' | 'storageStats'>;

/** The store's reads the HTTP routes make, timed by query (exports stream for minutes: not timed). */
export function timedQueries(store: QueriedStore, metrics: ServerMetrics): QueriedStore {
  const timed = async <R>(query: string, read: () => Promise<R>): Promise<R> => {
    const stop = metrics.storeQueryDuration.startTimer({ query });
    try {
      return await read();
    } finally {
      stop();
    }
  };
  return {
    readSeries: (request) => timed('history', () => store.readSeries(request)),
    storageStats: () => timed('storage_stats', () => store.storageStats()),
    listHosts: () => timed('hosts', () => store.listHosts()),
    streamSamples: (request) => store.streamSamples(request),
    streamRollups: (tier, request) => store.streamRollups(tier, request),
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
