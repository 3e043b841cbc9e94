"use strict";
/* global window, document -- inside page.evaluate callbacks, which run in the browser */
/**
 * End-to-end tests of the browser preview in real Chromium (run by scripts/browser-tests.js).
 * Each test gets { env, tmp } and uses its own page; the harness fails a test whose page made a
 * request off the local server or logged an error.
 */
const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");
const { unzipSync, strFromU8 } = require("fflate");
const { REPO_ROOT, OFFICE_JS_URL, assert, assertEqual, withPage } = require("./harness");
const { FINDING, STALE_HINT, cli, keyOf, paneFindings } = require("./pane");

const SAMPLES = path.join(REPO_ROOT, "samples");
const SCREENSHOTS = path.join(REPO_ROOT, "docs", "screenshots");

// ---- helpers ---------------------------------------------------------------------------------

/** Sheet names of an .xlsx (from xl/workbook.xml). */
function sheetNames(bytes) {
  const files = unzipSync(new Uint8Array(bytes), { filter: (file) => file.name === "xl/workbook.xml" });
  const xml = strFromU8(files["xl/workbook.xml"]);
  return [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((match) => match[1].replace(/&amp;/g, "&"));
}

async function ready(page) {
  await page.waitForSelector('[data-testid="validate"]', { timeout: 20000 });
  await page.waitForSelector('[data-testid="preview-grid"]', { timeout: 20000 });
}

async function validate(page) {
  await page.click('[data-testid="validate"]');
  await page.waitForSelector('[data-testid="findings"], [data-testid="all-clear"]', { timeout: 20000 });
}

async function download(page, trigger, tmp) {
  const [file] = await Promise.all([page.waitForEvent("download", { timeout: 60000 }), trigger()]);
  const target = path.join(tmp, file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), path: target, bytes: fs.readFileSync(target) };
}

async function findingItem(page, ruleId) {
  const item = page.locator(`${FINDING}[data-rule="${ruleId}"]`).first();
  await item.waitFor();
  return item;
}

/** Runs axe-core in the page (evaluated over DevTools, so the page's CSP is untouched). */
async function axeViolations(page, selector) {
  // The axe-core jest-axe uses (4.x); the top-level axe-core is an old 3.x some tool pulls in.
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js", { paths: [path.dirname(require.resolve("jest-axe"))] }), "utf8");
  await page.evaluate(source);
  return page.evaluate(async (context) => {
    const results = await window.axe.run(context, { resultTypes: ["violations"] });
    return results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ")}`);
  }, selector);
}

// ---- tests -----------------------------------------------------------------------------------

const tests = [];
function test(name, run) {
  tests.push({ name, run });
}

test("opens the browser preview on the default sample when Office reports no host", async ({ env }) => {
  await withPage(env, {}, async ({ page, requests }) => {
    await ready(page);
    assert(requests.includes(OFFICE_JS_URL), "office.js was requested (and answered by the shim)");
    assertEqual(await page.textContent('[data-testid="preview-file-name"]'), "sample-mistakes.xlsx", "the default sample is open");
    const tabs = await page.$$eval('[data-testid^="sheet-tab-"]', (nodes) => nodes.map((node) => node.dataset.testid.slice("sheet-tab-".length)));
    assertEqual(tabs, ["計畫資訊", "經費表", "會員名單", "營運收入"], "one tab per sheet");
    assertEqual(await page.getAttribute("html", "lang"), "zh-Hant-TW", "zh-TW first");
    assertEqual(await page.textContent("h1"), "產學聯盟檢核", "the pane's title");
    assert(await page.isVisible('[data-testid="empty-idle"]'), "the empty state says what the add-in expects");
    const early = requests.filter((url) => /xlsx-annotate|xlsx-template/.test(url));
    assertEqual(early, [], "the annotated-copy and template code is not loaded before it is needed");
  });
});

test("validates the sample and lists exactly the command line's findings", async ({ env }) => {
  const expected = cli(path.join(SAMPLES, "sample-mistakes.xlsx"));
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await validate(page);
    const found = (await paneFindings(page)).map((finding) => finding.key).sort();
    assertEqual(found, expected.findings.map(keyOf).sort(), `rule ID + sheet + cell of every finding${STALE_HINT}`);
    const errors = expected.findings.filter((finding) => finding.severity === "error" && !finding.waived).length;
    assert((await page.textContent('[data-testid="count-error"]')).startsWith(String(errors)), `the error count is ${errors}`);
    const flagged = await page.$$eval("td[data-severity]", (cells) => cells.length);
    assert(flagged > 0, "flagged cells are coloured in the grid");
    const violations = await axeViolations(page, '[data-testid="pane-column"]');
    assertEqual(violations, [], "axe-core finds no violation in the pane");
  });
});

test("activating a finding (click, keyboard) selects and highlights its cell in the grid", async ({ env }) => {
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await validate(page);
    const item = await findingItem(page, "BUD-PHD-PAY");
    await item.locator("button[data-finding]").click();
    await page.waitForSelector('[data-testid="preview-grid"][data-sheet="經費表"] td[data-cell="G6"][data-selected="true"]');
    const visible = await page.$eval('td[data-cell="G6"]', (cell) => {
      const box = cell.getBoundingClientRect();
      const frame = cell.closest('[data-testid="preview-grid"]').getBoundingClientRect();
      return box.top >= frame.top && box.bottom <= frame.bottom && box.left >= frame.left && box.right <= frame.right;
    });
    assert(visible, "the selected cell is scrolled into view");

    // Keyboard: Enter on a focused finding, then Alt+↓ and J to the next ones.
    const first = page.locator(`${FINDING} button[data-finding]`).first();
    await first.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="preview-grid"][data-sheet="計畫資訊"] td[data-cell="B5"][data-selected="true"]');
    await page.keyboard.press("Alt+ArrowDown");
    await page.waitForSelector('td[data-cell="B7"][data-selected="true"]');
    const focused = await page.evaluate(() => document.activeElement?.closest("li")?.dataset.cell);
    assertEqual(focused, "B7", "focus moves with the current finding");
    await page.keyboard.press("j");
    await page.waitForSelector('[data-testid="preview-grid"][data-sheet="經費表"] td[data-cell="J3"][data-selected="true"]');
    await page.keyboard.press("Alt+ArrowUp");
    await page.waitForSelector('td[data-cell="B7"][data-selected="true"]');
    assert((await page.textContent('[data-testid="finding-position"]')).includes("第 2 / 28 項"), "the position is shown");
  });
});

test("waives a finding (reason required) and the waiver travels with the downloaded file", async ({ env, tmp }) => {
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await validate(page);
    const item = await findingItem(page, "BUD-FOREIGN-TRAVEL");
    await item.locator('[data-testid="finding-toggle"]').click();
    await item.locator('[data-testid="waiver-submit"]').click();
    await item.getByText("請填寫例外說明的理由。").waitFor();
    assertEqual(await item.getAttribute("data-waived"), null, "no waiver without a reason");
    const reason = "赴德國參展為聯盟推廣服務所需";
    await item.locator('[data-testid="waiver-reason"]').fill(reason);
    await item.locator('[data-testid="waiver-submit"]').click();
    await page.waitForSelector(`${FINDING}[data-rule="BUD-FOREIGN-TRAVEL"][data-waived="true"]`);
    assert((await page.textContent('[data-testid="count-waived"]')).startsWith("1"), "one waived");

    const copy = await download(page, () => page.click('[data-testid="download-annotated"]'), tmp);
    assertEqual(copy.name, "sample-mistakes-annotated.xlsx", "the annotated copy's name");
    assert(sheetNames(copy.bytes).includes("檢核結果"), "the copy has the findings sheet");
    const checked = cli(copy.path);
    const waived = checked.findings.find((finding) => finding.ruleId === "BUD-FOREIGN-TRAVEL");
    assertEqual(waived && waived.waived && waived.waived.reason, reason, "the command line reads the waiver from the copy");
  });
});

test("switches to English: interface and finding messages match the command line's English", async ({ env }) => {
  const expected = cli(path.join(SAMPLES, "sample-mistakes.xlsx"), "--lang", "en");
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await validate(page);
    await page.click('button[title="Switch to English"]');
    await page.waitForSelector('html[lang="en"]');
    assertEqual((await page.textContent('[data-testid="validate"]')).trim(), "Validate again", "the main action in English");
    assert((await page.textContent('[data-testid="findings"] h2')).startsWith("Findings"), "headings in English");
    const messages = await page.$$eval(`${FINDING}`, (items) =>
      items.map((item) => `${item.dataset.rule}|${item.dataset.cell}|${item.querySelector("button[data-finding] > span > span:last-child").textContent}`),
    );
    const wanted = expected.findings.map((finding) => `${finding.ruleId}|${finding.cell}|${finding.message}`);
    assertEqual(messages.sort(), wanted.sort(), `messages come from the engine's formatter in English${STALE_HINT}`);
    await page.reload();
    await ready(page);
    assertEqual(await page.getAttribute("html", "lang"), "en", "the language is remembered");
  });
});

test("opens a workbook through the visible button and the file input", async ({ env }) => {
  const file = path.join(SAMPLES, "sample-english.xlsx");
  const expected = cli(file);
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.click('[data-testid="open-file"]')]);
    await chooser.setFiles(file);
    await page.waitForSelector('[role="tab"]:has-text("Budget")');
    assertEqual(await page.textContent('[data-testid="preview-file-name"]'), "sample-english.xlsx", "the chosen file is open");
    await validate(page);
    const found = (await paneFindings(page)).map((finding) => finding.key).sort();
    assertEqual(found, expected.findings.map(keyOf).sort(), "findings of the chosen file");

    await page.setInputFiles('[data-testid="file-input"]', path.join(SAMPLES, "sample-clean.xlsx"));
    await page.waitForSelector('[role="tab"]:has-text("歷年補助款")');
    await validate(page);
    const clean = cli(path.join(SAMPLES, "sample-clean.xlsx"));
    assertEqual((await paneFindings(page)).map((finding) => finding.key).sort(), clean.findings.map(keyOf).sort(), "findings after setInputFiles");
  });
});

test("downloads the summary copy, the template and the exports", async ({ env, tmp }) => {
  const expected = cli(path.join(SAMPLES, "sample-mistakes.xlsx"));
  await withPage(env, {}, async ({ page, requests }) => {
    await ready(page);
    await validate(page);
    const summary = await download(page, () => page.getByText("下載營運摘要").click(), tmp);
    assertEqual(summary.name, "sample-mistakes-summary.xlsx", "summary copy name");
    const names = sheetNames(summary.bytes);
    assert(names.includes("營運摘要") && names.includes("檢核結果"), `the copy has 營運摘要 and 檢核結果 (${names.join(", ")})`);
    assert(requests.some((url) => url.includes("xlsx-annotate")), "the annotate code was loaded on demand");

    const template = await download(page, () => page.getByText("下載範本").click(), tmp);
    const templateSheets = sheetNames(template.bytes);
    for (const sheet of ["計畫資訊", "經費表", "會員名單", "營運收入"]) assert(templateSheets.includes(sheet), `the template has ${sheet}`);
    cli(template.path);

    for (const [label, suffix] of [["JSON", ".json"], ["SARIF 2.1.0", ".sarif"], ["CSV（Excel 可開啟）", ".csv"]]) {
      const exported = await download(
        page,
        async () => {
          await page.click('[data-testid="export"]');
          await page.getByRole("menuitem", { name: label }).click();
        },
        tmp,
      );
      assert(exported.name.endsWith(suffix), `${label} export named ${exported.name}`);
      if (suffix === ".json") {
        const report = JSON.parse(exported.bytes.toString("utf8"));
        assertEqual(report.findings.map(keyOf).sort(), expected.findings.map(keyOf).sort(), "the JSON export's findings");
      }
      if (suffix === ".sarif") assertEqual(JSON.parse(exported.bytes.toString("utf8")).version, "2.1.0", "SARIF version");
    }
  });
});

/** The command line's `review` JSON of a round (the reference the pane's round must agree with). */
function cliReview(...args) {
  const bin = path.join(REPO_ROOT, "bin", "alliance-check.js");
  const run = childProcess.spawnSync(process.execPath, [bin, "review", ...args, "--format", "json"], { cwd: REPO_ROOT, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) throw new Error(`alliance-check review failed (exit ${run.status}); run \`npm run build:cli\` first.\n    ${(run.stderr || "").trim()}`);
  return JSON.parse(run.stdout);
}

const ROUND_FILES = ["sample-mistakes.xlsx", "sample-english.xlsx", "sample-clean.xlsx"].map((name) => path.join(SAMPLES, name));
const BROKEN = path.join(REPO_ROOT, "tests", "fixtures", "reader", "truncated.xlsx");

/** The reviewer's round tab, with the given files chosen; resolves when the table is there. */
async function reviewRound(page, files, { folder = false } = {}) {
  await page.selectOption('[data-testid="role-select"]', "reviewer");
  await page.click('[data-testid="tab-round"]');
  await page.setInputFiles(folder ? '[data-testid="round-folder"]' : '[data-testid="round-files"]', files);
  await page.waitForSelector('[data-testid="round-table"]', { timeout: 60000 });
}

test("reviews a round: several workbooks, each row's findings, the overview workbook; the rows agree with `alliance-check review`", async ({ env, tmp }) => {
  const reference = cliReview(...ROUND_FILES, BROKEN);
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await reviewRound(page, [...ROUND_FILES, BROKEN]);
    const rows = await page.$$eval('[data-testid="round-row"]', (items) => items.map((item) => ({ file: item.dataset.file, cells: [...item.querySelectorAll("td")].map((cell) => cell.textContent) })));
    assertEqual(rows.map((row) => row.file), reference.submissions.map((row) => path.basename(row.file)), "the rows, in the command line's order");
    reference.submissions.forEach((row, index) => {
      if (row.status === "checked") assertEqual([rows[index].cells[1], rows[index].cells[2]], [String(row.findings.error), String(row.findings.warning)], `errors and warnings of ${row.file}`);
    });
    await page.getByRole("button", { name: /綠能材料/ }).click();
    await page.waitForSelector('[data-testid="round-findings"]');
    const findings = await page.$$eval('[data-testid="round-findings"] li[data-rule]', (items) => items.length);
    assertEqual(findings, cli(ROUND_FILES[0]).findings.length, "the row's findings are the file's");
    await page.click('[data-testid="round-back"]');
    const overview = await download(page, () => page.click('[data-testid="round-overview"]'), tmp);
    assert(/^審查總表-\d{4}-\d{2}-\d{2}\.xlsx$/.test(overview.name), `overview named ${overview.name}`);
    assertEqual(sheetNames(overview.bytes), ["審查總表", "規則統計", "跨年比對", "收支圖"], "the overview's sheets");
  });
});

test("reviews a folder where Chromium allows it: only its workbooks, the rest skipped", async ({ env, tmp }) => {
  const folder = path.join(tmp, "收件");
  fs.mkdirSync(path.join(folder, "甲聯盟"), { recursive: true });
  fs.copyFileSync(ROUND_FILES[2], path.join(folder, "甲聯盟", "sample-clean.xlsx"));
  fs.copyFileSync(ROUND_FILES[1], path.join(folder, "sample-english.xlsx"));
  fs.writeFileSync(path.join(folder, "收件紀錄.txt"), "備註");
  await withPage(env, {}, async ({ page }) => {
    await ready(page);
    await reviewRound(page, folder, { folder: true });
    const files = await page.$$eval('[data-testid="round-row"]', (items) => items.map((item) => item.dataset.file).sort());
    assertEqual(files, ["收件/sample-english.xlsx", "收件/甲聯盟/sample-clean.xlsx"], "the folder's workbooks, with their folders");
    assert((await page.textContent('[data-testid="round-totals"]')).includes("略過資料夾中 1 個非活頁簿檔案"), "the note is skipped");
  });
});

/** Nothing in the pane is wider than the page: no sideways scrolling, no element sticking out. */
async function assertNoOverflow(page, label) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const pane = document.querySelector('[data-testid="pane-column"]');
    const outside = [...pane.querySelectorAll("*")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5;
      })
      .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().split(" ")[0]} right=${Math.round(element.getBoundingClientRect().right)}`);
    return { page: document.documentElement.scrollWidth, width, pane: pane.scrollWidth - pane.clientWidth, outside: outside.slice(0, 5) };
  });
  assert(overflow.page <= overflow.width, `${label}: the page scrolls sideways (${overflow.page} > ${overflow.width})`);
  assertEqual(overflow.pane, 0, `${label}: the pane does not scroll sideways`);
  assertEqual(overflow.outside, [], `${label}: no element of the pane sticks out`);
}

test("the reviewer's round fits 320 px too: its table and a row's findings", async ({ env }) => {
  await withPage(env, { width: 320, height: 800 }, async ({ page }) => {
    await ready(page);
    await reviewRound(page, [...ROUND_FILES, BROKEN]);
    await assertNoOverflow(page, "the round's table");
    await page.getByRole("button", { name: /綠能材料/ }).click();
    await page.waitForSelector('[data-testid="round-findings"]');
    await assertNoOverflow(page, "a row's findings");
  });
});

test("fits 320 px: nothing overflows horizontally", async ({ env }) => {
  await withPage(env, { width: 320, height: 800 }, async ({ page }) => {
    await ready(page);
    await validate(page);
    const item = await findingItem(page, "BUD-OVERHEAD");
    await item.locator('[data-testid="finding-toggle"]').click();
    await item.locator('[data-testid="waiver-reason"]').waitFor();
    for (const language of ["zh-TW", "en"]) {
      if (language === "en") {
        await page.click('button[title="Switch to English"]');
        await page.waitForSelector('html[lang="en"]');
      }
      await assertNoOverflow(page, language);
    }
  });
});

test("screenshots: task pane at 360×900 and the wide preview at 1280×800, zh-TW and English", async ({ env }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const written = [];
  const shoot = async (page, name, options = {}) => {
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, name), animations: "disabled", ...options });
    written.push(name);
  };
  for (const language of ["zh-TW", "en"]) {
    const switchLanguage = async (page) => {
      if (language === "zh-TW") return;
      await page.click('button[title="Switch to English"]');
      await page.waitForSelector('html[lang="en"]');
    };
    // The pane as Excel shows it, 360 px wide: its top after validating, then a finding opened.
    await withPage(env, { width: 360, height: 900 }, async ({ page }) => {
      await ready(page);
      await switchLanguage(page);
      await validate(page);
      await page.$eval('[data-testid="pane-column"]', (pane) => pane.scrollIntoView({ block: "start" }));
      await shoot(page, `pane-${language}-360.png`);
      const item = await findingItem(page, "BUD-PHD-PAY");
      await item.locator("button[data-finding]").click();
      await item.locator('[data-testid="finding-toggle"]').click();
      await item.locator('[data-testid="waiver-reason"]').waitFor();
      await page.$eval(`${FINDING}[data-rule="BUD-PHD-PAY"]`, (element) => {
        const sheet = element.closest("section");
        (sheet || element).scrollIntoView({ block: "start" });
      });
      await shoot(page, `pane-${language}-360-finding.png`);
    });
    // The whole preview, 1280 px wide: a finding activated, its cell highlighted in the grid.
    await withPage(env, { width: 1280, height: 800 }, async ({ page }) => {
      await ready(page);
      await switchLanguage(page);
      await validate(page);
      const item = await findingItem(page, "BUD-FULLTIME-PAY");
      await item.locator("button[data-finding]").click();
      await page.waitForSelector('td[data-cell="G5"][data-selected="true"]');
      await page.waitForTimeout(700);
      await page.$eval('[data-testid="pane-column"]', (pane) => pane.scrollTo({ top: 0 }));
      await shoot(page, `preview-${language}-1280.png`);
    });
  }
  for (const name of written) assert(fs.statSync(path.join(SCREENSHOTS, name)).size > 10000, `${name} was written`);
});

// ---- the reviewer's round, for the README ------------------------------------------------------

/**
 * A round as a program office receives it: the three samples, the FY116 submission of the clean
 * sample's alliance (written here with ExcelJS from the FY115 one: a member left, another joined,
 * its 歷年補助款 and FY115 income differ from what FY115 reported) and a broken file.
 */
async function demoRound(folder) {
  const ExcelJS = require("exceljs");
  fs.mkdirSync(path.join(folder, "115"), { recursive: true });
  fs.mkdirSync(path.join(folder, "116"), { recursive: true });
  for (const file of ROUND_FILES) fs.copyFileSync(file, path.join(folder, "115", path.basename(file)));
  fs.copyFileSync(BROKEN, path.join(folder, "116", "送件-損毀.xlsx"));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(ROUND_FILES[2]);
  const set = (sheet, label, value) => book.getWorksheet(sheet).eachRow((row) => {
    if (row.getCell(1).value === label) row.getCell(2).value = value;
  });
  set("計畫資訊", "計畫年度", "116年度");
  set("計畫資訊", "期別年次", 3);
  set("計畫資訊", "主持人歷年執行年度", "114、115");
  const members = book.getWorksheet("會員名單");
  members.eachRow((row, number) => {
    if (row.getCell(1).value === "永盛工業社") members.spliceRows(number, 1);
  });
  members.addRow(["竹科半導體股份有限公司", "53212539", "台灣", "公司", "中小企業", null, null, "金", 30000, 116]);
  const income = book.getWorksheet("營運收入");
  income.eachRow((row) => {
    if (row.getCell(1).value === 115 && row.getCell(2).value === "技術服務") row.getCell(5).value = 850000;
  });
  for (const [type, company, amount] of [["會員費", "台灣精密機械股份有限公司", 50000], ["會員費", "竹科半導體股份有限公司", 30000], ["技術服務", "新竹光電股份有限公司", 1500000], ["技術移轉", "台灣精密機械股份有限公司", 600000], ["產學合作", "宏達自動化有限公司", 700000]]) {
    income.addRow([116, type, company, null, amount]);
  }
  const history = book.getWorksheet("歷年補助款");
  history.addRow([115, 2300000]);
  history.addRow([116, 2500000]);
  await book.xlsx.writeFile(path.join(folder, "116", "智慧製造-116.xlsx"));
  return [...fs.readdirSync(path.join(folder, "115")).map((name) => path.join(folder, "115", name)), ...fs.readdirSync(path.join(folder, "116")).map((name) => path.join(folder, "116", name))];
}

test("round screenshots: the reviewer's round in the pane at 360×900, zh-TW and English", async ({ env, tmp }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const files = await demoRound(path.join(tmp, "demo"));
  for (const language of ["zh-TW", "en"]) {
    await withPage(env, { width: 360, height: 900 }, async ({ page }) => {
      await ready(page);
      if (language === "en") {
        await page.click('button[title="Switch to English"]');
        await page.waitForSelector('html[lang="en"]');
      }
      await reviewRound(page, files);
      await page.waitForSelector('[data-testid="round-yoy"]');
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      // The pane alone (the preview's grid sits above it at this width), as Excel shows a pane.
      const name = `pane-${language}-360-round.png`;
      await page.locator('[data-testid="pane-column"]').screenshot({ path: path.join(SCREENSHOTS, name), animations: "disabled" });
      assert(fs.statSync(path.join(SCREENSHOTS, name)).size > 10000, `${name} was written`);
    });
  }
});

/** LibreOffice with a profile of its own that recalculates every formula on load (tests/libreoffice/soffice.ts does the same). */
function libreOffice(input, outDir, format, tmp) {
  const profile = fs.mkdtempSync(path.join(tmp, "lo-profile-"));
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    '<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>',
  );
  const run = childProcess.spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, input], { encoding: "utf8", timeout: 180000 });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
}

test("round screenshots: the overview workbook as LibreOffice renders it (recalculated), zh-TW", async ({ env, tmp }) => {
  if (childProcess.spawnSync("soffice", ["--version"], { stdio: "ignore" }).status !== 0) {
    if (process.env.ALLIANCE_CHECK_REQUIRE_TOOLS === "1") throw new Error("LibreOffice (soffice) is required (ALLIANCE_CHECK_REQUIRE_TOOLS=1)");
    process.stdout.write("    LibreOffice (soffice) is not installed: the overview workbook's screenshots are not taken. Install it with `apt-get install libreoffice-calc-nogui`.\n");
    return;
  }
  const demo = path.join(tmp, "demo-lo");
  const files = await demoRound(demo);
  const out = path.join(tmp, "審查總表.xlsx");
  const bin = path.join(REPO_ROOT, "bin", "alliance-check.js");
  // From the round's folder, as a reviewer would run it: the overview names the files as given.
  const run = childProcess.spawnSync(process.execPath, [bin, "review", "115", "116", "--out", out, "--annotate-dir", "標註副本", "--format", "json"], { cwd: demo, encoding: "utf8" });
  assertEqual(run.status, 1, `review exits 1 (errors in the round): ${run.stderr}`);
  assertEqual(JSON.parse(run.stdout).submissions.length, files.length, "a row per file");
  const html = path.join(tmp, "html");
  libreOffice(out, html, "html", tmp);
  // Wide enough for every column at the width the sheet gives it; each picture is then cut to its table.
  const page = await env.browser.newPage({ viewport: { width: 3200, height: 900 }, deviceScaleFactor: 1 });
  try {
    await page.goto(`file://${path.join(html, "審查總表.html")}`);
    // LibreOffice's export: a heading and a table per sheet; the table of each is photographed.
    await page.addStyleTag({ content: "body { margin: 16px; background: #fff; } table { border-collapse: collapse; } td { padding: 2px 6px; }" });
    const tables = page.locator("table");
    assertEqual(await tables.count(), 4, "four sheets");
    // The overview sheet is wider than a picture can be read: its left half (who, what, the figures)
    // and its right half (members, findings, the annotated copy, notes), cut at a column.
    const header = tables.nth(0).locator("tr").first().locator("td");
    const cells = await header.evaluateAll((items) => items.map((item) => ({ text: item.textContent.trim(), ...item.getBoundingClientRect().toJSON() })));
    const cut = cells.find((cell) => cell.text === "須收入大於補助款");
    assert(cut, `the overview's header: ${cells.map((cell) => cell.text).join(", ")}`);
    const shoot = async (name, index, from, to) => {
      const box = await tables.nth(index).boundingBox();
      const x = from ?? box.x;
      const right = Math.min(to ?? box.x + box.width + 4, x + 1700);
      await page.screenshot({ path: path.join(SCREENSHOTS, name), clip: { x, y: box.y, width: right - x, height: Math.min(box.height + 4, 1400) }, fullPage: true });
      assert(fs.statSync(path.join(SCREENSHOTS, name)).size > 5000, `${name} was written`);
    };
    await shoot("overview-zh-TW-sheet.png", 0, null, cut.x);
    await shoot("overview-zh-TW-sheet-right.png", 0, cut.x, null);
    await shoot("overview-zh-TW-rules.png", 1, null, null);
    await shoot("overview-zh-TW-year-over-year.png", 2, null, null);
    await shoot("overview-zh-TW-chart.png", 3, null, null);
  } finally {
    await page.close();
  }
});

module.exports = { tests };
