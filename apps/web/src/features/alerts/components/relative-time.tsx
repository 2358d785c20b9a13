import { formatAgo, formatDateTime, formatDuration } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';

/** "3 min ago" (ticking), with the date and time as a tooltip. */
export function TimeAgo({ ts }: { ts: number }) {
  const agoMs = useNow() - ts;
  return (
    <time dateTime={new Date(ts).toISOString()} title={formatDateTime(ts)}>
      {formatAgo(agoMs - (agoMs % 1_000))}
    </time>
  );
}

/** "for 12 min" until a time to come; nothing once it has passed. */
export function TimeLeft({ until }: { until: number }) {
  const now = useNow();
  if (until <= now) return null;
  return (
    <time dateTime={new Date(until).toISOString()} title={formatDateTime(until)}>
      {formatDuration(until - now)}
    </time>
  );
}
