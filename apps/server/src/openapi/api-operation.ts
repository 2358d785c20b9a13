import type { RoutePolicy } from '@gpu-sentinel/protocol';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A success answer: its status, and the protocol schema of its JSON body (none: an empty body). */
export interface SuccessResponse {
  status: 101 | 200 | 201 | 204;
  schema?: z.ZodType;
  /** A body that is not JSON (Prometheus text, an export download): its media types, each a string. */
  mediaTypes?: readonly string[];
}

/** The messages a WebSocket route carries, each side's as a protocol schema. */
export interface WebSocketMessages {
  serverToClient: z.ZodType;
  clientToServer?: z.ZodType;
}

/**
 * One operation of the HTTP API, as documented. Every shape is a protocol zod schema, the same one the
 * route parses its input with or types its answer by: the document is generated, never written by hand.
 */
export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI style: `/api/v1/gpus/{uuid}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The route's declared `config.policy`. */
  policy: RoutePolicy;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: SuccessResponse;
  /** Other answers the route gives on purpose (503 of `/readyz`), beyond the errors every route may give. */
  extraResponses?: Readonly<Record<number, { description: string; schema: z.ZodType }>>;
  /** The route also takes a single-use stream ticket as `?ticket=`. */
  acceptsTicket?: boolean;
  websocket?: WebSocketMessages;
}
