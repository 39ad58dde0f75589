/**
 * The browser host: a loopback HTTP server that serves the built renderer and
 * answers POST /api/<method>. Binds 127.0.0.1 only; every API request needs
 * the per-run token, and Host/Origin must name this server (so another web
 * page, or a DNS-rebinding attack, cannot reach the workspace).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Handlers } from '../core/api/contract';
import { dispatch, toErrorShape } from './dispatch';
import { TOKEN_HEADER } from './hostProtocol';

export { TOKEN_HEADER } from './hostProtocol';
const MAX_BODY = 64 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface HostOptions {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  token?: string;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e) => send(res, 500, JSON.stringify({ ok: false, error: toErrorShape(e) })));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 403, '{"error":"wrong Host header"}');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) return send(res, 403, '{"error":"cross-origin request refused"}');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return send(res, 400, '{"error":"malformed URL"}');
    }

    if (url.pathname.startsWith('/api/')) {
      const given = req.headers[TOKEN_HEADER];
      if (!sameToken(Array.isArray(given) ? given[0] : given, token)) {
        return send(res, 401, JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'missing or wrong token: open the URL that `parley serve` printed' } }));
      }
      if (req.method !== 'POST') return send(res, 405, '{"error":"use POST"}');
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body ? JSON.parse(body) : {};
      } catch (e) {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_argument', message: `bad request body: ${(e as Error).message}` } }));
      }
      const method = decodePath(url.pathname.slice(5));
      if (method === null) return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid_argument', message: 'malformed percent-encoding in the method name' } }));
      const result = await dispatch(options.handlers, method, args);
      return send(res, 200, JSON.stringify(result));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"method not allowed"}');
    serveStatic(options.staticDir, url.pathname, res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // A browser keeps idle connections open; they must not keep the server alive.
        server.closeAllConnections();
      }),
  };
}

/** The decoded path, or null when its percent-encoding is malformed (a 400, not a 500). */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const decoded = decodePath(pathname);
  if (decoded === null || decoded.includes('\0')) return send(res, 400, 'malformed path', 'text/plain');
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) return send(res, 404, 'not found', 'text/plain');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) return send(res, 500, 'the renderer is not built: run npm run build', 'text/plain');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}
