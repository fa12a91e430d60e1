import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { type LocalServer, startLocalServer } from './local-server.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Serves a built static site from `root` on 127.0.0.1, `/x/` as `/x/index.html`. */
export function serveStatic(root: string): Promise<LocalServer> {
  return startLocalServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    try {
      const body = await readFile(join(root, relative));
      response.setHeader('Content-Type', TYPES[extname(relative)] ?? 'application/octet-stream');
      response.end(body);
    } catch {
      response.statusCode = 404;
      response.end('not found');
    }
  });
}
