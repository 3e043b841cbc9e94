#!/usr/bin/env node
"use strict";
/**
 * `npm run test:browser`: end-to-end tests of the built task pane in Debian's Chromium
 * (playwright-core). Builds dist/ when it is missing, serves it on 127.0.0.1 (a free port), and
 * fails any test whose page requests anything off the box.
 * - tests/browser/preview.e2e.js: the browser preview (office.js answered by a shim that reports
 *   no Office host); tests/browser/fix.e2e.js: quick fixes and 復原 in the preview;
 * - tests/browser/excel-hosted.e2e.js: the pane hosted by Excel (Microsoft's office.js from
 *   node_modules, an emulated Office host, the in-memory Excel of tests/excel-host, compiled here
 *   with tsconfig.excel-host.json to build/excel-host when these tests run).
 *
 *   node scripts/browser-tests.js [--build] [name filter]
 *
 * dist/ is built when missing (--build: always, for a dist/ older than the sources).
 *
 * Prints one line per test, then "N passed, M failed"; exits non-zero on failure.
 */
const childProcess = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..");
const DIST_PAGE = path.join(REPO_ROOT, "dist", "taskpane.html");

function build(force) {
  if (!force && fs.existsSync(DIST_PAGE)) return;
  process.stdout.write(`${force ? "Building" : "dist/ is missing: building"} (webpack --mode production)…\n`);
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [REPO_ROOT] });
  const build = childProcess.spawnSync(process.execPath, [webpackCli, "--mode", "production"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`the build failed (exit status ${build.status ?? build.signal})`);
}

/** tests/excel-host as Node modules (incremental: a second run without changes is quick). */
function buildExcelHost() {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [REPO_ROOT] });
  const build = childProcess.spawnSync(process.execPath, [tsc, "-p", "tsconfig.excel-host.json"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`compiling tests/excel-host failed (exit status ${build.status ?? build.signal})`);
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const first = error.stack && error.name !== "AssertionError" ? error.stack.split("\n").slice(0, 4).join("\n    ") : error.message;
  return first;
}

/**
 * Chromium is a Debian package, not an npm one: without it the browser tests are skipped with one
 * line saying what to install, except in CI (ALLIANCE_CHECK_REQUIRE_TOOLS=1), where that fails.
 */
function chromiumMissing() {
  const executable = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (fs.existsSync(executable)) return false;
  const line = `Chromium (${executable}) is not installed: the browser tests are skipped. Install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`;
  if (process.env.ALLIANCE_CHECK_REQUIRE_TOOLS === "1") {
    process.stderr.write(`browser-tests: ${line.replace("are skipped", "cannot run (ALLIANCE_CHECK_REQUIRE_TOOLS=1)")}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`${line}\n`);
  }
  return true;
}

async function main() {
  if (chromiumMissing()) return;
  const args = process.argv.slice(2);
  const force = args.includes("--build");
  const filter = args.find((arg) => arg !== "--build");
  build(force);
  const { startEnvironment } = require("../tests/browser/harness");
  const suites = [
    { tests: require("../tests/browser/preview.e2e").tests },
    { tests: require("../tests/browser/fix.e2e").tests },
    { tests: require("../tests/browser/excel-hosted.e2e").tests, prepare: buildExcelHost },
    { tests: require("../tests/browser/fix.e2e").hostedTests, prepare: buildExcelHost },
  ];
  const selected = [];
  for (const suite of suites) {
    const chosen = filter ? suite.tests.filter((entry) => entry.name.includes(filter)) : suite.tests;
    if (chosen.length > 0 && suite.prepare) suite.prepare();
    selected.push(...chosen);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-browser-"));
  let passed = 0;
  let failed = 0;
  const env = await startEnvironment();
  try {
    for (const entry of selected) {
      const started = Date.now();
      try {
        // A test may return a line worth reading (a measurement), printed under its name.
        const note = await entry.run({ env, tmp });
        passed += 1;
        process.stdout.write(`  ✓ ${entry.name} (${Date.now() - started} ms)\n${typeof note === "string" && note ? `    ${note}\n` : ""}`);
      } catch (error) {
        failed += 1;
        process.stdout.write(`  ✗ ${entry.name}\n    ${describe(error)}\n`);
      }
    }
  } finally {
    await env.browser.close();
    await env.server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || selected.length === 0 ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`browser-tests: ${describe(error)}\n`);
  process.stdout.write("0 passed, 1 failed\n");
  process.exitCode = 1;
});
