// Loads the real nvidia-smi captures the fake replays, and turns them into rows for N fake GPUs.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The project's copy of the captures first, the shared originals as a fallback. */
export function fixtureDir(override) {
  const candidates = [
    override,
    join(here, '../../../fixtures/nvidia-smi'),
    join(here, '../../../../shared/fixtures/nvidia-smi'),
  ];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'query-gpu-csv'))) return dir;
  }
  throw new Error(`fake-nvidia-smi: no fixture directory among ${candidates.filter(Boolean).join(', ')}`);
}

/** `FAKE_NVSMI_HOST=n` gives each fake host its own uuids, so several agents on one machine form a fleet. */
const hostTag = String(Number(process.env.FAKE_NVSMI_HOST ?? 0)).padStart(4, '0');

export function fakeUuid(index) {
  return `GPU-fake-${hostTag}-0000-0000-${String(index).padStart(12, '0')}`;
}

export function fakeBusId(index) {
  return `00000000:${(index + 1).toString(16).toUpperCase().padStart(2, '0')}:00.0`;
}

/** `"clocks.current.graphics" or "clocks.gr"` lines of a help text → alias → canonical name. */
export function parseHelpAliases(text) {
  const aliases = new Map();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('"')) continue;
    const names = [...line.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const canonical = names[0];
    if (!canonical || canonical.startsWith('--')) continue;
    for (const name of names) aliases.set(name.toLowerCase(), canonical);
  }
  return aliases;
}

/** A `--format=csv` capture with header: columns by canonical name, with each column's unit. */
export function parseCapture(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(', ').map((h) => {
    const m = /^(.*?)(?: \[(.+)\])?$/.exec(h.trim());
    return { name: m?.[1] ?? h, unit: m?.[2] ?? null, label: h.trim() };
  });
  const rows = lines.slice(1).map((line) => {
    const values = line.split(', ');
    return new Map(header.map((col, i) => [col.name.toLowerCase(), values[i] ?? '']));
  });
  return { header, rows };
}

/** Resolves requested field names against a help text; unknown names come back in `invalid`. */
export function resolveFields(requested, aliases, capture) {
  const units = new Map(capture.header.map((c) => [c.name.toLowerCase(), c]));
  const fields = [];
  const invalid = [];
  for (const raw of requested) {
    const canonical = aliases.get(raw.toLowerCase());
    if (!canonical) {
      invalid.push(raw);
      continue;
    }
    const col = units.get(canonical.toLowerCase());
    fields.push({ key: canonical.toLowerCase(), label: col?.label ?? canonical, unit: col?.unit ?? null });
  }
  return { fields, invalid };
}

export function formatTimestamp(date) {
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return (
    `${date.getFullYear()}/${p(date.getMonth() + 1)}/${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}.${p(date.getMilliseconds(), 3)}`
  );
}

/** One GPU's value of a field: the capture's, with identity fields made per-GPU. */
function valueOf(field, row, gpu, gpuCount, now) {
  switch (field.key) {
    case 'uuid':
    case 'gpu_uuid':
      return fakeUuid(gpu);
    case 'index':
      return String(gpu);
    case 'count':
      return String(gpuCount);
    case 'pci.bus_id':
    case 'gpu_bus_id':
      return fakeBusId(gpu);
    case 'serial':
    case 'gpu_serial':
      return String(1650522000000 + gpu);
    case 'timestamp':
      return formatTimestamp(now);
    default:
      return row.get(field.key) ?? '[N/A]';
  }
}

/** With `nounits`, nvidia-smi drops the unit from values but keeps it in the header. */
function stripUnit(value, unit, isNoUnits) {
  if (!isNoUnits || unit === null) return value;
  return value.endsWith(` ${unit}`) ? value.slice(0, -unit.length - 1) : value;
}

export function formatRow(fields, row, gpu, gpuCount, isNoUnits, now = new Date()) {
  return fields.map((f) => stripUnit(valueOf(f, row, gpu, gpuCount, now), f.unit, isNoUnits)).join(', ');
}

export function formatHeader(fields) {
  return fields.map((f) => f.label).join(', ');
}

/**
 * The `-q -x` capture rewritten for `gpuCount` GPUs: the first `<gpu>` block repeated with fake ids,
 * named like the GPU of the loop's capture so that inventory and samples describe one model.
 */
export function fakeXml(xml, gpuCount, name) {
  const start = xml.indexOf('<gpu id=');
  const end = xml.indexOf('</gpu>', start);
  const lastEnd = xml.lastIndexOf('</gpu>');
  if (start < 0 || end < 0) return xml;
  const block = xml.slice(start, end + '</gpu>'.length);
  const before = xml.slice(xml.lastIndexOf('\n', start) + 1, start);
  const indent = /^[ \t]*$/.test(before) ? before : '';
  const blocks = [];
  for (let i = 0; i < gpuCount; i++) {
    blocks.push(
      block
        .replace(/<gpu id="[^"]*">/, `<gpu id="${fakeBusId(i)}">`)
        .replace(/<uuid>[^<]*<\/uuid>/, `<uuid>${fakeUuid(i)}</uuid>`)
        .replace(/<minor_number>[^<]*<\/minor_number>/, `<minor_number>${i}</minor_number>`)
        .replace(/<pci_bus_id>[^<]*<\/pci_bus_id>/, `<pci_bus_id>${fakeBusId(i)}</pci_bus_id>`)
        .replace(/<serial>[^<]*<\/serial>/, `<serial>${1650522000000 + i}</serial>`)
        .replace(/<product_name>[^<]*<\/product_name>/, (tag) => (name ? `<product_name>${name}</product_name>` : tag)),
    );
  }
  return (
    xml.slice(0, start).replace(/<attached_gpus>[^<]*<\/attached_gpus>/, `<attached_gpus>${gpuCount}</attached_gpus>`) +
    blocks.join(`\n${indent}`) +
    xml.slice(lastEnd + '</gpu>'.length)
  );
}

export function productName(xml) {
  return /<product_name>([^<]*)<\/product_name>/.exec(xml)?.[1] ?? 'NVIDIA GPU';
}

export function readText(dir, relative) {
  return readFileSync(join(dir, relative), 'utf8');
}
