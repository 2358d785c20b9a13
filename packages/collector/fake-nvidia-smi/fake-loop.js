// The `--query-gpu=… -lms N` loop of the fake: one line per GPU every N ms, with failure modes.
import { readFileSync } from 'node:fs';
import { formatHeader, formatRow } from './fake-captures.js';

const BINARY_JUNK = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a, 0x80, 0x0a]);

/** How many GPUs there are now: a file a test can rewrite to change the GPU set, or a fixed count. */
export function gpuCount(config) {
  if (config.gpusFile) {
    try {
      const n = Number.parseInt(readFileSync(config.gpusFile, 'utf8').trim(), 10);
      if (Number.isInteger(n) && n >= 0) return n;
    } catch {
      // fall through to the fixed count
    }
  }
  return config.gpus;
}

/** The garbage mode's extra lines: a wrong column count, binary junk, or ERR! everywhere. */
function garbageLine(tick, fieldCount) {
  switch (tick % 3) {
    case 0:
      return 'GPU-garbage, 1, 2\n';
    case 1:
      return BINARY_JUNK;
    default:
      return `${Array.from({ length: fieldCount }, () => 'ERR!').join(', ')}\n`;
  }
}

/** Replaces every value but the identity columns with ERR!, as a GPU that fell off the bus reports. */
function errorRow(fields, line) {
  const values = line.split(', ');
  return fields
    .map((f, i) => (['uuid', 'gpu_uuid', 'index', 'pci.bus_id'].includes(f.key) ? values[i] : 'ERR!'))
    .join(', ');
}

/**
 * Runs the loop. `write` returns false once stdout is gone; `exit(code)` ends the process.
 * `loopMs` null means a one-shot query (print one round and exit 0).
 */
export function runLoop({ config, fields, capture, isHeader, isNoUnits, loopMs, write, exit }) {
  const idle = capture.idle.rows[0] ?? new Map();
  const load = capture.load.rows[0] ?? idle;
  let tick = 0;
  let lines = 0;
  const started = Date.now();

  const printTick = () => {
    const n = gpuCount(config);
    for (let gpu = 0; gpu < n; gpu++) {
      if (config.mode === 'hang' && lines >= config.hangAfterLines) return 'hang';
      if (config.mode === 'exit' && lines >= config.exitAfterLines) return 'exit';
      // Alternate idle and load rows (offset per GPU) so values change over time.
      const row = (tick + gpu) % 2 === 0 ? idle : load;
      let line = formatRow(fields, row, gpu, n, isNoUnits);
      if (config.mode === 'garbage' && tick % 4 === 3) line = errorRow(fields, line);
      write(`${line}\n`);
      lines++;
      if (config.mode === 'garbage' && gpu === 0) write(garbageLine(tick, fields.length));
    }
    tick++;
    return 'ok';
  };

  if (isHeader) write(`${formatHeader(fields)}\n`);
  if (loopMs === null) {
    printTick();
    exit(0);
    return;
  }

  const step = () => {
    const outcome = printTick();
    if (outcome === 'exit') {
      process.stderr.write('fake-nvidia-smi: exiting as FAKE_NVSMI_MODE=exit asks\n');
      exit(1);
      return;
    }
    if (outcome === 'hang') {
      // Alive but silent: keep the event loop busy without printing.
      setInterval(() => undefined, 60_000);
      return;
    }
    const firstAt = started + config.startDelayMs;
    setTimeout(step, Math.max(0, firstAt + tick * loopMs - Date.now()));
  };
  setTimeout(step, config.mode === 'slow-start' ? config.startDelayMs : 0);
}
