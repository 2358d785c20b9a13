#!/usr/bin/env node
// A stand-in for NVIDIA's `nvidia-smi` that replays real captures, for tests. See README.md here.
import { appendFileSync } from 'node:fs';
import { argv, env, exit, pid, ppid, stdout, stderr } from 'node:process';
import {
  fakeUuid,
  fakeXml,
  fixtureDir,
  parseCapture,
  parseHelpAliases,
  productName,
  readText,
  resolveFields,
} from './fake-captures.js';
import { gpuCount, runLoop } from './fake-loop.js';

const NO_DRIVER =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. " +
  'Make sure that the latest NVIDIA driver is installed and running.\n\n';

const intEnv = (name, fallback) => {
  const n = Number.parseInt(env[name] ?? '', 10);
  return Number.isInteger(n) ? n : fallback;
};

const gpus = intEnv('FAKE_NVSMI_GPUS', 1);
const config = {
  mode: env.FAKE_NVSMI_MODE ?? 'normal',
  gpus,
  gpusFile: env.FAKE_NVSMI_GPUS_FILE,
  hangAfterLines: intEnv('FAKE_NVSMI_HANG_AFTER_LINES', 2 * gpus),
  exitAfterLines: intEnv('FAKE_NVSMI_EXIT_AFTER_LINES', 3 * gpus),
  startDelayMs: env.FAKE_NVSMI_MODE === 'slow-start' ? intEnv('FAKE_NVSMI_START_DELAY_MS', 1_000) : 0,
  appsDelayMs: intEnv('FAKE_NVSMI_APPS_DELAY_MS', 0),
  capture: env.FAKE_NVSMI_CAPTURE ?? 'nvgpuexp-linux-h100-80gb-hbm3-590.48.01',
  xml: env.FAKE_NVSMI_XML ?? 'telegraf-a100-sxm4-v12.xml',
  help: env.FAKE_NVSMI_HELP ?? 'nvgpuexp-help-query-gpu-linux-590.48.01.txt',
};

const args = argv.slice(2);
if (env.FAKE_NVSMI_STATE_FILE) appendFileSync(env.FAKE_NVSMI_STATE_FILE, `${Date.now()}\t${pid}\t${args.join(' ')}\n`);
if (env.FAKE_NVSMI_IGNORE_SIGTERM === '1') process.on('SIGTERM', () => undefined);

// A reader that went away: EPIPE on the next write ends us; a parent that died re-parents us.
stdout.on('error', () => exit(0));
const parentAtStart = ppid;
setInterval(() => {
  if (process.ppid !== parentAtStart) exit(0);
}, 250).unref();

const dir = fixtureDir(env.FAKE_NVSMI_FIXTURES);
const write = (chunk) => stdout.write(chunk);
const flag = (name) => {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function noDriver() {
  stdout.write(NO_DRIVER, () => exit(9));
}

function invalidField(name) {
  stdout.write(`Field "${name}" is not a valid field to query.\n\n`, () => exit(2));
}

function queryGpu(query) {
  const format = (flag('--format') ?? 'csv').split(',');
  const aliases = parseHelpAliases(readText(dir, `help/${config.help}`));
  const capture = {
    idle: parseCapture(readText(dir, `query-gpu-csv/${config.capture}-idle-allfields.csv`)),
    load: parseCapture(readText(dir, `query-gpu-csv/${config.capture}-load-allfields.csv`)),
  };
  const { fields, invalid } = resolveFields(query.split(','), aliases, capture.idle);
  if (invalid[0] !== undefined) return invalidField(invalid[0]);
  const lms = flag('-lms') ?? flag('--loop-ms');
  const loopS = flag('-l') ?? flag('--loop');
  const loopMs = lms !== undefined ? Number(lms) : loopS !== undefined ? Number(loopS) * 1000 : null;
  runLoop({
    config,
    fields,
    capture,
    isHeader: !format.includes('noheader'),
    isNoUnits: format.includes('nounits'),
    loopMs: loopMs !== null && Number.isFinite(loopMs) && loopMs > 0 ? loopMs : null,
    write,
    exit,
  });
}

function queryApps(query) {
  const format = (flag('--format') ?? 'csv').split(',');
  const aliases = parseHelpAliases(readText(dir, 'help/nvgpuexp-help-query-compute-apps-595.71.05.txt'));
  let text;
  try {
    text = readText(dir, `query-apps-csv/${config.capture}-load.csv`);
  } catch {
    text = readText(dir, 'query-apps-csv/nvgpuexp-empty-header-only.csv');
  }
  const capture = parseCapture(text);
  const { fields, invalid } = resolveFields(query.split(','), aliases, capture);
  if (invalid[0] !== undefined) return invalidField(invalid[0]);
  const isNoUnits = format.includes('nounits');
  const out = [];
  if (!format.includes('noheader')) out.push(fields.map((f) => f.label).join(', '));
  const n = gpuCount(config);
  for (let gpu = 0; gpu < n; gpu++) {
    for (const row of capture.rows) {
      const values = fields.map((f) => {
        if (f.key === 'gpu_uuid') return fakeUuid(gpu);
        if (f.key === 'pid') return String(Number(row.get('pid')) + gpu * 1000);
        const v = row.get(f.key) ?? '[N/A]';
        return isNoUnits && f.unit && v.endsWith(` ${f.unit}`) ? v.slice(0, -f.unit.length - 1) : v;
      });
      out.push(values.join(', '));
    }
  }
  const print = () => stdout.write(out.map((l) => `${l}\n`).join(''), () => exit(0));
  if (config.appsDelayMs > 0) setTimeout(print, config.appsDelayMs);
  else print();
}

function main() {
  if (args.includes('--help-query-gpu')) return void stdout.write(readText(dir, `help/${config.help}`));
  if (args.includes('--help-query-compute-apps')) {
    return void stdout.write(readText(dir, 'help/nvgpuexp-help-query-compute-apps-595.71.05.txt'));
  }
  if (config.mode === 'no-driver') return noDriver();
  const loopName = () =>
    parseCapture(readText(dir, `query-gpu-csv/${config.capture}-idle-allfields.csv`)).rows[0]?.get('name');
  const xml = () => fakeXml(readText(dir, `xml/${config.xml}`), gpuCount(config), loopName());
  const queryGpuArg = flag('--query-gpu');
  if (queryGpuArg !== undefined) return queryGpu(queryGpuArg);
  const appsArg = flag('--query-compute-apps');
  if (appsArg !== undefined) return queryApps(appsArg);
  if (args.includes('-q') && args.includes('-x')) return void stdout.write(xml());
  if (args.includes('-L') || args.includes('--list-gpus')) {
    const name = productName(xml());
    const n = gpuCount(config);
    const lines = Array.from({ length: n }, (_, i) => `GPU ${i}: ${name} (UUID: ${fakeUuid(i)})\n`);
    return void stdout.write(lines.join(''));
  }
  if (args.length === 0) return void stdout.write(readText(dir, `table/${config.capture}-idle.txt`));
  stderr.write(`fake-nvidia-smi: unsupported arguments: ${args.join(' ')}\n`);
  exit(2);
}

main();
