"use strict";
/* global window -- inside page.evaluate callbacks, which run in the browser */
/**
 * Excel for a browser page: our in-memory Excel (tests/excel-host, compiled to build/excel-host)
 * answers Microsoft's Excel library running in the page, and page.js plays the rest of the
 * Office host for office.js. Microsoft's code (office.js and excel-win32-16.01.js, served from
 * @microsoft/office-js by the harness) is not changed.
 *
 *   const excel = startPageExcel({ profile: "m365-windows" });
 *   loadSnapshot(excel.host.workbook, snapshot);        // before the page opens
 *   await excel.attach(context);                        // before the page's first navigation
 *   …
 *   excel.host.user.edit("經費表", "G6", [[16000]]);     // events reach the page
 *   excel.stop();
 *
 * Messages travel as the text the library sends and reads: page → host through a binding
 * (`__excelHostReceive`), host → page by calling the bridge's `onMessageFromHost` in the page,
 * one at a time and in order, as a native host delivers them.
 */
const fs = require("fs");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
/** Where scripts/browser-tests.js compiles tests/excel-host (tsconfig.excel-host.json). */
const EXCEL_HOST_BUILD = path.join(REPO_ROOT, "build", "excel-host", "tests", "excel-host");
const PAGE_SCRIPT = fs.readFileSync(path.join(__dirname, "page.js"), "utf8");
const BINDING = "__excelHostReceive";

/** The compiled tests/excel-host modules: the host (index) and the test helpers (testing). */
function excelHostModules() {
  try {
    return {
      index: require(path.join(EXCEL_HOST_BUILD, "index.js")),
      testing: require(path.join(EXCEL_HOST_BUILD, "testing.js")),
    };
  } catch (error) {
    throw new Error(`tests/excel-host is not compiled (npx tsc -p tsconfig.excel-host.json): ${error.message}`);
  }
}

/**
 * The init script: page.js called with the host profile and the compiled notes extension (a
 * CommonJS module without imports, given its own `exports`).
 */
function initScript(profile) {
  const notes = fs.readFileSync(path.join(EXCEL_HOST_BUILD, "notesExtension.js"), "utf8");
  if (/\brequire\(/.test(notes)) throw new Error("notesExtension.ts must stay free of imports: it also runs in the page");
  const addNotes = `(function (exports) {\n${notes}\nreturn exports.addNotesToLibrary;\n})({})`;
  return `(${PAGE_SCRIPT.trim()})(${JSON.stringify(profile)}, ${addNotes});\n`;
}

/**
 * Starts an in-memory Excel for one page. `options` are ExcelHost's (profile, displayLanguage,
 * documentUrl, …); the page is told the same requirement sets, platform, language and URL.
 */
function startPageExcel(options = {}) {
  const { index } = excelHostModules();
  let page = null;
  let delivering = Promise.resolve();
  /** Messages either way so far: settle() waits until this stops moving. */
  let traffic = 0;
  /** Messages the page could not take (an exception in the library, a closed page). */
  const failures = [];
  const deliver = (text) => {
    traffic += 1;
    delivering = delivering.then(async () => {
      if (!page || page.isClosed()) return;
      try {
        await page.evaluate((message) => window._richApiNativeBridge.onMessageFromHost(message), text);
      } catch (error) {
        if (!page.isClosed()) failures.push(`delivering ${text.slice(0, 120)}: ${error.message}`);
      }
    });
  };
  const host = index.ExcelHost.start({ ...options, library: { deliver } });
  const profile = {
    platform: host.profile.platform,
    requirementSets: host.requirementSets,
    displayLanguage: host.displayLanguage,
    documentUrl: host.documentUrl,
    // Office.context.diagnostics.version; office.js uses it for diagnostics and telemetry only.
    hostFullVersion: "16.0.0.0",
    settings: {},
  };
  return {
    host,
    profile,
    failures,
    /** Installs the host in `context`'s pages; call before the page navigates. */
    async attach(context) {
      await context.exposeBinding(BINDING, (source, text) => {
        page = source.page;
        traffic += 1;
        host.receive(text);
      });
      await context.addInitScript({ content: initScript(profile) });
    },
    /**
     * Resolves when the host is idle, everything it sent has reached the page, and the page has
     * sent nothing more for `quietMs` (an answer often makes the library send the next batch).
     */
    async settle(quietMs = 100) {
      for (;;) {
        const seen = traffic;
        await host.settle();
        await delivering;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
        if (traffic === seen) return;
      }
    },
    stop() {
      host.stop();
    },
  };
}

module.exports = { startPageExcel, excelHostModules, EXCEL_HOST_BUILD };
