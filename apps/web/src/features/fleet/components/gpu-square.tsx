import { memo } from 'react';
import { Link } from '../../../components/link';
import { paths } from '../../../lib/router';
import type { GpuCellModel } from '../model/fleet-cells';

/**
 * One GPU of a compact host line: a small square coloured on the scale, no text; the numbers are in
 * its tooltip and accessible name. Stale and N/A squares are patterned, not only coloured.
 */
export const GpuSquare = memo(function GpuSquare({ uuid, level, title, isStale, isFaded }: GpuCellModel) {
  const classes = ['fleet-square'];
  if (isStale) classes.push('fleet-square--stale');
  if (isFaded) classes.push('fleet-square--faded');
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
    />
  );
});
