import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";

interface StaticServer {
  url: string;
  port: number;
  close(): Promise<void>;
}
interface ServeModule {
  startServer(options: { root: string; port?: number; indexFile?: string; portAttempts?: number }): Promise<StaticServer>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script, also used by npm start
const { startServer } = require("../../scripts/serve.js") as ServeModule;

/** A raw request, so paths like /../x reach the server unnormalised. */
function request(server: StaticServer, requestPath: string, method = "GET"): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path: requestPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks).toString("utf8") })
      );
    });
    req.on("error", reject);
    req.end();
  });
}

let sandbox: string;
let root: string;
let server: StaticServer;

beforeAll(async () => {
  sandbox = fs.mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
  root = path.join(sandbox, "dist");
  fs.mkdirSync(path.join(root, "samples"), { recursive: true });
  fs.writeFileSync(path.join(root, "taskpane.html"), "<!doctype html><title>pane</title>");
  fs.writeFileSync(path.join(root, "samples", "範例 1.xlsx"), "PK");
  for (const file of ["a.js", "a.json", "a.xml", "a.png", "a.wasm", "a.unknown"]) fs.writeFileSync(path.join(root, file), "x");
  fs.writeFileSync(path.join(sandbox, "secret.txt"), "secret");
  fs.symlinkSync(path.join(sandbox, "secret.txt"), path.join(root, "link.txt"));
  server = await startServer({ root, indexFile: "taskpane.html" });
});

afterAll(async () => {
  await server.close();
  fs.rmSync(sandbox, { recursive: true, force: true });
});

describe("scripts/serve.js", () => {
  it("serves on 127.0.0.1 and the index file at /", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const response = await request(server, "/");
    expect(response).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
    expect(response.body).toContain("<title>pane</title>");
  });

  it.each([
    ["/taskpane.html?x=1", "text/html; charset=utf-8"],
    ["/a.js", "text/javascript; charset=utf-8"],
    ["/a.json", "application/json; charset=utf-8"],
    ["/a.xml", "application/xml; charset=utf-8"],
    ["/a.png", "image/png"],
    ["/a.wasm", "application/wasm"],
    [`/samples/${encodeURIComponent("範例 1.xlsx")}`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ["/a.unknown", "application/octet-stream"],
  ])("serves %s as %s", async (requestPath, type) => {
    expect(await request(server, requestPath)).toMatchObject({ status: 200, type });
  });

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/samples/..%2f..%2fsecret.txt", "/link.txt", "/%00", "/%E0%A4%A"])(
    "does not serve %s",
    async (requestPath) => {
      const response = await request(server, requestPath);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toContain("secret");
    }
  );

  it("answers 404 for a missing file and 405 for other methods", async () => {
    expect((await request(server, "/missing.js")).status).toBe(404);
    expect((await request(server, "/taskpane.html", "POST")).status).toBe(405);
    expect(await request(server, "/taskpane.html", "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it("moves to the next port when asked and the port is busy", async () => {
    const second = await startServer({ root, port: server.port, portAttempts: 5 });
    try {
      expect(second.port).toBeGreaterThan(server.port);
    } finally {
      await second.close();
    }
    await expect(startServer({ root, port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
