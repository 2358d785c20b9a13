/**
 * Every query key in one place: the stream writes into the same entries the REST queries fill,
 * so both must agree on the keys.
 */
export const queryKeys = {
  system: ['system'] as const,
  gpus: ['gpus'] as const,
  gpu: (uuid: string) => ['gpu', uuid] as const,
  gpuRoot: ['gpu'] as const,
  processes: (uuid: string) => ['gpu', uuid, 'processes'] as const,
  history: (uuid: string, windowMs: number, points: number) => ['gpu', uuid, 'history', { windowMs, points }] as const,
  /** Client-kept ring buffer of the recent samples of one GPU, fed by the stream. */
  live: (uuid: string) => ['live', uuid] as const,
  liveRoot: ['live'] as const,
  /** The state of the stream's WebSocket. */
  connection: ['connection'] as const,
};
