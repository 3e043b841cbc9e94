"use strict";
/**
 * Jest reporter: after a run that included tests/excel/flows.test.tsx, prints the table of host
 * profiles × task-pane flows it recorded (test-output/excel-flows.json), with what the person is
 * told where a profile does a flow in part.
 */
const fs = require("fs");
const path = require("path");

const RESULTS = path.join(__dirname, "..", "..", "test-output", "excel-flows.json");
const PROFILES = ["web", "m365-windows", "m365-mac", "ltsc-2024", "ltsc-2021", "floor-1.9"];
const FLOWS = ["open", "validate", "show flags", "clear flags", "live edit", "paste 10,000 rows", "waive", "export", "summary", "template", "round overview (new workbook)", "reviewer role"];

class FlowTableReporter {
  onRunStart() {
    this.started = Date.now();
  }

  onRunComplete() {
    let results;
    try {
      if (fs.statSync(RESULTS).mtimeMs < this.started) return;
      results = JSON.parse(fs.readFileSync(RESULTS, "utf8"));
    } catch {
      return;
    }
    const cell = new Map(results.map((result) => [`${result.flow}|${result.profile}`, result]));
    const notes = [];
    const mark = (result) => {
      if (!result) return "—";
      if (result.status === "pass") return "pass";
      let index = notes.indexOf(result.message);
      if (index < 0) index = notes.push(result.message) - 1;
      return `partial[${index + 1}]`;
    };
    const rows = FLOWS.map((flow) => [flow, ...PROFILES.map((profile) => mark(cell.get(`${flow}|${profile}`)))]);
    const header = ["flow", ...PROFILES];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (row) => row.map((text, column) => text.padEnd(widths[column])).join("  ");
    const out = [
      "",
      "Task pane flows on each Excel host profile, through Microsoft's client library (tests/excel/flows.test.tsx):",
      line(header),
      line(widths.map((width) => "-".repeat(width))),
      ...rows.map(line),
      ...notes.map((note, index) => `[${index + 1}] what the person is told: ${note}`),
      "",
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  }
}

module.exports = FlowTableReporter;
