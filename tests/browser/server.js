// A tiny static server for the built UI (ui/dist): node's http, no dependency, on a free
// loopback port. Unknown paths without a file extension get index.html (a single-page app).
//
//   node server.js [folder]   serves it and prints the address (Ctrl-C stops it)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The built UI: ui/dist, or the folder named by UI_DIST (e.g. a build made elsewhere). */
export const UI_DIST = resolve(process.env.UI_DIST ?? fileURLToPath(new URL("../../ui/dist", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Serves `root` on 127.0.0.1; resolves to `{ url, close() }`. `requests` lists the paths asked for. */
export async function startServer(root = UI_DIST, port = 0) {
  const base = resolve(root);
  if (!(await isFile(join(base, "index.html")))) {
    throw new Error(`${join(base, "index.html")} is missing: build the UI first (cd ui && npm run build)`);
  }
  const requests = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push(url.pathname);
      let path = normalize(join(base, decodeURIComponent(url.pathname)));
      if (path !== base && !path.startsWith(base + sep)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      if (!(await isFile(path))) {
        if (extname(url.pathname) !== "") {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        path = join(base, "index.html");
      }
      const body = await readFile(path);
      res.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolveListen);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections?.();
        server.close(() => resolveClose());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const served = await startServer(process.argv[2] ?? UI_DIST, Number(process.env.PORT ?? 0));
  console.log(`serving ${process.argv[2] ?? UI_DIST} at ${served.url}`);
}
