/**
 * Writes docs/benchmarks.md from the sections' results (build/bench/results/*.json): one table
 * per measure, each target with "met" or the gap, the machine, the date and the load.
 */
import * as fs from "fs";
import * as path from "path";
import type { BundleResults } from "./bundleBench";
import type { CliResults } from "./cliBench";
import type { EngineResults } from "./engineBench";
import type { GatewayRun, OfficeResults, RoundTrips } from "./officeBench";
import { readSection, ROOT, type SectionEnvelope } from "./results";
import type { RoundResults } from "./roundBench";
import { machine } from "./stats";

const LINEAR_EXPONENT_MAX = 1.15;
const EDIT_TARGET_MS = 50;
const ENGINE_RATIO_TARGET = 3;
const CLI_RATIO_TARGET = 1.2;
const FLOOR_RATIO_TARGET = 3;
const BUNDLE_TARGET_BYTES = 350 * 1000;
const PAYLOAD_TARGET_BYTES = 4 * 1024 * 1024;
const ROUND_RATIO_TARGET = 10;
/** "Memory stays flat": the peak at 2,000 submissions within this factor of the peak at 200. */
const ROUND_MEMORY_FACTOR = 1.5;

const int = (value: number): string => Math.round(value).toLocaleString("en-US");
const ms = (value: number): string => (value >= 100 ? int(value) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3));
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const bytes = (value: number): string => (value >= 1024 * 1024 ? mib(value) : value >= 1024 ? kib(value) : `${int(value)} B`);
const times = (value: number): string => `${value >= 10 ? value.toFixed(0) : value.toFixed(2)}×`;

function loadNote(envelope: SectionEnvelope<unknown>): string {
  const [a, b, c] = envelope.startedAt.loadavg;
  const [d, e, f] = envelope.finishedAt.loadavg;
  return `Measured ${envelope.startedAt.at.replace("T", " ").slice(0, 16)}–${envelope.finishedAt.at.slice(11, 16)} UTC; load average (1/5/15 min) ${a}/${b}/${c} at the start, ${d}/${e}/${f} at the end.`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((cell) => (/^(Rows|Gateway|Operation|Measure|Target|Measured|Status|File|Library|Chunk|Case|Edit|Budget)/.test(cell) ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

interface TargetRow {
  target: string;
  measured: string;
  status: string;
}

function engineSection(engine: SectionEnvelope<EngineResults>, targets: TargetRow[]): string {
  const sizes = engine.data.sizes;
  const rows = sizes.map((size) => [
    int(size.rows),
    `${int(size.memberRows)} / ${int(size.incomeRows)}`,
    int(size.cells),
    int(size.findings),
    ms(size.bare.medianMs),
    `${ms(size.full.medianMs)} / ${ms(size.full.cpuMedianMs)}`,
    `${times(size.ratio)} / ${times(size.cpuRatio)}`,
    size.microsPerRow.toFixed(1),
    `${ms(size.incremental.medianMs)} / ${ms(size.incremental.cpuMedianMs)}`,
  ]);
  const ten = sizes.find((size) => size.rows === 10_000) ?? sizes[sizes.length - 1]!;
  const worstRatio = Math.max(...sizes.filter((size) => size.rows >= 1000).map((size) => size.ratio));
  const bestRatio = Math.min(...sizes.filter((size) => size.rows >= 1000).map((size) => size.ratio));
  targets.push({
    target: `Engine full validation ≤ ${ENGINE_RATIO_TARGET}× one bare pass over the same values`,
    measured: `${times(bestRatio)}–${times(worstRatio)} (wall, ≥ 1,000 rows); ${times(ten.ratio)} at ${int(ten.rows)} rows`,
    status: worstRatio <= ENGINE_RATIO_TARGET ? "met" : `**not met**: ${times(worstRatio / ENGINE_RATIO_TARGET)} over (see below)`,
  });
  const exponent = engine.data.growthExponent;
  const cpuExponent = engine.data.cpuGrowthExponent;
  const upper = engine.data.upperGrowthExponent;
  const upperCpu = engine.data.upperCpuGrowthExponent;
  const linearOverall = Math.max(exponent, cpuExponent) <= LINEAR_EXPONENT_MAX;
  const linearUpper = Math.max(upper, upperCpu) <= LINEAR_EXPONENT_MAX;
  targets.push({
    target: `Engine time linear in rows (exponent ≤ ${LINEAR_EXPONENT_MAX})`,
    measured: `rows^${exponent.toFixed(2)} wall / rows^${cpuExponent.toFixed(2)} CPU over 1,000–100,000 rows; rows^${upper.toFixed(2)} / rows^${upperCpu.toFixed(2)} over 10,000–100,000`,
    status: linearOverall
      ? "met"
      : linearUpper
        ? "**partly**: linear from 10,000 rows on; a step between 1,000 and 10,000 rows (see below)"
        : `**not met**: exponent ${Math.max(exponent, cpuExponent).toFixed(2)} > ${LINEAR_EXPONENT_MAX}`,
  });
  targets.push({
    target: `One-cell edit on ${int(ten.rows)} rows re-validated in ≤ ${EDIT_TARGET_MS} ms of engine time`,
    measured: `${ms(ten.incremental.medianMs)} ms wall, ${ms(ten.incremental.cpuMedianMs)} ms CPU (median of ${ten.incremental.samplesMs.length})`,
    status:
      ten.incremental.medianMs <= EDIT_TARGET_MS
        ? "met"
        : ten.incremental.cpuMedianMs <= EDIT_TARGET_MS
          ? "met on CPU time; wall time over (machine load)"
          : `**not met**: ${ms(ten.incremental.medianMs - EDIT_TARGET_MS)} ms over`,
  });
  return [
    "## Engine",
    "",
    loadNote(engine),
    "",
    "Full validation (`validateWorkbook`) against the floor: one bare pass over the same cell values (a `typeof` test per cell, numbers and text lengths summed). One-cell edit: `patchSnapshot` + a `createValidator()` validator that has seen the previous snapshot (the task pane's live path), an amount or a tax ID changed on a clean row each time. Times are medians per call in ms, wall / process CPU; the findings of the incremental path are checked equal to a fresh validation's.",
    "",
    table(
      ["Rows (budget)", "Members / income", "Cells", "Findings", "Bare pass", "Full validation", "Ratio", "µs per row", "One-cell edit"],
      rows,
    ),
    "",
    `Growth, by least squares on log time against log rows (1 = linear): rows^${exponent.toFixed(2)} (wall) and rows^${cpuExponent.toFixed(2)} (CPU) over 1,000–100,000 rows; rows^${upper.toFixed(2)} and rows^${upperCpu.toFixed(2)} over 10,000–100,000 rows.`,
    "",
  ].join("\n");
}

function tripRow(label: string, gateway: string, trips: RoundTrips, extra = ""): string[] {
  return [label, gateway, int(trips.syncs), int(trips.apiCalls), bytes(trips.maxRequestBytes), bytes(trips.maxResponseBytes), bytes(trips.totalPayloadBytes), extra];
}

function officeSection(office: SectionEnvelope<OfficeResults>, targets: TargetRow[]): string {
  const data = office.data;
  const rows: string[][] = [];
  const validateRows: string[][] = [];
  let worstGap = 0;
  let maxPayload = 0;
  for (const size of data.sizes) {
    const gateways: Array<[string, GatewayRun | null]> = [
      ["OfficeGateway", size.real],
      ["naive (sync per row / flag)", size.naive],
    ];
    for (const [name, run] of gateways) {
      if (!run) {
        rows.push([int(size.rows), name, "not run", "", "", "", "", ""]);
        continue;
      }
      rows.push(tripRow(`${int(size.rows)}: read`, name, run.read));
      rows.push(tripRow(`${int(size.rows)}: show flags 1%`, name, run.show["1%"], `${int(run.show["1%"].cells)} cells`));
      rows.push(tripRow(`${int(size.rows)}: show flags 10%`, name, run.show["10%"], `${int(run.show["10%"].cells)} cells`));
      rows.push(tripRow(`${int(size.rows)}: clear flags (10%)`, name, run.clear));
      const summary = run.summary;
      if (summary === undefined || typeof summary === "string") rows.push([`${int(size.rows)}: write summary`, name, summary ?? "not measured", "", "", "", "", ""]);
      else rows.push(tripRow(`${int(size.rows)}: write summary`, name, summary, `${int(summary.sheets)} sheets, ${int(summary.cells)} cells`));
      for (const rate of ["1%", "10%"] as const) {
        const total = run.validateAndShow[rate];
        validateRows.push([
          int(size.rows),
          name,
          rate,
          int(total.syncs),
          bytes(total.totalPayloadBytes),
          int(total.allowedSyncs),
          bytes(total.maxPayloadBytes),
          total.syncs <= total.allowedSyncs ? "met" : `**${total.syncs - total.allowedSyncs} over**`,
        ]);
        if (name === "OfficeGateway") {
          worstGap = Math.max(worstGap, total.syncs - total.allowedSyncs);
          maxPayload = Math.max(maxPayload, total.maxPayloadBytes, run.clear.maxRequestBytes, run.clear.maxResponseBytes);
          if (run.summary !== undefined && typeof run.summary !== "string") {
            maxPayload = Math.max(maxPayload, run.summary.maxRequestBytes, run.summary.maxResponseBytes);
          }
        }
      }
    }
  }
  const realRows = data.sizes.map((size) => size.real.validateAndShow["10%"]);
  targets.push({
    target: "Syncs for validate (read) + show flags ≤ 4 + ceil(total payload / 4 MiB), any row count",
    measured: `${realRows.map((row) => `${row.syncs} vs ${row.allowedSyncs}`).join("; ")} (10% flagged, ${data.sizes.map((size) => int(size.rows)).join(" / ")} rows)`,
    status: worstGap <= 0 ? "met" : `**not met**: ${worstGap} sync(s) over at worst (see below)`,
  });
  targets.push({
    target: "No request or response over 4 MiB",
    measured: `largest: ${bytes(maxPayload)} (OfficeGateway, every operation and size)`,
    status: maxPayload <= PAYLOAD_TARGET_BYTES ? "met" : "**not met**",
  });
  const live = data.live.map((run) => [
    int(run.rows),
    run.edit,
    `${int(run.flagsBefore)} → ${int(run.flagsAfter)} (${int(run.marksChanged)} cells change)`,
    `${int(run.update.syncs)} / ${int(run.update.apiCalls)} / ${bytes(run.update.totalPayloadBytes)}`,
    `${int(run.showAll.syncs)} / ${int(run.showAll.apiCalls)} / ${bytes(run.showAll.totalPayloadBytes)}`,
    `${int(run.naiveClearAndShow.syncs)} / ${int(run.naiveClearAndShow.apiCalls)} / ${bytes(run.naiveClearAndShow.totalPayloadBytes)}`,
  ]);
  return [
    "## Office.js round trips (Microsoft's client library on the in-memory Excel)",
    "",
    loadNote(office),
    "",
    `Microsoft's Excel client library (@microsoft/office-js, loaded as office.js loads it) on tests/excel-host with Excel on the web's profile (payload limit ${mib(data.payloadLimitBytes)} per request and per response; OfficeGateway's own ceiling ${mib(data.gatewayMaxPayloadBytes)}; notes, ExcelApi 1.20). Syncs are the requests the library sent (its own release of kept references after a run is not counted), sizes are those of its RichApi messages, and "API calls" are the actions in them. OfficeGateway reads as the task pane does before showing flags (the snapshot, the waivers and the grid in the same syncs). Each run is checked: the snapshot read gives the same findings as the engine on the generated values (both gateways), and after showing, updating or clearing, the grid holds exactly one note and one formatted cell per flagged cell. Counts are deterministic (one run each); wall times are JavaScript only and not reported.`,
    "",
    table(["Operation", "Gateway", "Syncs", "API calls", "Largest request", "Largest response", "Total payload", ""], rows),
    "",
    "### Validate + show flags against the sync budget",
    "",
    table(["Rows", "Gateway", "Flagged", "Syncs", "Total payload", "Allowed syncs", "Largest payload", "Target"], validateRows),
    "",
    "### Live re-validation: what the gateway rewrites after a one-cell edit",
    "",
    "After a full validation and showFlags, one amount is changed on a clean budget line (an arithmetic finding appears, the section's subtotal no longer adds up, the cap's message changes). `updateFlags(previous, next)` against replacing everything; syncs / API calls / total payload.",
    "",
    table(["Rows", "Edit", "Flags", "updateFlags", "showFlags (all)", "naive clear + show"], live),
    "",
    `Write summary: ${data.summaryWriter}.`,
    "",
  ].join("\n");
}

function cliSection(cli: SectionEnvelope<CliResults>, targets: TargetRow[]): string {
  const rows = cli.data.sizes.map((size) => [
    size.label,
    `${int(size.budgetRows)} / ${int(size.memberRows)} / ${int(size.incomeRows)}`,
    bytes(size.fileBytes),
    int(size.findings),
    `${ms(size.cli.wallMedianMs)} / ${ms(size.cli.cpuMedianMs)}`,
    `${ms(size.excelJs.wallMedianMs)} / ${ms(size.excelJs.cpuMedianMs)}`,
    `${times(size.ratio)} / ${times(size.cpuRatio)}`,
    `${mib(size.cli.maxRssMedianKiB * 1024)} / ${mib(size.excelJs.maxRssMedianKiB * 1024)}`,
    `${ms(size.inProcess.readMs)} / ${ms(size.inProcess.validateMs)} / ${ms(size.inProcess.reportMs)}`,
    size.cli.exceljsLoaded ? "**yes**" : "no",
  ]);
  const target = cli.data.sizes.find((size) => size.budgetRows === 20_000) ?? cli.data.sizes[0]!;
  targets.push({
    target: `Command line on a 20,000-row budget + 5,000 members ≤ ${CLI_RATIO_TARGET}× a bare ExcelJS full load`,
    measured: `${times(target.ratio)} wall, ${times(target.cpuRatio)} CPU (${ms(target.cli.wallMedianMs)} vs ${ms(target.excelJs.wallMedianMs)} ms); peak memory ${times(target.memoryRatio)}`,
    status: target.ratio <= 1 ? "met (faster than ExcelJS alone)" : target.ratio <= CLI_RATIO_TARGET ? "met" : `**not met**: ${times(target.ratio / CLI_RATIO_TARGET)} over`,
  });
  if (target.floor && target.floorRatio !== undefined) {
    targets.push({
      target: `Command line on a 20,000-row budget + 5,000 members ≤ ${FLOOR_RATIO_TARGET}× the floor (inflate the parts, scan the sheet XML for cells)`,
      measured: `${times(target.floorRatio)} wall (${ms(target.cli.wallMedianMs)} vs ${ms(target.floor.wallMedianMs)} ms); our reader ${target.readerMBps?.toFixed(0) ?? "?"} MB/s of sheet XML in process`,
      status: target.floorRatio <= FLOOR_RATIO_TARGET ? "met" : `**not met**: ${times(target.floorRatio / FLOOR_RATIO_TARGET)} over (see below)`,
    });
  }
  const floorRows = cli.data.sizes
    .filter((size) => size.floor !== undefined)
    .map((size) => [
      size.label,
      bytes(size.sheetXmlBytes ?? 0),
      `${ms(size.floor!.wallMedianMs)} / ${ms(size.floor!.cpuMedianMs)}`,
      `${ms(size.cli.wallMedianMs)} / ${ms(size.cli.cpuMedianMs)}`,
      times(size.floorRatio ?? 0),
      `${mib(size.floor!.maxRssMedianKiB * 1024)} / ${mib(size.cli.maxRssMedianKiB * 1024)}`,
      `${ms(size.inProcess.readMs)} ms, ${(size.readerMBps ?? 0).toFixed(0)} MB/s`,
    ]);
  const loaded = cli.data.sizes.some((size) => size.cli.exceljsLoaded);
  targets.push({
    target: "A plain check (no --annotate) never loads ExcelJS",
    measured: `require hook in the child: exceljs ${loaded ? "loaded" : "not loaded"} in any run`,
    status: loaded ? "**not met**" : "met",
  });
  return [
    "## Command line",
    "",
    loadNote(cli),
    "",
    `\`node bin/alliance-check.js FILE --format json\` (after \`npm run build:cli\`) and a bare ExcelJS full load (\`new ExcelJS.Workbook().xlsx.load(buffer)\`, bench/excelLoad.ts), each in a child process started the same way, alternated, one untimed run each first. Wall time as seen by the parent (node start-up included in both), CPU time and peak memory (${cli.data.memorySource}). The file is written by ExcelJS from the generated workbook; the command line's JSON findings are checked equal to the engine's on the same file, and to the engine's on the generated values. In-process split: our reader / the engine / the JSON report, warm, median ms.`,
    "",
    table(
      ["Case", "Budget / members / income", "File", "Findings", "CLI wall / CPU ms", "ExcelJS wall / CPU ms", "Ratio wall / CPU", "Peak RSS CLI / ExcelJS", "Read / validate / report", "ExcelJS loaded by CLI"],
      rows,
    ),
    "",
    ...(floorRows.length === 0
      ? []
      : [
          "### Against the floor",
          "",
          "The floor (bench/floor.ts) is what no reader of the file can skip: read the file, inflate its XML parts with Node's zlib, and find the `<c` tags in the worksheets' XML — no values, namespaces, bounds or checks. It runs in a child process started as the command line is, alternated with it. Our reader's speed: the worksheets' XML bytes over its in-process read time (warm, median).",
          "",
          table(["Case", "Sheet XML", "Floor wall / CPU ms", "CLI wall / CPU ms", "CLI / floor", "Peak RSS floor / CLI", "Our reader"], floorRows),
          "",
        ]),
  ].join("\n");
}

function bundleSection(bundle: SectionEnvelope<BundleResults>, targets: TargetRow[]): string {
  const data = bundle.data;
  const initialRows = data.initial.map((entry) => [entry.file, bytes(entry.bytes), bytes(entry.gzipBytes)]);
  initialRows.push(["**total before first paint**", `**${bytes(data.initialBytes)}**`, `**${bytes(data.initialGzipBytes)}**`]);
  const libraryRows = data.libraries.map((library) => [
    library.name,
    library.chunks.length === 0 ? "not bundled" : library.chunks.map((chunk) => `${chunk.file} (${bytes(chunk.gzipBytes)} gz)`).join(", "),
    library.inInitial ? "**yes**" : "no",
  ]);
  targets.push({
    target: `Task pane JS/CSS before first paint ≤ 350 KB gzip (${int(BUNDLE_TARGET_BYTES)} bytes)`,
    measured: `${int(data.initialGzipBytes)} bytes gzip (${bytes(data.initialGzipBytes)}), ${bytes(data.initialBytes)} raw`,
    status: data.initialGzipBytes <= BUNDLE_TARGET_BYTES ? "met" : `**not met**: ${bytes(data.initialGzipBytes - BUNDLE_TARGET_BYTES)} over`,
  });
  const heavy = data.libraries.filter((library) => library.inInitial);
  targets.push({
    target: "ExcelJS (and the preview-only .xlsx reader / fflate) not in the initial chunks",
    measured: data.libraries.map((library) => `${library.name.split(" (")[0]}: ${library.chunks.map((chunk) => chunk.file).join(", ") || "absent"}`).join("; "),
    status: heavy.length === 0 ? "met" : `**not met**: ${heavy.map((library) => library.name).join(", ")} initial`,
  });
  return [
    "## Task pane bundle",
    "",
    loadNote(bundle),
    "",
    `Built: ${data.built}${data.buildMs === null ? "" : ` (${(data.buildMs / 1000).toFixed(0)} s)`}. Counted: the scripts and stylesheets taskpane.html names (the initial chunks), gzip by zlib at its default level. ${data.external.length > 0 ? `Not counted: ${data.external.join(", ")} (Microsoft's, from its CDN).` : ""} All JS chunks together: ${bytes(data.allJsGzipBytes)} gzip.`,
    "",
    table(["File", "Raw", "Gzip"], initialRows),
    "",
    "Where the .xlsx code went (from the source maps):",
    "",
    table(["Library", "Chunk", "Initial"], libraryRows),
    "",
  ].join("\n");
}

const ROUND_HEADING = "## A round of submissions (review)";

function roundSection(round: SectionEnvelope<RoundResults>, targets: TargetRow[]): string {
  const data = round.data;
  const seconds = (value: number): string => (value / 1000).toFixed(value >= 10_000 ? 0 : 1);
  const rss = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;
  const find = (submissions: number, out: boolean, jobs = data.cores) => data.reviews.find((run) => run.submissions === submissions && run.out === out && run.jobs === jobs);
  const at200 = find(200, false);
  const at2000 = find(2000, false);
  const out2000 = find(2000, true);
  const out200 = find(200, true);
  targets.push({
    target: `A round of 200 submissions: \`review\` ≥ ${ROUND_RATIO_TARGET}× faster than a shell loop of the single-file command (${data.cores} cores)`,
    measured: `${times(data.ratio)} (${seconds(data.loop.wallMs)} s vs ${seconds(data.review200.wallMs)} s, median of ${data.review200.runs})`,
    status: data.ratio >= ROUND_RATIO_TARGET ? "met" : `**not met**: ${times(ROUND_RATIO_TARGET / data.ratio)} short`,
  });
  const flat = at200 && at2000 ? at2000.maxRssKiB / at200.maxRssKiB : null;
  targets.push({
    target: `Memory flat as the round grows: peak RSS at 2,000 submissions ≤ ${ROUND_MEMORY_FACTOR}× at 200`,
    measured:
      at200 && at2000
        ? `${rss(at200.maxRssKiB)} at 200, ${rss(at2000.maxRssKiB)} at 2,000 (${flat!.toFixed(2)}×); with --out ${out200 ? rss(out200.maxRssKiB) : "—"} / ${out2000 ? rss(out2000.maxRssKiB) : "—"}`
        : "2,000 not measured (--quick)",
    status: flat === null ? "not measured" : flat <= ROUND_MEMORY_FACTOR ? "met" : `**not met**: ${flat.toFixed(2)}×`,
  });
  targets.push({
    target: "2,000 submissions finish",
    measured: at2000 ? `${seconds(at2000.wallMs)} s (JSON); ${out2000 ? `${seconds(out2000.wallMs)} s with the overview workbook` : ""}` : "not measured (--quick)",
    status: at2000 ? "met" : "not measured",
  });
  const rows = data.reviews.map((run) => [
    run === data.reviews[0] ? `review, median of ${data.review200.runs}` : "review",
    int(run.submissions),
    String(run.jobs),
    run.out ? "yes" : "no",
    seconds(run.wallMs),
    seconds(run.cpuMs),
    rss(run.maxRssKiB),
    ms(run.wallMs / run.submissions),
  ]);
  rows.unshift(["shell loop of `alliance-check FILE --format json`", int(data.loop.submissions), "1", "no", seconds(data.loop.wallMs), seconds(data.loop.cpuMs), rss(data.loop.maxRssKiB), ms(data.loop.wallMs / data.loop.submissions)]);
  return [
    ROUND_HEADING,
    "",
    loadNote(round),
    "",
    `${int(data.loop.submissions)} submissions of the generator's ${int(data.budgetRows)}-row size (${int(data.memberRows)} members, ${int(data.incomeRows)} income rows; a median file of ${bytes(data.fileBytes)}, written by ExcelJS), each alliance its own title, half of them FY115 and half FY116 of the same 100 alliances (${int(data.yearOverYearPairs)} year-over-year pairs). The shell loop runs \`node bin/alliance-check.js FILE --format json\` once per file (\`for f in DIR/*.xlsx; do …; done\` in bash); \`review DIR --format json --jobs N\` checks the same files on N worker threads in one process. The 50-file round is every fourth file, the 2,000-file round ten copies of the 200 in subfolders. Wall time as seen by the parent, CPU time and peak memory of the whole process tree from /usr/bin/time -v (the worker threads are in the one process). ${data.verified}.`,
    "",
    table(["Case", "Submissions", "Threads", "--out", "Wall s", "CPU s", "Peak RSS", "ms per submission"], rows),
    "",
    "Each worker thread loads the engine, the reader and the rule packs itself and warms up on its first files (about 0.3–0.5 s of CPU each), and the main thread gathers the rows: on a small round, or when other work holds the two cores (see the load average), one thread can finish first; the threads pay off as the round grows. Memory: a worker holds one submission at a time and the main thread only the rows, so peak memory stays flat from 50 to 2,000 submissions; with `--out`, ExcelJS builds the whole overview workbook in memory, so that part grows with the round's rows (the submissions' snapshots do not).",
    "",
  ].join("\n");
}

/**
 * Updates only the sections measured in this run inside the existing report (their blocks and
 * their rows of the targets table), for a run of some sections where the others' results are not
 * in build/bench/results (a fresh clone): the other sections stay as they were published.
 */
function spliceReport(existing: string, sections: { heading: string; text: string; before: string[]; targets: TargetRow[] }[]): string {
  let document = existing;
  const lines = (text: string) => text.split("\n");
  for (const section of sections) {
    const all = lines(document);
    const start = all.findIndex((line) => line === section.heading);
    const block = lines(section.text.trimEnd());
    if (start >= 0) {
      let end = all.findIndex((line, index) => index > start && line.startsWith("## "));
      if (end < 0) end = all.length;
      all.splice(start, end - start, ...block, "");
    } else {
      let at = all.findIndex((line) => section.before.includes(line));
      if (at < 0) at = all.length;
      all.splice(at, 0, ...block, "");
    }
    // Its rows of the targets table: replaced where they were, else before the first of `before`'s.
    const targetLines = section.targets.map((row) => `| ${row.target} | ${row.measured} | ${row.status} |`);
    const names = new Set(section.targets.map((row) => `| ${row.target} |`));
    const kept = all.filter((line) => ![...names].some((name) => line.startsWith(name)));
    const tableStart = kept.findIndex((line) => line.startsWith("| Target |"));
    let tableEnd = tableStart;
    while (tableEnd + 1 < kept.length && kept[tableEnd + 1]!.startsWith("|")) tableEnd += 1;
    const bundleRow = kept.findIndex((line, index) => index > tableStart && index <= tableEnd && line.startsWith("| Task pane JS/CSS"));
    kept.splice(bundleRow >= 0 ? bundleRow : tableEnd + 1, 0, ...targetLines);
    document = kept.join("\n");
  }
  return document;
}

export function writeReport(): string {
  const engine = readSection<EngineResults>("engine");
  const office = readSection<OfficeResults>("office");
  const cli = readSection<CliResults>("cli");
  const bundle = readSection<BundleResults>("bundle");
  const round = readSection<RoundResults>("round");
  const file = path.join(ROOT, "docs", "benchmarks.md");
  if ((!engine || !office || !cli || !bundle) && round && fs.existsSync(file)) {
    const roundTargets: TargetRow[] = [];
    const text = roundSection(round, roundTargets);
    fs.writeFileSync(file, spliceReport(fs.readFileSync(file, "utf8"), [{ heading: ROUND_HEADING, text, before: ["## Task pane bundle", "## Gaps, and what closing them would take"], targets: roundTargets }]));
    return file;
  }
  const info = machine();
  const targets: TargetRow[] = [];
  const sections = [
    engine ? engineSection(engine, targets) : "## Engine\n\nNot measured in this run.\n",
    office ? officeSection(office, targets) : "## Office.js round trips\n\nNot measured in this run.\n",
    cli ? cliSection(cli, targets) : "## Command line\n\nNot measured in this run.\n",
    round ? roundSection(round, targets) : `${ROUND_HEADING}\n\nNot measured in this run.\n`,
    bundle ? bundleSection(bundle, targets) : "## Task pane bundle\n\nNot measured in this run.\n",
  ];
  const notesFile = path.join(ROOT, "bench", "notes.md");
  const notes = fs.existsSync(notesFile) ? fs.readFileSync(notesFile, "utf8").trim() : "";
  const document = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` (bench/, scripts/bench.js) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand (the notes at the end come from bench/notes.md).`,
    "",
    "| Machine | |",
    "| --- | --- |",
    `| CPU | ${info.cpu} |`,
    `| Cores | ${info.cores} |`,
    `| Memory | ${info.memoryGiB} GiB |`,
    `| Node | ${info.node} (${info.platform}) |`,
    "",
    "The machine is shared (two cores, other test runs alongside), so every section states the load average it ran under, times are medians after warm-up (≥ 5 samples), and the engine's times are given both as wall time and as process CPU time (steadier under load). Workbooks are generated (bench/generate.ts) at 100, 1,000, 10,000 and 100,000 budget rows with members and income at a fifth of that: a title above the budget header, category sections closed by subtotals and a grand total, pay lines, equipment, self-funded lines, checksum-valid tax IDs, foreign and free members, income of two years; 1% of the data rows (10% for the flag measures) break one rule each, and every run checks that exactly those rows were flagged.",
    "",
    "## Targets",
    "",
    table(["Target", "Measured", "Status"], targets.map((row) => [row.target, row.measured, row.status])),
    "",
    ...sections,
    notes,
    "",
  ].join("\n");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, document);
  return file;
}
