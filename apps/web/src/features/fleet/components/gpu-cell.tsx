import { memo } from 'react';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import type { GpuCellModel } from '../model/fleet-cells';

/**
 * One GPU of a host row: its index and the chosen metric, coloured on the scale. Memoised on plain
 * values, so a tick that does not change what it shows does not touch its DOM.
 */
export const GpuCell = memo(function GpuCell({ uuid, index, level, text, title, isStale, isFaded }: GpuCellModel) {
  const classes = ['fleet-cell'];
  if (isStale) classes.push('fleet-cell--stale');
  if (isFaded) classes.push('fleet-cell--faded');
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
      <span className="fleet-cell__index">{index}</span>
      <span className="fleet-cell__value">{isStale ? 'stale' : text}</span>
    </Link>
  );
});
