#!/usr/bin/env node
// `npm run playground`: serves dist/playground/ (built by `npm run build`)
// on 127.0.0.1, at `--port N` or a free port, and prints the page's URL.
// Loopback only: the page runs code typed into it, so no one else should reach it.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "playground");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

const at = process.argv.indexOf("--port");
const port = at === -1 ? 0 : Number(process.argv[at + 1]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port takes a port number (0 for a free one): ${process.argv[at + 1]}`);
  process.exit(2);
}

const server = createServer((request, response) => {
  let path = new URL(request.url ?? "/", "http://localhost").pathname;
  if (path.endsWith("/")) path += "index.html";
  // normalize() resolves `..`; what is left cannot climb out of `dir`.
  const file = join(dir, normalize(path).replace(/^(\.\.[/\\])+/, ""));
  readFile(file).then(
    (body) => {
      response.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      });
      response.end(body);
    },
    () => {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found (is the playground built? npm run build)\n");
    },
  );
});
server.listen(port, "127.0.0.1", () => {
  console.log(`asyncio-ts playground: http://127.0.0.1:${server.address().port}/`);
});
