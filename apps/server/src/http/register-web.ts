import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sep } from 'node:path';
import { sendRouteNotFound } from './error-handler.js';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GPU Sentinel</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>GPU Sentinel</h1>
<p>The server is running, but the dashboard has not been built.</p>
<p>Run <code>npm run build</code> in the repository, then reload this page.
The API is available under <a href="/api/v1/system"><code>/api/v1</code></a>.</p>
</body>
</html>
`;

/**
 * Serve the dashboard from `webDir` with a fallback to index.html for client-side routes; API paths
 * and non-GET requests get a JSON 404 instead. Without a build, pages explain how to make one.
 * The files are public (the dashboard signs in through the API): declared here on our own route, as
 * @fastify/static's own routes could not carry a policy.
 */
export async function registerWeb(app: FastifyInstance, webDir: string | null): Promise<void> {
  if (webDir !== null) {
    await app.register(fastifyStatic, {
      root: webDir,
      serve: false,
      index: 'index.html',
      cacheControl: false,
      // Vite puts a content hash in every asset's name, so assets are cached for good; the rest is revalidated.
      setHeaders: (response, path) => {
        const isAsset = path.includes(`${sep}assets${sep}`);
        response.setHeader('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  if (webDir !== null) {
    // sendFile answers by itself; handlers that returned the reply had Fastify await it at every
    // hop of the SPA fallback (route → static 404 → not-found handler), piling listeners on one response.
    app.get<{ Params: { '*': string } }>('/*', { config: { policy: 'public' } }, (request, reply) => {
      const path = request.params['*'];
      reply.sendFile(path === '' ? 'index.html' : path);
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (!isPageRequest(request)) sendRouteNotFound(request, reply);
    else if (webDir === null) sendNotBuilt(reply);
    else reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

function isPageRequest(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  const isApi = path === '/api' || path.startsWith('/api/');
  return (request.method === 'GET' || request.method === 'HEAD') && !isApi;
}

function sendNotBuilt(reply: FastifyReply): FastifyReply {
  return reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT_PAGE);
}
