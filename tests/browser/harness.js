"use strict";
/**
 * Shared machinery of the browser tests: the static server, Chromium, a page whose office.js
 * request is answered by a shim and whose every request is checked to stay on the local server.
 */
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { startServer } = require("../../scripts/serve");

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_SHIM = fs.readFileSync(path.join(__dirname, "office-shim.js"), "utf8");
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
 * A fresh browser context and page. `requests` lists every request the page made; `offsite`
 * those that went anywhere but the local server or the (intercepted) office.js URL.
 */
async function openPage(environment, { width = 1280, height = 800, locale = "zh-TW", path: pagePath = "taskpane.html" } = {}) {
  const context = await environment.browser.newContext({
    viewport: { width, height },
    locale,
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const requests = [];
  const offsite = [];
  const problems = [];
  await context.route(OFFICE_JS_URL, (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: OFFICE_SHIM }),
  );
  const page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    requests.push(url);
    const local = url.startsWith(environment.server.url) || url === OFFICE_JS_URL || /^(blob|data):/.test(url);
    if (!local) offsite.push(url);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await page.goto(`${environment.server.url}${pagePath}`);
  return { context, page, requests, offsite, problems };
}

async function closePage(session) {
  await session.context.close();
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
  } finally {
    await closePage(session);
  }
}

module.exports = { REPO_ROOT, OFFICE_JS_URL, AssertionError, assert, assertEqual, startEnvironment, openPage, closePage, withPage };
