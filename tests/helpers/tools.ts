/**
 * Programs outside npm that some tests need. A machine with only Node runs everything else and
 * says, once per missing program, what to install; CI sets ALLIANCE_CHECK_REQUIRE_TOOLS=1, which
 * makes a missing program fail the run instead, so nothing CI is meant to check is skipped there.
 *
 * The global setup (tests/helpers/globalSetup.ts) probes once and leaves the answers in the
 * environment, which the test workers inherit: each line is printed once, not once per file.
 */
import { spawnSync } from "child_process";

export type Tool = "soffice" | "xmllint";

interface ToolInfo {
  /** What the person reads. */
  label: string;
  command: string;
  versionArgs: string[];
  /** Debian's package, as .ci/run installs it. */
  install: string;
  /** What is skipped without it. */
  skipped: string;
}

export const TOOLS: Readonly<Record<Tool, ToolInfo>> = {
  soffice: {
    label: "LibreOffice (soffice)",
    command: "soffice",
    versionArgs: ["--version"],
    install: "apt-get install libreoffice-calc-nogui",
    skipped: "the tests that open our files in a second spreadsheet program are skipped",
  },
  xmllint: {
    label: "xmllint",
    command: "xmllint",
    versionArgs: ["--version"],
    install: "apt-get install libxml2-utils",
    skipped: "the manifest's XSD schema test is skipped",
  },
};

export const REQUIRE_TOOLS_ENV = "ALLIANCE_CHECK_REQUIRE_TOOLS";

function cacheKey(tool: Tool): string {
  return `ALLIANCE_CHECK_HAS_${tool.toUpperCase()}`;
}

export function toolsRequired(): boolean {
  return process.env[REQUIRE_TOOLS_ENV] === "1";
}

export function missingToolLine(tool: Tool): string {
  const info = TOOLS[tool];
  return `${info.label} is not installed: ${info.skipped}. Install it with \`${info.install}\`.`;
}

export function requiredToolMessage(tool: Tool): string {
  const info = TOOLS[tool];
  return `${info.label} is required (${REQUIRE_TOOLS_ENV}=1) but not installed: ${info.install}`;
}

function probe(tool: Tool): boolean {
  const info = TOOLS[tool];
  return spawnSync(info.command, info.versionArgs, { stdio: "ignore", timeout: 60_000 }).status === 0;
}

/**
 * Whether `tool` runs here. The first answer in a process tree is kept in the environment; the
 * line about a missing tool is printed by whoever probes first (normally the global setup).
 */
export function toolAvailable(tool: Tool): boolean {
  const known = process.env[cacheKey(tool)];
  if (known === "1" || known === "0") return known === "1";
  const available = probe(tool);
  process.env[cacheKey(tool)] = available ? "1" : "0";
  if (!available) {
    if (toolsRequired()) throw new Error(requiredToolMessage(tool));
    process.stderr.write(`${missingToolLine(tool)}\n`);
  }
  return available;
}

/** `describe` when `tool` is installed, else `describe.skip`. */
export function describeWithTool(tool: Tool): jest.Describe {
  return toolAvailable(tool) ? describe : describe.skip;
}

/** `it` when `tool` is installed, else `it.skip`. */
export function itWithTool(tool: Tool): jest.It {
  return toolAvailable(tool) ? it : it.skip;
}
