import { useQuery } from '@tanstack/react-query';
import { Link } from '../../../components/link';
import { gpusQueryOptions } from '../../../lib/api/get-gpus';
import { paths } from '../../../lib/router';

interface GpuName {
  index: number;
  name: string;
  hostname: string;
}

/** The GPU's index and name from the inventory the dashboard already holds (none fetched for this). */
export function useGpuName(uuid: string | null): GpuName | undefined {
  return useQuery({
    ...gpusQueryOptions(),
    select: (response) => {
      const info = response.gpus.find((view) => view.info.uuid === uuid)?.info;
      return info ? { index: info.index, name: info.name, hostname: info.hostname } : undefined;
    },
  }).data;
}

/** "GPU 0 · NVIDIA H100 on node-1", linking to the GPU; the uuid when the GPU is not in the inventory. */
export function AlertTarget({ uuid, hostId }: { uuid: string | null; hostId: string | null }) {
  const gpu = useGpuName(uuid);
  const host = gpu?.hostname ?? hostId;
  if (uuid === null) return <span className="alert-target">Host {host ?? 'unknown'}</span>;
  return (
    <span className="alert-target">
      <Link href={paths.gpu(uuid)} className="alert-target__gpu">
        {gpu ? `GPU ${gpu.index} · ${gpu.name}` : uuid}
      </Link>
      {host === null ? null : <span className="alert-target__host"> on {host}</span>}
    </span>
  );
}
