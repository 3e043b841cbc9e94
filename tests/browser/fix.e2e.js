"use strict";
/* global document -- inside page.evaluate callbacks, which run in the browser */
/**
 * Quick fixes in the browser preview, in real Chromium (run by scripts/browser-tests.js): 修正
 * on a finding shows old → new, applies, checks again (the finding is gone, the grid shows the
 * new value); 復原 brings the old value and the finding back. Also writes the before/after
 * screenshots of a fix in the pane (docs/screenshots/fix-before.png, fix-after.png).
 */
const fs = require("fs");
const path = require("path");
const { REPO_ROOT, assert, assertEqual, withPage } = require("./harness");
const { FINDING } = require("./pane");

const SAMPLE = path.join(REPO_ROOT, "samples", "sample-mistakes.xlsx");

const SCREENSHOTS = path.join(REPO_ROOT, "docs", "screenshots");

async function ready(page) {
  await page.waitForSelector('[data-testid="validate"]', { timeout: 20000 });
  await page.waitForSelector('[data-testid="preview-grid"]', { timeout: 20000 });
}

async function validate(page) {
  await page.click('[data-testid="validate"]');
  await page.waitForSelector('[data-testid="findings"]', { timeout: 20000 });
}

/** The text the preview grid shows in a cell of the budget sheet. */
async function gridText(page, cell) {
  await page.click('[data-testid="sheet-tab-經費表"]');
  await page.waitForSelector('[data-testid="preview-grid"][data-sheet="經費表"]');
  return page.$eval(`[data-testid="preview-grid"] td[data-cell="${cell}"]`, (element) => element.textContent.trim());
}

const tests = [];
function test(name, run) {
  tests.push({ name, run });
}

test("quick fix in the preview: 修正 shows old → new, the finding goes, 復原 brings it back", async ({ env }) => {
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await validate(page);
    const phd = page.locator(`${FINDING}[data-rule="BUD-PHD-PAY"]`);
    await phd.locator('[data-testid="fix-button"]').click();
    const edits = await phd.locator('[data-testid="fix-edits"]').textContent();
    assert(edits.includes("經費表!G6：12,000 → 16,000"), `the preview shows the unit cost old → new: ${edits}`);
    assert(edits.includes("經費表!J6：144,000 → 192,000"), `the preview shows the amount old → new: ${edits}`);
    assertEqual(await gridText(page, "G6"), "12000", "nothing is written before 套用修正");

    await phd.locator('[data-testid="fix-apply"]').click();
    await page.waitForSelector('[data-testid="undo-bar"][data-kind="fix"]', { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('li[data-rule="BUD-PHD-PAY"]') === null, null, { timeout: 20000 });
    assertEqual(await gridText(page, "G6"), "16000", "the grid shows the new unit cost");
    assertEqual(await gridText(page, "J6"), "192000", "and the new amount");
    const bar = await page.textContent('[data-testid="undo-bar"]');
    assert(/已修正 2 個儲存格/.test(bar), `the pane says how many cells were fixed: ${bar}`);

    await page.click('[data-testid="undo-button"]');
    await page.waitForSelector('[data-testid="undo-bar"][data-kind="undo"]', { timeout: 20000 });
    await page.waitForSelector(`${FINDING}[data-rule="BUD-PHD-PAY"]`, { timeout: 20000 });
    assertEqual(await gridText(page, "G6"), "12000", "復原 puts back the unit cost");
    assertEqual(await gridText(page, "J6"), "144000", "and the amount");
  });
});

test("quick fix screenshots: the pane before (old → new) and after a fix, 360×900, zh-TW", async ({ env }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const shoot = async (page, name) => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, name), animations: "disabled" });
  };
  await withPage(env, { width: 360, height: 900 }, async ({ page }) => {
    await ready(page);
    await validate(page);
    const phd = page.locator(`${FINDING}[data-rule="BUD-PHD-PAY"]`);
    await phd.locator('[data-testid="fix-button"]').click();
    await phd.locator('[data-testid="fix-preview"]').waitFor();
    await page.$eval(`${FINDING}[data-rule="BUD-FULLTIME-PAY"]`, (element) => element.scrollIntoView({ block: "start" }));
    await shoot(page, "fix-before.png");
    await phd.locator('[data-testid="fix-apply"]').click();
    await page.waitForSelector('[data-testid="undo-bar"][data-kind="fix"]', { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('li[data-rule="BUD-PHD-PAY"]') === null, null, { timeout: 20000 });
    await page.$eval('[data-testid="undo-bar"]', (element) => element.scrollIntoView({ block: "start" }));
    await shoot(page, "fix-after.png");
  });
  for (const name of ["fix-before.png", "fix-after.png"]) {
    assert(fs.statSync(path.join(SCREENSHOTS, name)).size > 10000, `${name} was written`);
  }
  return "docs/screenshots/fix-before.png, fix-after.png";
});

// ---- hosted by Excel (Microsoft's office.js over the in-memory Excel) ---------------------------

const hostedTests = [];

/** A cell's value in the in-memory workbook. */
function cellValue(workbook, sheetName, row, column) {
  const sheet = workbook.sheet(sheetName);
  return workbook.cellAt(sheet, row, column)?.value ?? null;
}

hostedTests.push({
  name: "hosted by Excel: 修正 writes the fix into the workbook, the finding goes; 復原 restores the cells and the finding",
  run: async ({ env }) => {
    // Loaded here: the excel-host modules are compiled when this suite runs (scripts/browser-tests.js).
    const { startPageExcel, excelHostModules } = require("./office-host");
    const { readWorkbookSnapshot } = require(path.join(REPO_ROOT, "lib", "workbook", "xlsx", "read.js"));
    const excel = startPageExcel({ profile: "m365-windows", displayLanguage: "zh-TW" });
    excelHostModules().testing.loadSnapshot(excel.host.workbook, await readWorkbookSnapshot(new Uint8Array(fs.readFileSync(SAMPLE))));
    const workbook = excel.host.workbook;
    await withPage(env, { excel, width: 360, height: 900 }, async ({ page }) => {
      await page.waitForSelector('[data-testid="findings"]', { timeout: 20000 });
      await excel.settle();
      const phd = page.locator(`${FINDING}[data-rule="BUD-PHD-PAY"]`);
      await phd.locator('[data-testid="fix-button"]').click();
      assert((await phd.locator('[data-testid="fix-edits"]').textContent()).includes("經費表!G6：12,000 → 16,000"), "old → new before writing");
      assertEqual(cellValue(workbook, "經費表", 6, 7), 12000, "nothing written before 套用修正");
      excel.host.resetCounters();
      await phd.locator('[data-testid="fix-apply"]').click();
      await page.waitForSelector('[data-testid="undo-bar"][data-kind="fix"]', { timeout: 20000 });
      await page.waitForFunction(() => document.querySelector('li[data-rule="BUD-PHD-PAY"]') === null, null, { timeout: 20000 });
      assertEqual([cellValue(workbook, "經費表", 6, 7), cellValue(workbook, "經費表", 6, 10)], [16000, 192000], "the fix is in the workbook");

      await page.click('[data-testid="undo-button"]');
      await page.waitForSelector('[data-testid="undo-bar"][data-kind="undo"]', { timeout: 20000 });
      await page.waitForSelector(`${FINDING}[data-rule="BUD-PHD-PAY"]`, { timeout: 20000 });
      assertEqual([cellValue(workbook, "經費表", 6, 7), cellValue(workbook, "經費表", 6, 10)], [12000, 144000], "復原 put the cells back");
      await excel.settle();
    });
  },
});

module.exports = { tests, hostedTests };
