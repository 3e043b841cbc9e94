/**
 * Loaded with `node --require` into the real command: when the process exits, writes its peak
 * resident set size (bytes) to the file named by ALLIANCE_RSS_FILE, so tests can bound memory.
 */
"use strict";
const fs = require("fs");

const out = process.env.ALLIANCE_RSS_FILE;
if (out) {
  process.on("exit", () => {
    // maxRSS is in kilobytes.
    fs.writeFileSync(out, String(process.resourceUsage().maxRSS * 1024));
  });
}
