import { ErrorBody } from '@gpu-sentinel/protocol';
import { z } from 'zod';
import type { ApiOperation } from './api-operation.js';
import { accessOf, securityOf } from './operation-security.js';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, JsonSchema>> };

const ERROR_RESPONSES: Readonly<Record<number, string>> = {
  400: 'The input is invalid: `field` names the offending one',
  401: 'No valid credentials',
  403: 'The role or key scope does not allow it',
  404: 'No such resource',
  429: 'Too many requests',
  500: 'Server error: only a request id',
};

/** A protocol schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): as sent for input, as answered for output. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  // The dialect is the document's (OpenAPI 3.1's default), not repeated in every schema.
  delete converted.$schema;
  return converted;
}

/** The OpenAPI 3.1 document of the given operations; every schema converted from its zod contract. */
export function buildOpenApiDocument(operations: readonly ApiOperation[], version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    item[operation.method] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'GPU Sentinel API',
      version,
      description: 'Generated from the server’s zod contracts. Errors are `{"error": {"code", "message", "field"?}}`.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ErrorBody: jsonSchemaOf(ErrorBody, 'output') },
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([status, description]) => [
          status,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
        ]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /auth/login, or an API key' },
        streamTicket: {
          type: 'apiKey',
          in: 'query',
          name: 'ticket',
          description: 'A single-use ticket from /stream/ticket',
        },
      },
    },
  };
}

function operationObject(operation: ApiOperation): JsonSchema {
  const description = [operation.description, accessOf(operation.policy)].filter(Boolean).join('\n\n');
  return {
    operationId: `${operation.method}${operation.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c?: string) => (c ?? '').toUpperCase())}`,
    tags: [operation.tag],
    summary: operation.summary,
    description,
    security: securityOf(operation.policy, operation.acceptsTicket === true),
    'x-policy': operation.policy,
    ...parametersOf(operation),
    ...(operation.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(operation.body, 'input') } },
          },
        }),
    responses: responsesOf(operation),
    ...(operation.websocket === undefined
      ? {}
      : {
          'x-websocket-messages': {
            serverToClient: jsonSchemaOf(operation.websocket.serverToClient, 'output'),
            ...(operation.websocket.clientToServer === undefined
              ? {}
              : { clientToServer: jsonSchemaOf(operation.websocket.clientToServer, 'input') }),
          },
        }),
  };
}

function parametersOf(operation: ApiOperation): { parameters?: JsonSchema[] } {
  const parameters = [...parametersIn(operation.params, 'path'), ...parametersIn(operation.query, 'query')];
  return parameters.length === 0 ? {} : { parameters };
}

function parametersIn(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const converted = jsonSchemaOf(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

function responsesOf(operation: ApiOperation): JsonSchema {
  const { status, schema, mediaTypes } = operation.response;
  const content =
    schema !== undefined
      ? { 'application/json': { schema: jsonSchemaOf(schema, 'output') } }
      : mediaTypes === undefined
        ? undefined
        : Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string' } }]));
  const success = {
    description: status === 101 ? 'Switching to the WebSocket protocol' : status === 204 ? 'Done; no body' : 'OK',
    ...(content === undefined ? {} : { content }),
  };
  const responses: JsonSchema = { [status]: success };
  for (const [extra, { description, schema: extraSchema }] of Object.entries(operation.extraResponses ?? {})) {
    responses[extra] = {
      description,
      content: { 'application/json': { schema: jsonSchemaOf(extraSchema, 'output') } },
    };
  }
  for (const error of errorStatusesOf(operation)) responses[error] = { $ref: `#/components/responses/${error}` };
  return responses;
}

/** The errors a route can give: bad input, credentials and permission, a missing id, rate limits, failures. */
function errorStatusesOf(operation: ApiOperation): number[] {
  const takesInput = operation.params !== undefined || operation.query !== undefined || operation.body !== undefined;
  const isProtected = operation.policy !== 'public';
  return [
    ...(takesInput ? [400] : []),
    ...(isProtected ? [401, 403] : []),
    ...(operation.params === undefined ? [] : [404]),
    429,
    500,
  ];
}
