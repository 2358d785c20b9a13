import { z } from 'zod';
import { ALERT_OPERATIONS } from './alert-operations.js';
import type { ApiOperation } from './api-operation.js';
import { IDENTITY_OPERATIONS } from './identity-operations.js';
import { MONITORING_OPERATIONS } from './monitoring-operations.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/v1/docs';

/** The API's description itself: it holds no data, so it is public like any published API reference. */
const DOC_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get',
    path: OPENAPI_PATH,
    tag: 'docs',
    summary: 'This OpenAPI 3.1 document',
    policy: 'public',
    // The document's own shape is OpenAPI's, not the product's: described as any JSON object.
    response: { status: 200, schema: z.record(z.string(), z.unknown()) },
  },
  {
    method: 'get',
    path: DOCS_PATH,
    tag: 'docs',
    summary: 'The API reference as a page to browse',
    policy: 'public',
    response: { status: 200, mediaTypes: ['text/html'] },
  },
];

/**
 * Every operation the server answers. A new route gets its entry here (in the table of its area), with
 * the same protocol schemas it parses and answers with; the OpenAPI test fails until it has one.
 */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...MONITORING_OPERATIONS,
  ...IDENTITY_OPERATIONS,
  ...ALERT_OPERATIONS,
  ...DOC_OPERATIONS,
];
