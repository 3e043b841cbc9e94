/* global window, document, console, setTimeout */
/**
 * The Office host as office.js sees it from a task pane of Excel on Windows, for a page in
 * Chromium. office-host/index.js injects it with addInitScript, so that it runs before any of the
 * page's scripts, as `(installOfficeHost)(profile, addNotesToLibrary)`: init scripts are not
 * subject to the page's Content-Security-Policy, the page's own scripts are.
 *
 * Two channels, both the ones Excel on Windows gives a task pane:
 * - `window.external` (the OSF control): office.js asks it for the host information (which host,
 *   platform and language, hence which files to load), the app context (requirement sets,
 *   document URL, document settings) and registers for host events. Execute is answered "not
 *   supported": with the native bridge below, Excel.run never calls it.
 * - `window._richApiNativeBridge`: the Excel library picks it up when it loads and sends every
 *   Excel.run batch through it as message text. `sendMessageToHost` hands the text to the test
 *   process (the Playwright binding `__excelHostReceive`, answered by tests/excel-host); the test
 *   process pushes answers and events back by calling `onMessageFromHost`, which the library
 *   installs.
 *
 * Only what office.js and the add-in are known to use is here; anything else office.js asks the
 * host to do is logged as a console error, which fails the test.
 */
// eslint-disable-next-line no-unused-vars -- called by the init script office-host/index.js builds
function installOfficeHost(profile, addNotesToLibrary) {
  "use strict";

  // Office.context.platform "PC" is what office.js makes of host information naming Win32, whose
  // Excel library is excel-win32-16.01.js.
  var PLATFORMS = { PC: { hostInfo: "Win32", fileVersion: "16.01" } };
  var platform = PLATFORMS[profile.platform];
  if (!platform) throw new Error("office-host: no emulation for platform " + profile.platform);

  var OOE_SUCCESS = 0;
  var OOE_NOT_SUPPORTED = 5009; // OSF.DDA.ErrorCodeManager.errorCodes.ooeOperationNotSupported
  var APP_TYPE_EXCEL = 1; // OSF.AppName.Excel

  function later(fn) {
    setTimeout(fn, 0);
  }

  function notEmulated(what) {
    console.error("office-host: office.js asked for something this emulation does not answer: " + what);
  }

  // host$platform$fileVersion$locale$correlationId$isDialog$logging$flags (OSF._OfficeAppFactory
  // _retrieveHostInfo). "disableLogging" keeps office.js from loading its telemetry scripts,
  // which would leave the box.
  var hostInfo = ["Excel", platform.hostInfo, platform.fileVersion, profile.displayLanguage, "", "", "disableLogging", "0"].join("$");

  // Document settings (Office.context.document.settings) as Excel keeps them: each value as JSON
  // text. office.js reads them at start-up and writes them back on saveAsync.
  var settings = {};
  Object.keys(profile.settings || {}).forEach(function (key) {
    settings[key] = JSON.stringify(profile.settings[key]);
  });
  var settingsObject = {
    Read: function (keys, values) {
      Object.keys(settings).forEach(function (key) {
        keys.push(key);
        values.push(settings[key]);
      });
    },
    Write: function (keys, values) {
      settings = {};
      keys.forEach(function (key, index) {
        settings[key] = values[index];
      });
    },
  };

  // The app context office.js reads once at start-up (OSF.InitializationHelper.getAppContext).
  var appContext = {
    GetAppType: function () { return APP_TYPE_EXCEL; },
    GetSolutionRef: function () { return "alliance-check-browser-tests"; },
    GetAppVersionMajor: function () { return 16; },
    GetAppVersionMinor: function () { return 1; },
    GetAppUILocale: function () { return profile.displayLanguage; },
    GetAppDataLocale: function () { return profile.displayLanguage; },
    GetDocUrl: function () { return profile.documentUrl; },
    GetAppCapabilities: function () { return 0; }, // read-write
    GetActivationMode: function () { return 1; }, // the person inserted the add-in
    GetControlIntegrationLevel: function () { return 1; }, // a task pane
    GetSolutionToken: function () { return ""; },
    GetCorrelationId: function () { return "00000000-0000-0000-0000-000000000000"; },
    GetInstanceId: function () { return "{00000000-0000-4000-8000-000000000001}"; },
    GetTouchEnabled: function () { return false; },
    GetCommerceAllowed: function () { return true; },
    // Office.context.requirements: JSON of set name → highest version.
    GetSupportedMatrix: function () { return JSON.stringify(profile.requirementSets); },
    GetHostCustomMessage: function () { return null; },
    GetHostFullVersion: function () { return profile.hostFullVersion; },
    GetInitialDisplayMode: function () { return 0; },
    GetSettings: function () { return settingsObject; },
    GetOfficeThemeInfo: function () { return null; },
  };

  // window.external is [Replaceable] in Chromium: assigning replaces it for this page.
  window.external = {
    GetHostInfo: function () { return hostInfo; },
    GetContext: function () { return appContext; },
    GetLoggingAllowed: function () { return false; },
    Execute: function (dispId, params, callback) {
      notEmulated("Execute(" + dispId + ")");
      later(function () { callback(OOE_NOT_SUPPORTED); });
    },
    // office.js registers for a few host events at start-up (AppCommandInvoked); none is raised.
    RegisterEvent: function (dispId, targetId, handler, callback) {
      later(function () { callback(OOE_SUCCESS); });
    },
    UnregisterEvent: function (dispId, targetId, callback) {
      later(function () { callback(OOE_SUCCESS); });
    },
  };

  // The RichApi channel. The binding is installed by the test process before the page loads.
  window._richApiNativeBridge = {
    sendMessageToHost: function (text) {
      window.__excelHostReceive(text).catch(function (error) {
        console.error("office-host: the message did not reach the host: " + error);
      });
    },
    // onMessageFromHost: installed by the Excel library (OfficeExtension.HostBridge).
  };

  // The Excel library on npm stops at ExcelApi 1.15; the one Office's CDN serves has notes
  // (ExcelApi 1.18). tests/excel-host/notesExtension.ts adds them with the library's own class
  // builder, as the jest tests do. It runs when the library's script has run, before office.js
  // starts the add-in with it: a capturing load listener runs before the script element's own
  // onload, which is where office.js continues.
  if (addNotesToLibrary) {
    document.addEventListener(
      "load",
      function (event) {
        var target = event.target;
        if (!target || target.tagName !== "SCRIPT" || !/\/excel-win32-[\d.]+\.js$/i.test(target.src)) return;
        if (window.Excel && window.OfficeExtension) addNotesToLibrary(window.Excel, window.OfficeExtension);
      },
      true,
    );
  }
}
