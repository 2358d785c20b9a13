import type { SourceState } from '@gpu-sentinel/protocol';

interface Diagnosis {
  title: string;
  check: string;
  reason: string;
  fix: string;
}

function diagnose(source: SourceState | undefined): Diagnosis {
  if (source?.status === 'missing') {
    return {
      title: 'No GPU found: nvidia-smi or the NVIDIA driver is missing',
      check: 'nvidia-smi',
      reason: source.reason ?? 'nvidia-smi not found',
      fix: 'install the NVIDIA driver (it provides nvidia-smi) and restart GPU Sentinel, or run with --source simulated',
    };
  }
  if (source?.status === 'failed') {
    const restarts = source.restarts > 0 ? ` (gave up after ${source.restarts} restarts)` : '';
    return {
      title: 'The GPU source failed',
      check: source.kind,
      reason: `${source.reason ?? 'the source stopped'}${restarts}`,
      fix: 'check that `nvidia-smi` runs by hand on this host and restart GPU Sentinel, or run with --source simulated',
    };
  }
  return {
    title: 'No GPUs reported',
    check: 'gpus',
    reason: source?.reason ?? 'the source is running but reports no GPU',
    fix: 'make the GPUs visible to this host or container (Docker: --gpus all), or run with --source simulated',
  };
}

/** The "no GPU / no driver" state, with what `gpu-sentinel doctor` would say. */
export function NoGpu({ source }: { source: SourceState | undefined }) {
  const { title, check, reason, fix } = diagnose(source);
  return (
    <section className="no-gpu" data-testid="no-gpu" aria-labelledby="no-gpu-title">
      <h2 id="no-gpu-title" className="no-gpu__title">
        {title}
      </h2>
      <p className="no-gpu__reason">{reason}</p>
      <p className="no-gpu__hint">
        The server is up and the dashboard will show GPUs as soon as the source reports them. Run{' '}
        <code>gpu-sentinel doctor</code> on the host for the full check list:
      </p>
      <pre className="no-gpu__doctor">
        <span className="no-gpu__prompt">$ gpu-sentinel doctor{'\n'}</span>
        <span className="no-gpu__fail">✗ {check}</span>: {reason}
        {'\n'}
        {'  '}fix: {fix}
      </pre>
    </section>
  );
}
