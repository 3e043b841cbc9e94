#!/usr/bin/env node
"use strict";
/**
 * A tiny static file server for dist/ (node:http, no dependencies), used by `npm start` and the
 * browser tests. GET and HEAD only; never serves a file outside its root.
 *
 *   node scripts/serve.js [root=dist] [--port 3000]
 */
const fs = require("fs");
const http = require("http");
const path = require("path");

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function contentType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

function isInside(root, file) {
  const relative = path.relative(root, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function sendStatus(response, status, message) {
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(message) });
  response.end(message);
}

/**
 * Maps a request path to a file under root, or undefined when it is malformed, missing or outside
 * root (including through a symbolic link).
 */
async function resolveFile(realRoot, requestPath, indexFile) {
  let decoded;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  let file = path.resolve(realRoot, "." + path.posix.normalize("/" + decoded));
  if (!isInside(realRoot, file)) return undefined;
  try {
    file = await fs.promises.realpath(file);
    if (!isInside(realRoot, file)) return undefined;
    let stats = await fs.promises.stat(file);
    if (stats.isDirectory()) {
      file = await fs.promises.realpath(path.join(file, indexFile));
      if (!isInside(realRoot, file)) return undefined;
      stats = await fs.promises.stat(file);
    }
    return stats.isFile() ? { file, size: stats.size } : undefined;
  } catch {
    return undefined;
  }
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/**
 * Serves the files under `root` over http.
 * @param {{ root: string, port?: number, host?: string, indexFile?: string, portAttempts?: number }} options
 *   port 0 (the default) picks a free port; with portAttempts > 1 a busy port is followed by the
 *   next ones; indexFile is served for a directory (default index.html).
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>} url ends in "/"
 */
async function startServer({ root, port = 0, host = "127.0.0.1", indexFile = "index.html", portAttempts = 1 }) {
  const realRoot = await fs.promises.realpath(path.resolve(root));

  const server = http.createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("Allow", "GET, HEAD");
      sendStatus(response, 405, "Method Not Allowed");
      return;
    }
    const requestPath = (request.url ?? "/").split(/[?#]/, 1)[0];
    resolveFile(realRoot, requestPath, indexFile).then(
      (found) => {
        if (!found) {
          sendStatus(response, 404, "Not Found");
          return;
        }
        response.writeHead(200, {
          "Content-Type": contentType(found.file),
          "Content-Length": found.size,
          "Cache-Control": "no-cache",
          "X-Content-Type-Options": "nosniff",
        });
        if (request.method === "HEAD") {
          response.end();
          return;
        }
        const stream = fs.createReadStream(found.file);
        stream.on("error", () => response.destroy());
        stream.pipe(response);
      },
      () => sendStatus(response, 500, "Internal Server Error")
    );
  });

  for (let attempt = 0; ; attempt++) {
    try {
      await listen(server, port === 0 ? 0 : port + attempt, host);
      break;
    } catch (error) {
      if (error.code !== "EADDRINUSE" || port === 0 || attempt + 1 >= portAttempts) throw error;
    }
  }

  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

module.exports = { startServer, MIME_TYPES };

if (require.main === module) {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf("--port");
  const port = portFlag === -1 ? 3000 : Number(args.splice(portFlag, 2)[1]);
  const root = args[0] ?? path.join(__dirname, "..", "dist");
  startServer({ root, port, portAttempts: 20 }).then(
    (server) => process.stdout.write(`Serving ${path.resolve(root)} at ${server.url}\n`),
    (error) => {
      process.stderr.write(`serve: ${error.message}\n`);
      process.exitCode = 1;
    }
  );
}
