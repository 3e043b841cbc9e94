#!/usr/bin/env node
"use strict";
// Thin launcher: the command line is compiled to lib/ by `npm install` (the "prepare" script).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("alliance-check: not built yet. Run `npm install` (or `npm run build:cli`) first.\n");
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`alliance-check: internal error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
);
