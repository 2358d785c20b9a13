import { ParsedCapture } from '@gpu-sentinel/protocol';
import { CaptureFormatError } from './capture-format-error.js';
import { csvLines, parseHeaderLine } from './csv.js';
import { isQueryGpuHeader, parseQueryGpuCsv } from './query-gpu-csv.js';
import { parseNvidiaSmiXml } from './xml-parser.js';

const EXPECTED =
  'expected the output of `nvidia-smi -q -x` or of `nvidia-smi --query-gpu=… --format=csv` (with its header)';

/**
 * Reads a captured nvidia-smi output, XML or `--query-gpu` CSV with header, into the canonical
 * JSON of `gpu-sentinel parse`: driver and CUDA versions and the GPUs in file order, null where
 * the capture has no value. Throws `CaptureFormatError` for anything else, saying what it saw.
 */
export function parseCapture(text: string): ParsedCapture {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw new CaptureFormatError(`the capture is empty; ${EXPECTED}`);
  const capture = start.startsWith('<') ? fromXml(start) : fromCsv(start);
  const checked = ParsedCapture.safeParse(capture);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CaptureFormatError(
      `the capture gave an invalid ${issue?.path.join('.') ?? 'value'}: ${issue?.message ?? ''}`,
    );
  }
  return checked.data;
}

function fromXml(xml: string): ParsedCapture {
  const { driverVersion, cudaVersion, gpus } = parseNvidiaSmiXml(xml);
  return { driverVersion, cudaVersion, gpus };
}

function fromCsv(text: string): ParsedCapture {
  const [first = ''] = csvLines(text);
  if (isQueryGpuHeader(first)) return parseQueryGpuCsv(text);
  if (parseHeaderLine(first)?.includes('pid')) {
    throw new CaptureFormatError(`this is \`--query-compute-apps\` output (processes, not GPUs); ${EXPECTED}`);
  }
  if (/^GPU-|^\d+, GPU-/.test(first)) {
    throw new CaptureFormatError(`this CSV has no header line, so its columns cannot be named; ${EXPECTED}`);
  }
  const shown = first.length > 80 ? `${first.slice(0, 80)}…` : first;
  throw new CaptureFormatError(`unrecognised capture starting with ${JSON.stringify(shown)}; ${EXPECTED}`);
}
