/* global window */
/* Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser tests.
 * Outside Office the real library resolves Office.onReady with { host: null, platform: null }
 * and never defines Excel: exactly what this does. */
(function () {
  "use strict";
  var info = { host: null, platform: null };
  window.Office = {
    HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" },
    context: { displayLanguage: undefined, requirements: { isSetSupported: function () { return false; } } },
    onReady: function (callback) {
      if (typeof callback === "function") setTimeout(function () { callback(info); }, 0);
      return Promise.resolve(info);
    },
  };
})();
