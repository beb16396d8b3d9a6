/**
 * A tiny HTTP server on a free loopback port for the browser test: the pages
 * it is given by path, and the files of one directory (the bundles and their
 * source maps). Module scripts and workers need an http origin; `file:` and
 * `data:` URLs cannot load them.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
};

export interface StaticServer {
  readonly origin: string;
  /** Serves `html` at `path` (from `/`). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function serveDirectory(dir: string): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    const html = pages.get(path);
    if (html !== undefined) return send(200, TYPES[".html"]!, html);
    const file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    readFile(file).then(
      (body) => send(200, TYPES[extname(file)] ?? "application/octet-stream", body),
      () => send(404, "text/plain", "not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    page(path, html) {
      pages.set(path, html);
      return `${origin}${path}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
