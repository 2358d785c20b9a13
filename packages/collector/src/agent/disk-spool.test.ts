import { appendFile, mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentBatch, GpuSample } from '@gpu-sentinel/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { Sampler } from '../sampler.js';
import { mulberry32 } from '../simulated/prng.js';
import { initialSimulatedState } from '../simulated/simulated-state.js';
import { simulatedReadings } from '../simulated/simulated-views.js';
import type { AgentLogger } from './agent-logger.js';
import { DiskSpool } from './disk-spool.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function spoolDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-spool-'));
  dirs.push(dir);
  return dir;
}

/** One tick of `gpus` simulated GPUs as samples. */
function tickSamples(gpus: number): GpuSample[] {
  return new Sampler({ hostId: 'node-1' }).sample(simulatedReadings(initialSimulatedState(gpus, mulberry32(gpus))));
}

async function pendingSeqs(spool: DiskSpool, afterSeq = 0): Promise<number[]> {
  const seqs: number[] = [];
  for await (const batch of spool.pending(afterSeq)) seqs.push(batch.seq);
  return seqs;
}

function recordingLogger(): AgentLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    debug: () => undefined,
    info: () => undefined,
    error: () => undefined,
    warn: (m) => warnings.push(m),
    warnings,
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('DiskSpool', () => {
  it('numbers batches 1, 2, 3…, keeps them across a restart and continues the seq under the same stream', async () => {
    const dir = await spoolDir();
    const first = await DiskSpool.open({ dir, segmentBatches: 4 });
    for (let i = 0; i < 10; i++) first.append(tickSamples(2));
    await first.close();

    const second = await DiskSpool.open({ dir, segmentBatches: 4 });
    expect(second.streamId).toBe(first.streamId);
    expect(await pendingSeqs(second)).toEqual(range(1, 10));
    expect(second.append(tickSamples(2)).batch.seq).toBe(11);
    const replayed: AgentBatch[] = [];
    for await (const batch of second.pending(9)) replayed.push(batch);
    expect(replayed.map((batch) => batch.seq)).toEqual([10, 11]);
    expect(replayed[0]?.samples).toHaveLength(2);
    expect(second.stats()).toMatchObject({ pendingBatches: 11, pendingSamples: 22, droppedBatches: 0, lastSeq: 11 });
    await second.close();
  });

  it('deletes acked segments but keeps the newest, so a restart after a full ack still continues the seq', async () => {
    const dir = await spoolDir();
    const spool = await DiskSpool.open({ dir, segmentBatches: 4 });
    for (let i = 0; i < 10; i++) spool.append(tickSamples(1));
    expect((await readdir(dir)).filter((name) => name.endsWith('.ndjson'))).toHaveLength(3);

    spool.ack(5);
    expect(await pendingSeqs(spool)).toEqual(range(6, 10));
    expect((await readdir(dir)).filter((name) => name.endsWith('.ndjson'))).toHaveLength(2);
    spool.ack(10);
    expect(spool.stats()).toMatchObject({ pendingBatches: 0, pendingSamples: 0, segments: 1, ackedSeq: 10 });
    await spool.close();

    const reopened = await DiskSpool.open({ dir, segmentBatches: 4 });
    expect(reopened.append(tickSamples(1)).batch.seq).toBe(11);
    await reopened.close();
  });

  it('drops the oldest batches past its sample bound, counting them and saying so', async () => {
    const dir = await spoolDir();
    const logger = recordingLogger();
    // 8 samples per batch, at most 160 samples: 20 batches.
    const spool = await DiskSpool.open({ dir, maxSamples: 160, segmentBatches: 5, logger });
    for (let i = 0; i < 50; i++) spool.append(tickSamples(8));

    const seqs = await pendingSeqs(spool);
    expect(seqs.at(-1)).toBe(50);
    expect(seqs).toEqual(range(seqs[0] ?? 0, 50));
    expect(seqs.length * 8).toBeLessThanOrEqual(160 + 5 * 8);
    const stats = spool.stats();
    expect(stats.droppedBatches).toBe(50 - seqs.length);
    expect(stats.droppedSamples).toBe(stats.droppedBatches * 8);
    expect(stats.pendingSamples).toBe(seqs.length * 8);
    expect(logger.warnings.some((warning) => /spool full .*dropped the oldest/.test(warning))).toBe(true);
    await spool.close();
  });

  it('skips and counts a line torn by a crash, and appends cleanly after it', async () => {
    const dir = await spoolDir();
    const spool = await DiskSpool.open({ dir });
    for (let i = 0; i < 3; i++) spool.append(tickSamples(2));
    await spool.close();
    const [segment] = (await readdir(dir)).filter((name) => name.endsWith('.ndjson'));
    await appendFile(join(dir, segment ?? ''), '{"type":"batch","seq":4,"samples":[{"ts":17');

    const logger = recordingLogger();
    const reopened = await DiskSpool.open({ dir, logger });
    expect(reopened.stats()).toMatchObject({ tornLines: 1, pendingBatches: 3, lastSeq: 3 });
    expect(logger.warnings.join('\n')).toMatch(/torn line/);
    expect(reopened.append(tickSamples(2)).batch.seq).toBe(4);
    expect(await pendingSeqs(reopened)).toEqual([1, 2, 3, 4]);
    expect(await readFile(join(dir, segment ?? ''), 'utf8')).toMatch(/\n$/);
    await reopened.close();
  });

  it('starts a new stream at seq 1 when stream.json is gone, discarding batches it can no longer place', async () => {
    const dir = await spoolDir();
    const spool = await DiskSpool.open({ dir });
    for (let i = 0; i < 3; i++) spool.append(tickSamples(1));
    await spool.close();
    await unlink(join(dir, 'stream.json'));

    const fresh = await DiskSpool.open({ dir });
    expect(fresh.streamId).not.toBe(spool.streamId);
    expect(await pendingSeqs(fresh)).toEqual([]);
    expect(fresh.append(tickSamples(1)).batch.seq).toBe(1);
    await fresh.close();
  });

  it('numbers after the server’s mark when the server already holds more of the stream', async () => {
    const spool = await DiskSpool.open({ dir: await spoolDir() });
    spool.append(tickSamples(1));
    spool.advancePast(40);
    expect(spool.append(tickSamples(1)).batch.seq).toBe(41);
    expect(await pendingSeqs(spool)).toEqual([41]);
    await spool.close();
  });
});
