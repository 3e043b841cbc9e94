/**
 * The task pane's production bundle: the bytes Excel loads before the first paint (the scripts
 * and stylesheets taskpane.html names: the initial chunks), raw and gzipped, and in which chunk
 * the .xlsx libraries ended up (they must be loaded lazily, never in that initial set).
 * Builds with webpack in production mode into build/bench/webpack (dist/ is left to others).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { log, ROOT } from "./results";

export interface Asset {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleResults {
  outputDir: string;
  built: string;
  buildMs: number | null;
  initial: Asset[];
  /** Scripts taskpane.html loads from elsewhere (office.js from Microsoft's CDN): not ours, not counted. */
  external: string[];
  initialBytes: number;
  initialGzipBytes: number;
  /** Library → the chunks holding its modules, and whether any of them is initial. */
  libraries: Array<{ name: string; pattern: string; chunks: Asset[]; inInitial: boolean }>;
  allJsGzipBytes: number;
}

const LIBRARIES: Array<{ name: string; pattern: RegExp }> = [
  { name: "exceljs", pattern: /node_modules\/exceljs\// },
  { name: "fflate", pattern: /node_modules\/fflate\// },
  { name: "our .xlsx reader (src/workbook/xlsx/read*.ts)", pattern: /src\/workbook\/xlsx\/read[^/]*\.ts$/ },
  { name: "our annotated-copy writer (src/workbook/xlsx/annotate.ts)", pattern: /src\/workbook\/xlsx\/annotate\.ts$/ },
];

function newestInput(): number {
  let newest = 0;
  const visit = (target: string): void => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target)) visit(path.join(target, entry));
    } else if (!/\.test\.tsx?$/.test(target)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of ["src", "assets", "webpack.config.js", "package-lock.json", "tsconfig.json", "manifest.xml"]) visit(path.join(ROOT, input));
  return newest;
}

function asset(dir: string, file: string): Asset {
  const data = fs.readFileSync(path.join(dir, file));
  return { file, bytes: data.length, gzipBytes: zlib.gzipSync(data).length };
}

/** An attribute's value: quoted or not (html-webpack-plugin minifies quotes away). */
function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

/** Script src and stylesheet href attributes of an HTML page: what loads before the first paint. */
export function initialAssets(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const tag = match[0];
    if (match[1]!.toLowerCase() === "script") {
      const src = attribute(tag, "src");
      if (src) found.push(src);
    } else if ((attribute(tag, "rel") ?? "").toLowerCase() === "stylesheet") {
      const href = attribute(tag, "href");
      if (href) found.push(href);
    }
  }
  return found;
}

/**
 * `reuseDist`: measure dist/ when it is newer than every input. Off by default: dist/ is shared
 * with the browser tests and may hold a development build or a mix of builds.
 */
export async function bundleBench(reuseDist = false): Promise<BundleResults> {
  const dist = path.join(ROOT, "dist");
  const distHtml = path.join(dist, "taskpane.html");
  let outputDir: string;
  let built: string;
  let buildMs: number | null = null;
  const reusable = fs.existsSync(distHtml) && fs.statSync(distHtml).mtimeMs > newestInput() && fs.readdirSync(dist).some((file) => file.endsWith(".js.map"));
  if (reuseDist && reusable) {
    outputDir = dist;
    built = "reused dist/ (newer than every input)";
  } else {
    outputDir = path.join(ROOT, "build", "bench", "webpack");
    log("bundle: npx webpack --mode production (into build/bench/webpack)");
    const started = performance.now();
    const result = spawnSync("npx", ["webpack", "--mode", "production", "--output-path", outputDir], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    buildMs = performance.now() - started;
    if (result.status !== 0) throw new Error(`webpack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    built = "npx webpack --mode production --output-path build/bench/webpack";
  }

  const html = fs.readFileSync(path.join(outputDir, "taskpane.html"), "utf8");
  const referenced = initialAssets(html);
  const external = referenced.filter((src) => /^(https?:)?\/\//i.test(src));
  const initial = referenced.filter((src) => !external.includes(src)).map((src) => asset(outputDir, src.replace(/^\.?\//, "").split("?")[0]!));

  const jsFiles = fs.readdirSync(outputDir).filter((file) => file.endsWith(".js"));
  const sourcesOf = new Map<string, string[]>();
  for (const file of jsFiles) {
    const map = path.join(outputDir, `${file}.map`);
    sourcesOf.set(file, fs.existsSync(map) ? ((JSON.parse(fs.readFileSync(map, "utf8")) as { sources?: string[] }).sources ?? []) : []);
  }
  const initialFiles = new Set(initial.map((entry) => entry.file));
  const libraries = LIBRARIES.map(({ name, pattern }) => {
    const chunks = jsFiles.filter((file) => (sourcesOf.get(file) ?? []).some((source) => pattern.test(source))).map((file) => asset(outputDir, file));
    return { name, pattern: pattern.source, chunks, inInitial: chunks.some((chunk) => initialFiles.has(chunk.file)) };
  });
  return {
    outputDir: path.relative(ROOT, outputDir),
    built,
    buildMs,
    initial,
    external,
    initialBytes: initial.reduce((sum, entry) => sum + entry.bytes, 0),
    initialGzipBytes: initial.reduce((sum, entry) => sum + entry.gzipBytes, 0),
    libraries,
    allJsGzipBytes: jsFiles.reduce((sum, file) => sum + asset(outputDir, file).gzipBytes, 0),
  };
}
