"use strict";
/**
 * What the browser tests read from the task pane, and the reference they compare it with: the
 * command line's JSON report of the same file. Shared by the preview and the Excel-hosted tests.
 */
const childProcess = require("child_process");
const path = require("path");
const { REPO_ROOT } = require("./harness");

const FINDING = "li[data-rule]";

/** The command line's JSON report for a file (the reference the pane must agree with). */
function cli(file, ...args) {
  const bin = path.join(REPO_ROOT, "bin", "alliance-check.js");
  const run = childProcess.spawnSync(process.execPath, [bin, file, "--format", "json", ...args], { cwd: REPO_ROOT, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(
      `the command line could not check ${path.basename(file)} (exit ${run.status}); run \`npm run build:cli\` first.\n    ${(run.stderr || "").trim()}`,
    );
  }
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`the command line printed no JSON for ${path.basename(file)}: ${run.stdout.slice(0, 200)}`);
  }
}

const STALE_HINT = " (the reference is the command line in lib/: after engine changes run `npm run build:cli`, and `npm run test:browser -- --build`)";

function keyOf(finding) {
  return `${finding.ruleId}|${finding.sheet}|${finding.cell}`;
}

/** Every finding in the pane as rule|sheet|cell (pressing "show more" until all are rendered). */
async function paneFindings(page) {
  for (;;) {
    const more = page.locator('[data-testid="findings"] button', { hasText: /再顯示|Show \d+ more/ });
    if ((await more.count()) === 0) break;
    await more.first().click();
  }
  return page.$$eval(FINDING, (items) => items.map((item) => ({ key: `${item.dataset.rule}|${item.dataset.sheet}|${item.dataset.cell}`, text: item.textContent })));
}

module.exports = { FINDING, STALE_HINT, cli, keyOf, paneFindings };
