import type { FastifyInstance } from 'fastify';
import { API_OPERATIONS, DOCS_PATH, OPENAPI_PATH } from '../openapi/api-operations.js';
import { buildOpenApiDocument } from '../openapi/build-openapi-document.js';
import { DOCS_PAGE_CSP, renderDocsPage } from '../openapi/render-docs-page.js';

/**
 * Public on purpose: the API's description holds no data (every operation it lists still needs its own
 * credentials), and a published reference is what clients and generators expect to fetch unauthenticated.
 */
const PUBLIC = { config: { policy: 'public' } } as const;

/** `GET /api/v1/openapi.json` and the page `GET /api/v1/docs`, both built once at start-up. */
export function registerOpenApiRoutes(app: FastifyInstance, options: { version: string }): void {
  const document = buildOpenApiDocument(API_OPERATIONS, options.version);
  const json = JSON.stringify(document);
  const page = renderDocsPage(document, OPENAPI_PATH);
  app.get(OPENAPI_PATH, PUBLIC, (_request, reply) => reply.type('application/json; charset=utf-8').send(json));
  app.get(DOCS_PATH, PUBLIC, (_request, reply) =>
    reply.header('content-security-policy', DOCS_PAGE_CSP).type('text/html; charset=utf-8').send(page),
  );
}
