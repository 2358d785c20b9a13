import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedRoutes } from './support/route-table.js';
import { startTestServer, type TestServer } from './support/test-server.js';

interface Document {
  info: { version: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
}

/** Routes that are not the API: the dashboard's files (`/*`, which the router tree prints as `*`) and CORS preflights. */
const NOT_API = new Set(['GET /', 'GET /*', 'GET *', 'OPTIONS *']);

describe('the OpenAPI document', () => {
  let server: TestServer;
  let document: Document;

  beforeAll(async () => {
    server = await startTestServer({ source: 'simulated', gpus: 1 });
    const response = await server.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('is valid OpenAPI 3.1, fetched without credentials', async () => {
    const result = await new Validator().validate(document as unknown as Record<string, unknown>);
    if (!result.valid) console.error(JSON.stringify(result.errors, null, 2));
    expect(result.valid).toBe(true);
    expect(document.info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('documents every route the server registered, and nothing it did not', () => {
    const registered = new Set(
      printedRoutes(server.app)
        .filter(({ method }) => method !== 'HEAD' && method !== 'OPTIONS')
        .map(({ method, url }) => `${method} ${url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
        .filter((key) => !NOT_API.has(key)),
    );
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    expect(registered.size).toBeGreaterThan(40);
    expect([...registered].filter((key) => !documented.has(key))).toEqual([]);
    expect([...documented].filter((key) => !registered.has(key))).toEqual([]);
  });

  it('carries the protocol schemas: a rule body, the GPU list, the stream messages', () => {
    const createRule = document.paths['/api/v1/rules']?.post as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, { enum?: string[] }> } } } };
    };
    const ruleFields = createRule.requestBody.content['application/json'].schema.properties;
    expect(Object.keys(ruleFields)).toEqual(expect.arrayContaining(['metric', 'op', 'forSeconds']));
    expect(ruleFields.op?.enum).toEqual(expect.arrayContaining(['>', '<']));

    const listGpus = JSON.stringify(document.paths['/api/v1/gpus']?.get?.responses);
    expect(listGpus).toContain('"gpus":{"type":"array"');

    const stream = document.paths['/api/v1/stream']?.get as { security: unknown[]; 'x-websocket-messages': unknown };
    expect(JSON.stringify(stream['x-websocket-messages'])).toContain('snapshot');
    expect(stream.security).toEqual([{ bearer: [] }, { streamTicket: [] }]);
  });

  it('declares public routes public and every other one behind a bearer token', () => {
    const login = document.paths['/api/v1/auth/login']?.post;
    expect(login?.security).toEqual([]);
    const users = document.paths['/api/v1/users']?.get;
    expect(users?.security).toEqual([{ bearer: [] }]);
    expect(users?.description).toContain('users:admin');
    expect(Object.keys(users?.responses as object)).toEqual(expect.arrayContaining(['200', '401', '403']));
  });

  it('serves a browsable page that lists the operations, with no script', async () => {
    const response = await server.request('/api/v1/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<code>/api/v1/gpus/{uuid}/history</code>');
    expect(html).toContain('forSeconds');
    expect(html).not.toContain('<script');
  });
});
