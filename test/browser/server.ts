/**
 * The fixture server: node:http on 127.0.0.1, port chosen by the OS. It serves
 *   /sites/<site>/<case>.html   fixture pages from test/fixtures/sites,
 *   /__test__/pages/<name>      an HTML shell that runs the bundled test/browser/pages/<name>.ts,
 *   /__test__/pages/<file>      static files and bundles from test/browser/pages.
 * Browsers never reach it by its own address for extension runs: the harness loads the real
 * site URL a fixture models and answers the request with this server's bytes.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const fixturesRoot = path.resolve(here, '../fixtures/sites');
const pagesRoot = path.join(here, 'pages');

/** Path prefix of test pages and their assets, the same under any host. */
export const TEST_ASSETS = '/__test__/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

export interface Response {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

const bundles = new Map<string, Promise<string>>();

/** Bundles one page script (and what it imports, React included) into a classic script. */
function bundle(name: string): Promise<string> {
  let code = bundles.get(name);
  if (!code) {
    code = build({
      configFile: false,
      logLevel: 'silent',
      mode: 'development',
      define: { 'process.env.NODE_ENV': JSON.stringify('development') },
      build: {
        write: false,
        minify: false,
        lib: { entry: path.join(pagesRoot, `${name}.ts`), formats: ['iife'], name: 'testPage' },
      },
    }).then((result) => {
      const outputs = Array.isArray(result) ? result : [result];
      const first = outputs[0];
      if (!first || !('output' in first)) throw new Error(`no bundle for ${name}`);
      const chunk = first.output.find((item) => item.type === 'chunk');
      if (!chunk) throw new Error(`no chunk for ${name}`);
      return chunk.code;
    });
    bundles.set(name, code);
  }
  return code;
}

function pageShell(name: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Home - Mastodon</title>
<link rel="stylesheet" href="${TEST_ASSETS}pages/mastodon.css">
</head>
<body>
<script src="${TEST_ASSETS}pages/${name}.js"></script>
</body>
</html>
`;
}

const safeName = /^[a-z0-9][a-z0-9-]*$/;

async function answer(pathname: string): Promise<Response> {
  const ok = (body: string | Buffer, ext: string): Response => ({
    status: 200,
    contentType: TYPES[ext] ?? 'application/octet-stream',
    body: Buffer.from(body),
  });
  const sitesMatch = /^\/sites\/([a-z0-9-]+)\/([a-z0-9-]+)\.html$/.exec(pathname);
  if (sitesMatch) {
    return ok(
      await readFile(path.join(fixturesRoot, sitesMatch[1] ?? '', `${sitesMatch[2]}.html`)),
      '.html',
    );
  }
  const pageMatch = /^\/__test__\/pages\/([a-z0-9-]+)(\.js|\.css)?$/.exec(pathname);
  const name = pageMatch?.[1];
  if (name && safeName.test(name)) {
    const ext = pageMatch[2];
    if (ext === undefined) return ok(pageShell(name), '.html');
    if (ext === '.js') return ok(await bundle(name), '.js');
    return ok(await readFile(path.join(pagesRoot, `${name}${ext}`)), ext);
  }
  return { status: 404, contentType: 'text/plain', body: Buffer.from('not found') };
}

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** The server's answer for a path, without going through a socket. */
  get(pathname: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startServer(): Promise<FixtureServer> {
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    answer(pathname).then(
      (result) => {
        response.writeHead(result.status, { 'content-type': result.contentType });
        response.end(result.body);
      },
      (error: unknown) => {
        response.writeHead(error instanceof Error && 'code' in error ? 404 : 500);
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    async get(pathname) {
      const response = await fetch(`${origin}${pathname}`);
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        body: Buffer.from(await response.arrayBuffer()),
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
