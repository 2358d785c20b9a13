import { memo } from 'react';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import type { GpuCellModel } from '../model/fleet-cells';

/**
 * One GPU of a host, coloured on the scale: a cell with its index and the chosen metric, or (compact)
 * a small square with no text, whose numbers are in its tooltip and accessible name. Stale and N/A
 * are patterned, not only coloured. Memoised on plain values, so a tick that does not change what it
 * shows does not touch its DOM.
 */
export const GpuCell = memo(function GpuCell({
  uuid,
  index,
  level,
  text,
  title,
  isStale,
  isFaded,
  isCompact = false,
}: GpuCellModel & { isCompact?: boolean }) {
  const block = isCompact ? 'fleet-square' : 'fleet-cell';
  const classes = [block];
  if (isStale) classes.push(`${block}--stale`);
  if (isFaded) classes.push(`${block}--faded`);
  return (
    <Link
      href={paths.gpu(uuid)}
      className={classes.join(' ')}
      data-testid="fleet-gpu-cell"
      data-uuid={uuid}
      data-level={level ?? 'none'}
      data-stale={String(isStale)}
      title={title}
      aria-label={title.replaceAll('\n', ', ')}
    >
      {isCompact ? null : (
        <>
          <span className="fleet-cell__index">{index}</span>
          <span className="fleet-cell__value">{isStale ? 'stale' : text}</span>
        </>
      )}
    </Link>
  );
});
