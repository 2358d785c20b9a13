import { ErrorBody } from '@gpu-sentinel/protocol';
import type { TestServer } from './test-server.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
}

/** A JSON call as one signed-in caller (its bearer token); the body parsed when there is one. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

export function apiCaller(server: TestServer, token: string): ApiCall {
  return async (method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await server.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  };
}

/** The `field` and message of an error answer (throws when the answer is not an error body). */
export function errorOf(answer: ApiAnswer): { code: string; field: string | undefined; message: string } {
  const { error } = ErrorBody.parse(answer.body);
  return { code: error.code, field: error.field, message: error.message };
}

/** A signed-in user of the given role, created through the server's identity service. */
export async function signedInAs(
  server: TestServer,
  role: 'admin' | 'user' | 'reader',
  username: string,
): Promise<ApiCall> {
  const password = 'a long enough password';
  await server.identity.createUser({ username, password, role }, { actor: 'test', ip: null });
  return apiCaller(server, (await server.login(username, password)).accessToken);
}
