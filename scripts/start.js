#!/usr/bin/env node
"use strict";
/**
 * `npm start`: builds dist/ when it is missing or older than its sources, then
 *  - on Windows/macOS, explains how to sideload manifest.xml into desktop Excel;
 *  - elsewhere (or with --preview), serves dist/ on http://127.0.0.1:3000/ (or the next free port)
 *    for the task pane's browser preview, until Ctrl+C.
 *
 *   node scripts/start.js [--dev] [--preview] [--port N]
 */
const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");
const { startServer } = require("./serve");

const REPO_ROOT = path.resolve(__dirname, "..");
const DIST = path.join(REPO_ROOT, "dist");
const DEV_URL = "https://localhost:3000/";
const DEFAULT_PORT = 3000;
/** What the build reads; a change to any of these makes dist/ stale. */
const BUILD_INPUTS = ["src", "assets", "samples", "webpack.config.js", "package.json", "tsconfig.json"];

function parseArgs(argv) {
  const options = { dev: false, preview: false, port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dev") options.dev = true;
    else if (arg === "--preview") options.preview = true;
    else if (arg === "--port") options.port = Number(argv[++i]);
    else throw new Error(`unknown option ${arg} (usage: npm start -- [--dev] [--preview] [--port N])`);
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) throw new Error("--port needs a number from 1 to 65535");
  return options;
}

function newestMtime(entry) {
  let stats;
  try {
    stats = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is up to date for this mode. */
function staleReason(dev) {
  const builtPage = path.join(DIST, "taskpane.html");
  const builtManifest = path.join(DIST, "manifest.xml");
  if (!fs.existsSync(builtPage) || !fs.existsSync(builtManifest)) return "dist/ has not been built";
  // Only a production build rewrites the dev URL in the manifest: that tells the two apart.
  const builtForDev = fs.readFileSync(builtManifest, "utf8").includes(DEV_URL);
  if (builtForDev !== dev) return `dist/ holds a ${builtForDev ? "development" : "production"} build`;
  const builtAt = fs.statSync(builtPage).mtimeMs;
  const inputs = [...BUILD_INPUTS, ...fs.readdirSync(REPO_ROOT).filter((name) => /^manifest.*\.xml$/.test(name))];
  const changed = inputs.find((input) => newestMtime(path.join(REPO_ROOT, input)) > builtAt);
  return changed ? `${changed} changed since the last build` : undefined;
}

function build(dev) {
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [REPO_ROOT] });
  const mode = dev ? "development" : "production";
  const result = childProcess.spawnSync(process.execPath, [webpackCli, "--mode", mode], { cwd: REPO_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`the ${mode} build failed (exit status ${result.status ?? result.signal})`);
  // Webpack leaves unchanged files untouched; mark the build time for staleReason().
  const now = new Date();
  fs.utimesSync(path.join(DIST, "taskpane.html"), now, now);
}

function printSideloadHelp() {
  process.stdout.write(
    [
      "",
      "在桌面版 Excel 側載增益集 / Sideload into desktop Excel:",
      "  1. npx office-addin-dev-certs install    (一次即可 / once: trusts https://localhost:3000)",
      "  2. npx office-addin-debugging start manifest.xml",
      "     （會啟動 npm run dev-server 並在 Excel 開啟增益集 / starts npm run dev-server and opens Excel with the add-in）",
      "",
      "瀏覽器預覽 / Browser preview: npm start -- --preview",
      "",
    ].join("\n")
  );
}

function sampleNames() {
  try {
    return fs.readdirSync(path.join(DIST, "samples")).filter((name) => name.endsWith(".xlsx"));
  } catch {
    return [];
  }
}

async function servePreview(port) {
  const server = await startServer({ root: DIST, port, indexFile: "taskpane.html", portAttempts: 20 });
  const taskpaneUrl = `${server.url}taskpane.html`;
  const samples = sampleNames();
  process.stdout.write(
    [
      "",
      "產學聯盟檢核：瀏覽器預覽已啟動 / Alliance Check: browser preview is running",
      "",
      `  工作窗格 / Task pane:  ${taskpaneUrl}`,
      "",
      samples.length > 0
        ? `  在 Excel 之外開啟時，工作窗格會載入範例工作簿 / Outside Excel the task pane opens the sample workbook: ${samples.join(", ")}`
        : "  尚無範例工作簿（npm run samples，再重新執行）/ No sample workbooks yet (run npm run samples, then start again)",
      "",
      "  按 Ctrl+C 停止 / Press Ctrl+C to stop.",
      "",
    ].join("\n")
  );
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  // Desktop Excel exists only on Windows and macOS; sideloading uses the dev server, not dist/.
  const canSideload = process.platform === "win32" || process.platform === "darwin";
  if (canSideload && !options.preview) {
    printSideloadHelp();
    return;
  }
  const reason = staleReason(options.dev);
  if (reason) {
    process.stdout.write(`Building dist/ (${options.dev ? "development" : "production"}): ${reason}…\n`);
    build(options.dev);
  }
  await servePreview(options.port);
}

main().catch((error) => {
  process.stderr.write(`start: ${error.message}\n`);
  process.exitCode = 1;
});
