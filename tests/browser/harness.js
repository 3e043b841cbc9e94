"use strict";
/**
 * Shared machinery of the browser tests: the static server, Chromium, and pages whose every
 * request is checked to stay on the local server. A page is opened one of two ways:
 * - as the browser preview (the default): office.js is answered by a shim that reports no host;
 * - hosted by Excel (`excel`, from office-host/index.js): office.js, and every file it then loads
 *   from Microsoft's CDN, is answered from @microsoft/office-js/dist, and the page gets the
 *   emulated Office host, whose workbook is the in-memory Excel in this process.
 */
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { startServer, MIME_TYPES } = require("../../scripts/serve");

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_URL = `${OFFICE_CDN}office.js`;
const OFFICE_SHIM = fs.readFileSync(path.join(__dirname, "office-shim.js"), "utf8");
const OFFICE_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json", { paths: [REPO_ROOT] })), "dist");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function assertEqual(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message}\n    expected: ${e}\n    actual:   ${a}`);
}

async function startEnvironment() {
  const server = await startServer({ root: path.join(REPO_ROOT, "dist"), host: "127.0.0.1", port: 0, indexFile: "taskpane.html" });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return { server, browser };
}

/**
 * The file of @microsoft/office-js/dist a CDN URL names, or null (not in the package, or a path
 * that climbs out of it).
 */
function officeDistFile(url) {
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length));
  const file = path.resolve(OFFICE_DIST, relative);
  if (!file.startsWith(OFFICE_DIST + path.sep)) return null;
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/**
 * A fresh browser context and page. `requests` lists every request the page made; `offsite`
 * those that went anywhere but the local server, the office.js shim or (hosted by Excel) the
 * package's copy of Microsoft's CDN. `excel`: host the page in that Excel (office-host/index.js).
 */
async function openPage(environment, { width = 1280, height = 800, locale = "zh-TW", path: pagePath = "taskpane.html", excel = null } = {}) {
  const context = await environment.browser.newContext({
    viewport: { width, height },
    locale,
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const requests = [];
  const offsite = [];
  const problems = [];
  if (excel) {
    await context.route(`${OFFICE_CDN}**`, (route) => {
      const url = route.request().url();
      const file = officeDistFile(url);
      if (!file) {
        problems.push(`office.js asked for ${url}, which @microsoft/office-js does not have`);
        return route.fulfill({ status: 404, contentType: "text/plain; charset=utf-8", body: "Not Found" });
      }
      const type = MIME_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
      return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
    });
    await excel.attach(context);
  } else {
    await context.route(OFFICE_JS_URL, (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: OFFICE_SHIM }),
    );
  }
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    requests.push(url);
    // Hosted by Excel, every CDN URL is answered from the package (or fails the test, above).
    const answeredHere = excel ? url.startsWith(OFFICE_CDN) : url === OFFICE_JS_URL;
    const local = url.startsWith(environment.server.url) || answeredHere || /^(blob|data):/.test(url);
    if (!local) offsite.push(url);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${environment.server.url}${pagePath}`);
  return { context, page, requests, offsite, problems, excel };
}

/** Closes the page's context, and stops the Excel that hosted it. */
async function closePage(session) {
  await session.context.close();
  session.excel?.stop();
}

/**
 * Runs `fn` with a fresh page, then checks that no request left the local server and that the
 * page logged no error (a CSP violation, an exception).
 */
async function withPage(environment, options, fn) {
  const session = await openPage(environment, options);
  try {
    await fn(session);
    assert(session.offsite.length === 0, `requests left the local server: ${session.offsite.join(", ")}`);
    assert(session.problems.length === 0, `the page reported errors:\n    ${session.problems.join("\n    ")}`);
    if (session.excel) {
      const { failures, host } = session.excel;
      assert(failures.length === 0, `messages from Excel did not reach the page:\n    ${failures.join("\n    ")}`);
      assert(host.hostErrors.length === 0, `the in-memory Excel failed while answering:\n    ${host.hostErrors.map(String).join("\n    ")}`);
    }
  } finally {
    await closePage(session);
  }
}

module.exports = { REPO_ROOT, OFFICE_CDN, OFFICE_JS_URL, AssertionError, assert, assertEqual, startEnvironment, openPage, closePage, withPage };
