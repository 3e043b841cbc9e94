#!/usr/bin/env node
/**
 * `npm run bench`: compiles the benchmark (tsc -p tsconfig.bench.json → build/bench), builds the
 * command line (npm run build:cli → lib/), runs each section in its own node process and writes
 * docs/benchmarks.md. Not part of `npm test`; takes about 10 minutes on two busy cores.
 *
 *   npm run bench                         every section, then the report
 *   npm run bench -- engine office        only these sections (the report reuses the others' last results, or,
 *                                         where build/bench/results has none, keeps their sections of docs/benchmarks.md)
 *   npm run bench -- round                the round of 200 (and 2,000) submissions against a shell loop
 *   npm run bench -- --quick              smaller sizes, fewer runs: to try the bench, not to publish
 *   npm run bench -- --reuse-dist         measure dist/ instead of building, when it is newer than its inputs
 *   npm run bench -- --allow-type-errors  run even if tsc reports type errors (it still emits JavaScript)
 */
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const SECTIONS = ["engine", "office", "cli", "round", "bundle"];

function run(command, args, label, { mayFail = false } = {}) {
  process.stderr.write(`[bench] ${label}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit" });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    process.stderr.write(`[bench] ${label} failed (exit ${result.status})\n`);
    if (!mayFail) process.exit(result.status || 1);
  }
  return result.status === 0;
}

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith("--"));
const unknown = args.filter((arg) => !arg.startsWith("--") && !SECTIONS.includes(arg));
if (unknown.length > 0) {
  process.stderr.write(`unknown section(s): ${unknown.join(", ")} (choose among ${SECTIONS.join(", ")})\n`);
  process.exit(2);
}
const chosen = args.filter((arg) => SECTIONS.includes(arg));
const sections = chosen.length > 0 ? chosen : SECTIONS;

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// tsc still emits JavaScript when it finds type errors: --allow-type-errors runs the bench anyway
// (e.g. while someone is halfway through a change in src/ or tests/excel-host).
const compiled = run(npx, ["tsc", "-p", "tsconfig.bench.json"], "compiling the bench (tsc -p tsconfig.bench.json)", {
  mayFail: flags.includes("--allow-type-errors"),
});
if (!compiled) process.stderr.write("[bench] continuing despite type errors (--allow-type-errors)\n");
if (sections.includes("cli") || sections.includes("round")) run(npm, ["run", "--silent", "build:cli"], "building the command line (npm run build:cli)");
const main = path.join(ROOT, "build", "bench", "bench", "main.js");
for (const section of sections) {
  // --expose-gc: a full collection before each measure; 6 GB: the 100,000-row in-memory Excel.
  run(process.execPath, ["--expose-gc", "--max-old-space-size=6144", main, "--section", section, ...flags], `section: ${section}`);
}
run(process.execPath, [main, "--section", "report"], "writing docs/benchmarks.md");
