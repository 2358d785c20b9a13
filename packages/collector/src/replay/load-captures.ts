import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isQueryGpuHeader, parseNvidiaSmiXml, parseQueryGpuCsv } from '@gpu-sentinel/core';
import type { ParsedGpu } from '@gpu-sentinel/protocol';
import type { DriverVersions } from '../inventory.js';

/** One tick's worth of a capture: the GPUs it describes and the processes it lists. */
export interface ReplayFrame extends DriverVersions {
  file: string;
  gpus: ParsedGpu[];
  /** Processes, where the capture lists them (`-q -x` does); null for a CSV. */
  processes: { uuid: string; pid: number; name: string; usedMemoryMiB: number | null }[] | null;
}

export interface LoadedCaptures {
  frames: ReplayFrame[];
  /** Files that were not usable, each with why. */
  skipped: string[];
}

/** Rows of one CSV grouped into ticks: a GPU seen again starts the next tick (a time series). */
function csvFrames(file: string, text: string): ReplayFrame[] {
  const capture = parseQueryGpuCsv(text);
  const frames: ReplayFrame[] = [];
  let current: ParsedGpu[] = [];
  const close = (): void => {
    if (current.length === 0) return;
    frames.push({ file, gpus: current, processes: null, driverVersion: capture.driverVersion, cudaVersion: null });
    current = [];
  };
  for (const gpu of capture.gpus) {
    if (current.some((g) => g.uuid === gpu.uuid)) close();
    current.push(gpu);
  }
  close();
  return frames;
}

async function framesOf(dir: string, file: string): Promise<ReplayFrame[]> {
  const text = await readFile(join(dir, file), 'utf8');
  if (file.endsWith('.xml')) {
    const xml = parseNvidiaSmiXml(text);
    if (xml.gpus.length === 0) throw new Error('no <gpu> element');
    return [{ file, ...xml }];
  }
  const firstLine = text.replace(/^\uFEFF/, '').split('\n', 1)[0] ?? '';
  if (!isQueryGpuHeader(firstLine)) throw new Error('not a --query-gpu capture with a header');
  return csvFrames(file, text);
}

/**
 * Reads every `*.xml` (`nvidia-smi -q -x`) and `*.csv` (`--query-gpu` with header) capture of a
 * directory, in name order. Never throws for a bad file: it is listed in `skipped` with the reason.
 */
export async function loadCaptures(dir: string): Promise<LoadedCaptures> {
  const names = (await readdir(dir)).filter((name) => /\.(xml|csv)$/i.test(name)).sort();
  const frames: ReplayFrame[] = [];
  const skipped: string[] = [];
  for (const file of names) {
    try {
      frames.push(...(await framesOf(dir, file)));
    } catch (error) {
      skipped.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { frames, skipped };
}
