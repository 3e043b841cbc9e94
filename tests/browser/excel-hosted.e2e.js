"use strict";
/* global window, document, Office -- inside page.evaluate callbacks, which run in the browser */
/**
 * End-to-end tests of the built task pane hosted by Excel (run by scripts/browser-tests.js).
 * Microsoft's office.js starts in Chromium as in Excel on Windows (office-host/page.js plays the
 * host), the pane takes the Excel path of index.tsx, and every Excel.run batch is answered by the
 * in-memory Excel (tests/excel-host) in this process, holding sample-mistakes.xlsx. The harness
 * fails a test whose page made a request off the box or logged an error.
 */
const fs = require("fs");
const path = require("path");
const { REPO_ROOT, OFFICE_CDN, assert, assertEqual, withPage } = require("./harness");
const { startPageExcel, excelHostModules } = require("./office-host");
const { FINDING, STALE_HINT, cli, keyOf, paneFindings } = require("./pane");

const SAMPLE = path.join(REPO_ROOT, "samples", "sample-mistakes.xlsx");
const SCREENSHOTS = path.join(REPO_ROOT, "docs", "screenshots");
/** Our conditional formats carry this in their formula (src/workbook/flagMarks.ts markerFormula). */
const MARKER = /"alliance-check:(error|warning|info|waived)"/;
/** The first line of our notes (flagMarks.ts ANNOTATION_MARKER). */
const NOTE_MARKER = "【產學聯盟檢核】";
const SEVERITY_RANK = { error: 0, warning: 1, info: 2 };

// ---- helpers ---------------------------------------------------------------------------------

/** A module of the product as the command line runs it (lib/, built by `npm run build:cli`). */
function product(modulePath) {
  try {
    return require(path.join(REPO_ROOT, "lib", modulePath));
  } catch (error) {
    throw new Error(`lib/${modulePath} is missing: run \`npm run build:cli\` first (${error.message})`);
  }
}

let sample = null;
/** sample-mistakes.xlsx as the product's reader reads it. */
async function sampleSnapshot() {
  sample ??= await product("workbook/xlsx/read.js").readWorkbookSnapshot(new Uint8Array(fs.readFileSync(SAMPLE)));
  return sample;
}

/** What the engine finds in the sample with one cell changed, as rule|sheet|cell keys. */
async function findingsAfterEdit(sheetName, row, column, value) {
  const snapshot = structuredClone(await sampleSnapshot());
  const sheet = snapshot.sheets.find((candidate) => candidate.name === sheetName);
  sheet.values[row - sheet.originRow][column - sheet.originColumn] = value;
  return product("engine/validate.js").validateWorkbook(snapshot).findings.map(keyOf).sort();
}

/** An Excel on Windows (Microsoft 365, ExcelApi 1.20) with the sample open. */
async function excelWithSample() {
  const excel = startPageExcel({ profile: "m365-windows", displayLanguage: "zh-TW" });
  excelHostModules().testing.loadSnapshot(excel.host.workbook, await sampleSnapshot());
  return excel;
}

/** Waits for the findings the pane lists without being asked (the PI role validates on opening). */
async function validatedByItself(page) {
  await page.waitForSelector('[data-testid="findings"], [data-testid="all-clear"]', { timeout: 20000 });
}

/** The cells the CLI's findings flag, as sheet!cell → the most severe unwaived severity. */
function expectedMarks(report) {
  const marks = {};
  for (const finding of report.findings) {
    if (!/^[A-Z]+\d+$/.test(finding.cell)) continue;
    const key = `${finding.sheet}!${finding.cell}`;
    const style = finding.waived ? "waived" : finding.severity;
    const current = marks[key];
    if (current === undefined || current === "waived" || (style !== "waived" && SEVERITY_RANK[style] < SEVERITY_RANK[current])) marks[key] = style;
  }
  return marks;
}

function cellName(row, column) {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** Our flags on the in-memory workbook: sheet!cell → style (conditional formats) and → note text. */
function flagsOnWorkbook(workbook) {
  const styles = {};
  const notes = {};
  for (const sheet of workbook.sheets) {
    for (const format of sheet.conditionalFormats) {
      const match = format.formula === null ? null : MARKER.exec(format.formula);
      if (!match) continue;
      for (const area of format.areas) {
        for (let row = area.top; row <= area.bottom; row += 1) {
          for (let column = area.left; column <= area.right; column += 1) styles[`${sheet.name}!${cellName(row, column)}`] = match[1];
        }
      }
    }
    for (const note of sheet.notes) {
      if (note.content.startsWith(NOTE_MARKER)) notes[`${sheet.name}!${cellName(note.row, note.column)}`] = note.content;
    }
  }
  return { styles, notes };
}

function sortedKeys(record) {
  return Object.keys(record).sort();
}

/** The same record with its keys in order, so that two compare equal as JSON. */
function ordered(record) {
  return Object.fromEntries(sortedKeys(record).map((key) => [key, record[key]]));
}

async function waitFor(condition, message, timeout = 10000) {
  const until = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- tests -----------------------------------------------------------------------------------

const tests = [];
function test(name, run) {
  tests.push({ name, run });
}

test("hosted by Excel: office.js starts as the add-in, the PI's pane validates by itself, lists the command line's findings and flags the cells", async ({ env }) => {
  const expected = cli(SAMPLE);
  const excel = await excelWithSample();
  const opened = Date.now();
  let timings = "";
  await withPage(env, { excel, width: 360, height: 900 }, async ({ page, requests }) => {
    await validatedByItself(page);
    const listedAfter = Date.now() - opened;

    const office = await page.evaluate(async () => {
      const info = await Office.onReady();
      const requirements = Office.context.requirements;
      return {
        info: { host: info.host, platform: info.platform },
        displayLanguage: Office.context.displayLanguage,
        url: Office.context.document.url,
        sets: [requirements.isSetSupported("ExcelApi", "1.20"), requirements.isSetSupported("ExcelApi", "1.21"), requirements.isSetSupported("ExcelUndoApiAll", "1.0")],
        readyAt: Math.round(window.OSFPerformance.officeOnReady),
      };
    });
    assertEqual(office.info, { host: "Excel", platform: "PC" }, "Office.onReady reports Excel on Windows");
    assertEqual(office.displayLanguage, "zh-TW", "the display language is the host's");
    assertEqual(office.url, excel.host.documentUrl, "the document URL is the host's");
    assertEqual(office.sets, [true, false, true], "the requirement sets are the host profile's");
    const fromCdn = requests.filter((url) => url.startsWith(OFFICE_CDN)).map((url) => url.slice(OFFICE_CDN.length));
    assertEqual(fromCdn.sort(), ["excel-win32-16.01.js", "office.js", "zh-tw/office_strings.js"], "office.js loaded Excel on Windows' library and its strings");

    assertEqual(await page.$('[data-testid="preview-grid"]'), null, "no preview grid: this is the add-in");
    assertEqual(await page.$('[data-testid="preview-file-name"]'), null, "no preview file name");
    assertEqual(await page.inputValue('[data-testid="role-select"]'), "pi", "the PI role (the default)");
    assertEqual((await page.textContent('[data-testid="validate"]')).trim(), "重新檢核", "validated without being asked");

    const found = (await paneFindings(page)).map((finding) => finding.key).sort();
    assertEqual(found, expected.findings.map(keyOf).sort(), `rule ID + sheet + cell of every finding${STALE_HINT}`);
    const errors = expected.findings.filter((finding) => finding.severity === "error" && !finding.waived).length;
    assert((await page.textContent('[data-testid="count-error"]')).startsWith(String(errors)), `the error count is ${errors}`);

    // The PI's validation flags the cells: our conditional formats, and a note on each cell.
    await excel.settle();
    const marks = expectedMarks(expected);
    const flags = flagsOnWorkbook(excel.host.workbook);
    assertEqual(ordered(flags.styles), ordered(marks), "one conditional format colour per flagged cell, the most severe finding's");
    assertEqual(sortedKeys(flags.notes), sortedKeys(marks), "a note on every flagged cell");
    for (const finding of expected.findings) {
      const note = flags.notes[`${finding.sheet}!${finding.cell}`] ?? "";
      // Notes are headed 【產學聯盟檢核】 and carry the messages as people read them, not rule IDs.
      assert(note.startsWith("【產學聯盟檢核】\n"), `the note on ${finding.sheet}!${finding.cell} is headed 【產學聯盟檢核】 (${note})`);
      assert(note.includes(finding.message), `the note on ${finding.sheet}!${finding.cell} says ${finding.ruleId}'s message (${note})`);
      assert(!note.includes(finding.ruleId), `the note on ${finding.sheet}!${finding.cell} shows no rule ID (${note})`);
    }
    timings = `office.js ready ${office.readyAt} ms after navigation; findings listed ${listedAfter} ms after opening the page`;
  });
  return timings;
});

test("hosted by Excel: a value typed into 經費表!G6 is checked live: BUD-PHD-PAY goes, the list and the flags follow the edit", async ({ env }) => {
  const excel = await excelWithSample();
  await withPage(env, { excel, width: 360, height: 900 }, async ({ page }) => {
    await validatedByItself(page);
    await excel.settle();
    const key = "BUD-PHD-PAY|經費表|G6";
    const before = (await paneFindings(page)).map((finding) => finding.key);
    assert(before.includes(key), "BUD-PHD-PAY is listed for 經費表!G6 before the edit");
    assertEqual(flagsOnWorkbook(excel.host.workbook).styles["經費表!G6"], "error", "G6 is flagged before the edit");

    excel.host.user.edit("經費表", "G6", [[16000]]);
    await page.waitForSelector(`${FINDING}[data-rule="BUD-PHD-PAY"][data-cell="G6"]`, { state: "detached", timeout: 5000 });
    // 16,000 a month is within the PhD rate, and no longer matches the row's total (J6).
    const expected = await findingsAfterEdit("經費表", 6, 7, 16000);
    const after = (await paneFindings(page)).map((finding) => finding.key);
    assertEqual(after.sort(), expected, "the pane lists what the engine finds in the edited workbook");

    // Microsoft 365 keeps the person's undo stack through add-in writes: live rounds move the flags.
    await waitFor(() => {
      const { styles } = flagsOnWorkbook(excel.host.workbook);
      return styles["經費表!G6"] === undefined && styles["經費表!J6"] === "error";
    }, "G6's colour is taken off and J6 is flagged", 5000);
    await excel.settle();
    const note = flagsOnWorkbook(excel.host.workbook).notes["經費表!J6"] ?? "";
    assert(note.includes("金額 144,000 元不等於 單價 × 數量 × 月數（16,000 × 1 × 12 = 192,000 元）"), `J6's note says the amount no longer matches the new unit cost (${note})`);
    // The first live round replaces what the opening validation showed, notes included.
    assertEqual(flagsOnWorkbook(excel.host.workbook).notes["經費表!G6"], undefined, "G6's note is taken off with its colour");
  });
});

test("hosted by Excel: 清除標示 takes every flag off and leaves the workbook as it was before any flag", async ({ env }) => {
  const excel = await excelWithSample();
  const before = excel.host.workbook.snapshotCells();
  await withPage(env, { excel, width: 360, height: 900 }, async ({ page }) => {
    await validatedByItself(page);
    await excel.settle();
    assert(sortedKeys(flagsOnWorkbook(excel.host.workbook).styles).length > 0, "the PI's validation flagged cells");

    await page.getByRole("button", { name: "清除標示" }).click();
    await page.locator('[data-testid="notice"]', { hasText: "已清除所有標示" }).waitFor({ timeout: 10000 });
    await excel.settle();
    assertEqual(excel.host.workbook.snapshotCells(), before, "values, formats, notes and conditional formats are as before");
    assert((await page.$$(FINDING)).length > 0, "the findings stay listed");
  });
});

test("hosted by Excel: screenshot of the pane at 360 px after validation, zh-TW", async ({ env }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, "excel-hosted-zh-TW-360.png");
  const excel = await excelWithSample();
  await withPage(env, { excel, width: 360, height: 900 }, async ({ page }) => {
    await validatedByItself(page);
    await excel.settle();
    // The findings, under the counts: what the person reads after validating.
    await page.$eval('[data-testid="findings"]', (list) => list.scrollIntoView({ block: "start" }));
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    await page.screenshot({ path: file, animations: "disabled" });
  });
  assert(fs.statSync(file).size > 10000, "the screenshot was written");
});

test("hosted by Excel at 320×700: the PI's first finding is in view without scrolling", async ({ env }) => {
  const excel = await excelWithSample();
  await withPage(env, { excel, width: 320, height: 700 }, async ({ page }) => {
    await validatedByItself(page);
    await excel.settle();
    await page.evaluate(() => document.fonts.ready);
    const view = await page.evaluate(() => {
      const card = document.querySelector("li[data-rule]").getBoundingClientRect();
      return { scrolled: window.scrollY, top: Math.round(card.top), bottom: Math.round(card.bottom), height: window.innerHeight };
    });
    assertEqual(view.scrolled, 0, "nothing scrolled");
    assert(view.top >= 0 && view.bottom <= view.height, `the first finding card (${view.top}–${view.bottom}) is within the ${view.height} px pane`);
  });
});

module.exports = { tests };
