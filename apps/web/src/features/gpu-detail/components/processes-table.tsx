import type { GpuProcess } from '@gpu-sentinel/protocol';
import { MetricValue, TextValue } from '../../../components/metric-value';
import { errorMessage } from '../../../lib/api-client';
import { useGpuProcesses } from '../api/get-gpu-processes';

function byMemoryDesc(a: GpuProcess, b: GpuProcess): number {
  return (b.usedMemoryMiB ?? -1) - (a.usedMemoryMiB ?? -1);
}

function Message({ children }: { children: string }) {
  return (
    <tr>
      <td colSpan={4} className="table__message">
        {children}
      </td>
    </tr>
  );
}

/** Compute processes on the GPU, refreshed about every 2 s. */
export function ProcessesTable({ uuid }: { uuid: string }) {
  const query = useGpuProcesses(uuid);
  const processes = query.data ? [...query.data.processes].sort(byMemoryDesc) : [];

  return (
    <section className="panel" aria-labelledby="processes-title">
      <h2 id="processes-title" className="panel__title">
        Processes
        {query.data ? <span className="panel__count">{processes.length}</span> : null}
      </h2>
      <div className="table-scroll">
        <table className="table" data-testid="processes-table">
          <thead>
            <tr>
              <th scope="col" className="num col-pid">
                PID
              </th>
              <th scope="col">Name</th>
              <th scope="col" className="num col-memory">
                Memory
              </th>
              <th scope="col" className="col-user">
                User
              </th>
            </tr>
          </thead>
          <tbody>
            {query.isPending ? <Message>Loading…</Message> : null}
            {query.isError && !query.data ? <Message>{`Cannot load: ${errorMessage(query.error)}`}</Message> : null}
            {query.data && processes.length === 0 ? <Message>No compute processes on this GPU</Message> : null}
            {processes.map((process) => (
              <tr key={process.pid}>
                <td className="num">{process.pid}</td>
                <td className="table__name" title={process.name}>
                  {process.name}
                  {process.container ? <span className="table__sub"> · {process.container}</span> : null}
                </td>
                <td className="num">
                  <MetricValue value={process.usedMemoryMiB} unit="MiB" />
                </td>
                <td className="col-user">
                  <TextValue value={process.user} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
