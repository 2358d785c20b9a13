export { CaptureFormatError } from './capture-format-error.js';
export { parseCapture } from './capture.js';
export { COMPUTE_APPS_FIELDS, parseComputeAppsCsv, type ComputeApp } from './compute-apps-csv.js';
export { parseHelpQueryGpu } from './help-query-gpu.js';
export { canonicalQueryGpuField } from './query-gpu-fields.js';
export { isQueryGpuHeader, parseQueryGpuCsv } from './query-gpu-csv.js';
export {
  DEFAULT_LOOP_FIELDS,
  LOOP_QUERY_FIELDS,
  parseQueryGpuLine,
  QueryGpuLineError,
  selectLoopFields,
  type QueryGpuLine,
  type QueryGpuLineProblem,
} from './query-gpu-line.js';
export {
  decodeThrottleReasons,
  normalizeThrottleReason,
  THROTTLE_REASON_BITS,
  type ThrottleReason,
} from './throttle-reasons.js';
export {
  isNoValue,
  normalizeBusId,
  parseEnabled,
  parseNumber,
  parseText,
  readNumber,
  type NumberReading,
} from './values.js';
export { type XmlGpuProcess } from './xml-gpu.js';
export { parseNvidiaSmiXml, type NvidiaSmiXmlResult } from './xml-parser.js';
