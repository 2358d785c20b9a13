import type { ParsedGpu } from '@gpu-sentinel/protocol';
import { CaptureFormatError } from './capture-format-error.js';
import { parseXmlGpu, parseXmlProcesses, type XmlGpuProcess } from './xml-gpu.js';
import { child, children, parseXmlTree, textAt, XmlSyntaxError, type XmlElement } from './xml-tree.js';
import { parseText } from './values.js';

/** What `nvidia-smi -q -x` says about a host. */
export interface NvidiaSmiXmlResult {
  driverVersion: string | null;
  cudaVersion: string | null;
  /** One entry per `<gpu>` element, in file order (not `attached_gpus`, which trimmed captures contradict). */
  gpus: ParsedGpu[];
  processes: XmlGpuProcess[];
}

/**
 * Parses `nvidia-smi -q -x` output of any driver era (DTD v7 to v13, or no DOCTYPE at all).
 * Throws `CaptureFormatError` when the text is not XML or has no `<nvidia_smi_log>` root.
 */
export function parseNvidiaSmiXml(xml: string): NvidiaSmiXmlResult {
  const log = child(parseTree(xml), 'nvidia_smi_log');
  if (log === undefined) {
    throw new CaptureFormatError('XML has no <nvidia_smi_log> root element: not the output of `nvidia-smi -q -x`');
  }
  const gpus: ParsedGpu[] = [];
  const processes: XmlGpuProcess[] = [];
  children(log, 'gpu').forEach((element, position) => {
    const gpu = parseXmlGpu(element, position);
    gpus.push(gpu);
    processes.push(...parseXmlProcesses(element, gpu.uuid));
  });
  return {
    driverVersion: parseText(textAt(log, 'driver_version')),
    // Drivers up to 384 have no cuda_version; some print "Not Found" (read as no value).
    cudaVersion: parseText(textAt(log, 'cuda_version')),
    gpus,
    processes,
  };
}

function parseTree(xml: string): XmlElement {
  try {
    return parseXmlTree(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw new CaptureFormatError(error.message);
    throw error;
  }
}
