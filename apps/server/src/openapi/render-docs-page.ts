import { createHash } from 'node:crypto';
import type { OpenApiDocument } from './build-openapi-document.js';

/** Inline, so the page is one self-contained answer; allowed by its hash in the page's own CSP. */
const STYLE = `body{font:14px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h2{margin-top:2rem;border-bottom:1px solid #d0d7de;text-transform:capitalize}
details{margin:.25rem 0}summary{cursor:pointer}.op>summary{padding:.3rem .5rem;background:#f6f8fa;border-radius:4px}
.method{display:inline-block;min-width:4.5rem;font-weight:600;text-transform:uppercase}
code,pre{font:12px/1.4 ui-monospace,monospace}pre{background:#f6f8fa;padding:.5rem;overflow:auto;border-radius:4px}
.body{padding:0 1rem}`;

/** The page's Content-Security-Policy: nothing but its own inline style; no scripts at all. */
export const DOCS_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The API reference as plain HTML: operations grouped by tag, each a `<details>` with its access, input
 * and answers as collapsible JSON. It needs no script (the server's CSP would block an inline one).
 */
export function renderDocsPage(document: OpenApiDocument, openApiPath: string): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const tag = ((operation.tags as string[] | undefined) ?? ['other'])[0] ?? 'other';
      const list = byTag.get(tag) ?? [];
      list.push(operationHtml(method, path, operation));
      byTag.set(tag, list);
    }
  }
  const info = document.info as { title: string; version: string };
  const sections = [...byTag].map(
    ([tag, items]) => `<section><h2>${escapeHtml(tag)}</h2>\n${items.join('\n')}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(info.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>The machine-readable document: <a href="${escapeHtml(openApiPath)}">${escapeHtml(openApiPath)}</a> (OpenAPI 3.1).</p>
${sections.join('\n')}
</body></html>
`;
}

function operationHtml(method: string, path: string, operation: Record<string, unknown>): string {
  const parts: string[] = [`<p>${escapeHtml(textOf(operation.description))}</p>`];
  for (const key of ['parameters', 'requestBody', 'responses', 'x-websocket-messages']) {
    if (operation[key] !== undefined) parts.push(jsonBlock(key, operation[key]));
  }
  return `<details class="op"><summary><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code> — ${escapeHtml(textOf(operation.summary))}</summary>
<div class="body">${parts.join('\n')}</div></details>`;
}

function jsonBlock(title: string, value: unknown): string {
  return `<details><summary>${escapeHtml(title)}</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
