#!/usr/bin/env node
"use strict";
/**
 * Offline validation of the add-in's XML manifest (`npm run validate`).
 *
 * `office-addin-manifest validate` posts the manifest to a Microsoft web service, which CI cannot
 * reach, so this runs instead:
 *  1. xmllint against Microsoft's XSD schemas in scripts/manifest-schemas (their origin and
 *     licence: scripts/manifest-schemas/README.md); without xmllint this check is skipped with a
 *     line saying what to install, unless ALLIANCE_CHECK_REQUIRE_TOOLS=1 (CI) makes it an error;
 *  2. our own checks of what the schemas do not catch (or explain badly): element order,
 *     every `resid` defined in <Resources> with the right kind, https URLs, icon files present with
 *     the declared pixel size, an ExcelApi requirement, zh-TW and en-US text for every string;
 *  3. `office-addin-manifest info`, which parses the manifest the way Office's tools do.
 *
 *   node scripts/validate-manifest.js [manifest.xml ...] [--assets DIR]
 *
 * Icon URLs under the task pane's folder URL (DefaultSettings/SourceLocation) are looked up as files
 * under the assets root: by default the manifest's folder (the repo for manifest.xml, dist/ for the
 * built one).
 */
const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..");
const SCHEMA_ENTRY = "OfficeAppManifestV1_1.xsd";
const REQUIRED_LOCALES = ["zh-TW", "en-US"];
const REQUIRED_API_SET = "ExcelApi";

/** The <OfficeApp> children of a task-pane add-in, in the order Office requires. */
const TOP_LEVEL_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "AllowSnapshot",
  "Dictionary",
  "VersionOverrides",
];

/** Which <Resources> group a `resid` must point into, by the referring element's name. */
const RESOURCE_KIND_BY_REFERENCE = {
  Image: "Images",
  FunctionFile: "Urls",
  SourceLocation: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};
const RESOURCE_GROUPS = ["Images", "Urls", "ShortStrings", "LongStrings"];
const MAX_RESID_LENGTH = 32;

/** Pixel sizes Office expects for the top-level icons. */
const TOP_LEVEL_ICON_SIZES = { IconUrl: 32, HighResolutionIconUrl: 64 };

const XMLLINT_INSTALL = "apt-get install libxml2-utils";

function defaultSchemaDir() {
  return process.env.MANIFEST_SCHEMAS_DIR || path.join(__dirname, "manifest-schemas");
}

/** CI sets ALLIANCE_CHECK_REQUIRE_TOOLS=1: there a missing xmllint is an error, not a skipped check. */
function toolsRequired() {
  return process.env.ALLIANCE_CHECK_REQUIRE_TOOLS === "1";
}

// ---------------------------------------------------------------------------------------------
// A minimal XML reader: enough for a manifest (elements, attributes, text, comments, CDATA).
// xmllint has the final word on well-formedness; this only has to build a tree to inspect.

class XmlSyntaxError extends Error {}

const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body) => {
    if (body[0] === "#") {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[body] ?? whole;
  });
}

function localName(qualifiedName) {
  const colon = qualifiedName.indexOf(":");
  return colon === -1 ? qualifiedName : qualifiedName.slice(colon + 1);
}

const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const SKIPPED = [
  ["<?", "?>"],
  ["<!--", "-->"],
  ["<!DOCTYPE", ">"],
];

/**
 * @typedef {{ name: string, local: string, attributes: Record<string, string>,
 *             children: XmlElement[], parent: XmlElement | null, text: string, line: number }} XmlElement
 */

/** @returns {XmlElement} the root element */
function parseXml(source) {
  /** @type {XmlElement} */
  const documentNode = { name: "#document", local: "#document", attributes: {}, children: [], parent: null, text: "", line: 0 };
  let current = documentNode;
  let position = 0;
  let line = 1;
  const advanceTo = (next) => {
    for (let i = position; i < next; i++) if (source.charCodeAt(i) === 10) line++;
    position = next;
  };

  while (position < source.length) {
    const lt = source.indexOf("<", position);
    if (lt === -1) {
      current.text += decodeEntities(source.slice(position));
      advanceTo(source.length);
      break;
    }
    if (lt > position) {
      current.text += decodeEntities(source.slice(position, lt));
      advanceTo(lt);
    }
    const skipped = SKIPPED.find(([open]) => source.startsWith(open, position));
    if (skipped) {
      const end = source.indexOf(skipped[1], position + skipped[0].length);
      if (end === -1) throw new XmlSyntaxError(`line ${line}: unterminated ${skipped[0]}`);
      advanceTo(end + skipped[1].length);
      continue;
    }
    if (source.startsWith("<![CDATA[", position)) {
      const end = source.indexOf("]]>", position);
      if (end === -1) throw new XmlSyntaxError(`line ${line}: unterminated CDATA section`);
      current.text += source.slice(position + 9, end);
      advanceTo(end + 3);
      continue;
    }
    END_TAG.lastIndex = position;
    const endMatch = END_TAG.exec(source);
    if (endMatch) {
      if (endMatch[1] !== current.name) {
        throw new XmlSyntaxError(`line ${line}: </${endMatch[1]}> closes <${current.name}>`);
      }
      current = current.parent ?? documentNode;
      advanceTo(END_TAG.lastIndex);
      continue;
    }
    START_TAG.lastIndex = position;
    const startMatch = START_TAG.exec(source);
    if (!startMatch) throw new XmlSyntaxError(`line ${line}: malformed tag`);
    /** @type {Record<string, string>} */
    const attributes = {};
    for (const [, name, doubleQuoted, singleQuoted] of startMatch[2].matchAll(ATTRIBUTE)) {
      attributes[name] = decodeEntities(doubleQuoted ?? singleQuoted ?? "");
    }
    /** @type {XmlElement} */
    const element = {
      name: startMatch[1],
      local: localName(startMatch[1]),
      attributes,
      children: [],
      parent: current,
      text: "",
      line,
    };
    current.children.push(element);
    if (startMatch[3] !== "/") current = element;
    advanceTo(START_TAG.lastIndex);
  }
  if (current !== documentNode) throw new XmlSyntaxError(`<${current.name}> (line ${current.line}) is never closed`);
  const root = documentNode.children[0];
  if (!root || documentNode.children.length > 1) throw new XmlSyntaxError("expected exactly one root element");
  root.parent = null;
  return root;
}

function childrenNamed(element, local) {
  return element ? element.children.filter((child) => child.local === local) : [];
}

function firstChild(element, local) {
  return childrenNamed(element, local)[0];
}

function* descendants(element) {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

function attribute(element, localAttributeName) {
  const key = Object.keys(element.attributes).find((name) => localName(name) === localAttributeName);
  return key === undefined ? undefined : element.attributes[key];
}

function describe(element) {
  return `<${element.name}> (line ${element.line})`;
}

// ---------------------------------------------------------------------------------------------
// Our checks. Each pushes readable messages onto `errors` rather than throwing.

function checkRootAndOrder(root, errors) {
  if (root.local !== "OfficeApp") {
    errors.push(`the root element is <${root.name}>, expected <OfficeApp>`);
    return;
  }
  if (attribute(root, "type") !== "TaskPaneApp") {
    errors.push(`<OfficeApp> has xsi:type="${attribute(root, "type") ?? ""}", expected "TaskPaneApp"`);
  }
  let previous;
  for (const child of root.children) {
    const rank = TOP_LEVEL_ORDER.indexOf(child.local);
    if (rank === -1) continue; // unknown elements are the schema's business
    if (previous && rank < TOP_LEVEL_ORDER.indexOf(previous.local)) {
      errors.push(
        `element order: ${describe(child)} must come before <${previous.local}> (line ${previous.line}); ` +
          `Office refuses a manifest whose elements are out of order (<Requirements> goes after <Hosts>, before <DefaultSettings>)`
      );
    } else {
      previous = child;
    }
  }
}

function checkRequirements(root, errors) {
  const requirements = firstChild(root, "Requirements");
  if (!requirements) {
    errors.push(`no <Requirements>: declare <Sets><Set Name="${REQUIRED_API_SET}" MinVersion="…"/></Sets> between <Hosts> and <DefaultSettings>`);
    return;
  }
  const sets = childrenNamed(firstChild(requirements, "Sets"), "Set");
  const apiSet = sets.find((set) => attribute(set, "Name") === REQUIRED_API_SET);
  if (!apiSet) {
    errors.push(`${describe(requirements)} does not require the ${REQUIRED_API_SET} set: add <Set Name="${REQUIRED_API_SET}" MinVersion="…"/>`);
  } else if (!/^\d+\.\d+$/.test(attribute(apiSet, "MinVersion") ?? "")) {
    errors.push(`${describe(apiSet)}: ${REQUIRED_API_SET} needs a MinVersion such as "1.9"`);
  }
}

function localesOf(element, defaultLocale) {
  const overrides = childrenNamed(element, "Override").map((override) => attribute(override, "Locale") ?? "");
  return [defaultLocale, ...overrides].map((locale) => locale.toLowerCase());
}

function checkLocales(root, resourceStrings, errors) {
  const defaultLocale = (firstChild(root, "DefaultLocale")?.text ?? "").trim();
  if (!defaultLocale) return; // the schema reports a missing DefaultLocale
  const localized = [
    ...["DisplayName", "Description"].map((name) => firstChild(root, name)).filter(Boolean),
    ...resourceStrings,
  ];
  for (const element of localized) {
    const present = localesOf(element, defaultLocale);
    for (const locale of REQUIRED_LOCALES) {
      if (!present.includes(locale.toLowerCase())) {
        const label = attribute(element, "id") ? `${describe(element)} "${attribute(element, "id")}"` : describe(element);
        errors.push(`${label} has no ${locale} text: add <Override Locale="${locale}" Value="…"/> (default locale is ${defaultLocale})`);
      }
    }
  }
}

/** @returns {Map<string, {group: string, element: XmlElement}>} resource id → definition */
function collectResources(root, errors) {
  const resources = new Map();
  const versionOverrides = firstChild(root, "VersionOverrides");
  const resourcesElement = firstChild(versionOverrides, "Resources");
  for (const group of RESOURCE_GROUPS) {
    for (const element of firstChild(resourcesElement, group)?.children ?? []) {
      if (element.local === "Override") continue;
      const id = attribute(element, "id");
      if (!id) continue;
      const existing = resources.get(id);
      if (existing) {
        errors.push(`resource id "${id}" is defined twice: ${describe(existing.element)} and ${describe(element)}`);
        continue;
      }
      resources.set(id, { group, element });
    }
  }
  return resources;
}

function checkResourceReferences(root, resources, errors) {
  for (const element of descendants(root)) {
    const resid = attribute(element, "resid");
    if (resid === undefined) continue;
    if (resid.length > MAX_RESID_LENGTH) {
      errors.push(`${describe(element)}: resid "${resid}" is longer than ${MAX_RESID_LENGTH} characters, which Office rejects`);
    }
    const definition = resources.get(resid);
    if (!definition) {
      errors.push(`${describe(element)}: resid "${resid}" is not defined in <Resources>`);
      continue;
    }
    const expectedGroup = RESOURCE_KIND_BY_REFERENCE[element.local];
    if (expectedGroup && definition.group !== expectedGroup) {
      errors.push(
        `${describe(element)}: resid "${resid}" is a <bt:${definition.group}> resource but <${element.local}> needs one from <bt:${expectedGroup}>`
      );
    }
  }
}

/** Every value of a locale-aware URL setting: DefaultValue plus each Override's Value. */
function urlValues(element) {
  const values = [];
  const defaultValue = attribute(element, "DefaultValue");
  if (defaultValue !== undefined) values.push({ element, value: defaultValue });
  for (const override of childrenNamed(element, "Override")) {
    const value = attribute(override, "Value");
    if (value !== undefined) values.push({ element: override, value });
  }
  return values;
}

function parseUrl(value) {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function checkUrls(root, resources, errors) {
  const urlSettings = [
    ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((name) => firstChild(root, name)),
    firstChild(firstChild(root, "DefaultSettings"), "SourceLocation"),
    ...[...resources.values()].filter((resource) => resource.group === "Images" || resource.group === "Urls").map((resource) => resource.element),
  ].filter(Boolean);
  const reported = new Set();
  const report = (element, value, problem) => {
    const key = `${element.line}\n${value}`;
    if (!reported.has(key)) errors.push(`${describe(element)}: "${value}" ${problem}`);
    reported.add(key);
  };
  const httpsOnly = "must use https (Office loads add-in content over https only)";

  for (const { element, value } of urlSettings.flatMap(urlValues)) {
    const url = parseUrl(value);
    if (!url) report(element, value, "is not an absolute URL");
    else if (url.protocol !== "https:") report(element, value, httpsOnly);
  }
  for (const domain of childrenNamed(firstChild(root, "AppDomains"), "AppDomain")) {
    const url = parseUrl(domain.text.trim());
    if (!url || url.protocol !== "https:") report(domain, domain.text.trim(), "must be an https origin");
  }
  // Anything else that looks like a plain-http link (a namespace is a name, not a link).
  for (const element of [root, ...descendants(root)]) {
    for (const [name, value] of Object.entries(element.attributes)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      if (/^\s*http:\/\//i.test(value)) report(element, value, httpsOnly);
    }
    if (/^\s*http:\/\//i.test(element.text)) report(element, element.text.trim(), httpsOnly);
  }
}

function pngSize(file) {
  const header = Buffer.alloc(24);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, 24, 0);
  } finally {
    fs.closeSync(fd);
  }
  const signature = "89504e470d0a1a0a";
  if (header.subarray(0, 8).toString("hex") !== signature || header.subarray(12, 16).toString("ascii") !== "IHDR") return undefined;
  return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
}

function checkIcons(root, resources, assetsRoot, errors) {
  const sourceLocation = firstChild(firstChild(root, "DefaultSettings"), "SourceLocation");
  const taskpaneUrl = parseUrl(sourceLocation ? attribute(sourceLocation, "DefaultValue") ?? "" : "");
  if (!taskpaneUrl) return; // reported by the URL check or the schema
  // The folder the task pane is served from stands for the assets root (it may be a sub-path).
  const addinBase = new URL(".", taskpaneUrl);

  /** @type {{element: XmlElement, value: string, size: number | undefined}[]} */
  const icons = [];
  for (const [name, size] of Object.entries(TOP_LEVEL_ICON_SIZES)) {
    const element = firstChild(root, name);
    if (element) icons.push(...urlValues(element).map((entry) => ({ ...entry, size })));
  }
  // A ribbon image's size is declared where it is used: <bt:Image size="16" resid="…"/>.
  /** @type {Map<string, Set<number>>} */
  const sizesByResid = new Map();
  for (const element of descendants(root)) {
    const resid = attribute(element, "resid");
    const size = Number(attribute(element, "size"));
    if (element.local !== "Image" || !resid || !size) continue;
    if (!sizesByResid.has(resid)) sizesByResid.set(resid, new Set());
    sizesByResid.get(resid).add(size);
  }
  for (const [id, resource] of resources) {
    if (resource.group !== "Images") continue;
    const sizes = sizesByResid.has(id) ? [...sizesByResid.get(id)] : [undefined];
    for (const entry of urlValues(resource.element)) icons.push(...sizes.map((size) => ({ ...entry, size })));
  }

  const assetsDir = path.resolve(assetsRoot);
  for (const { element, value, size } of icons) {
    const url = parseUrl(value);
    if (!url) continue; // reported by the URL check
    if (url.origin !== addinBase.origin || !url.pathname.startsWith(addinBase.pathname)) {
      errors.push(`${describe(element)}: icon "${value}" is not served by the add-in (${addinBase.href}), so it cannot be checked`);
      continue;
    }
    const file = path.resolve(assetsDir, decodeURIComponent(url.pathname.slice(addinBase.pathname.length)));
    const relative = path.relative(assetsDir, file);
    if (relative.startsWith("..") || path.isAbsolute(relative)) {
      errors.push(`${describe(element)}: icon "${value}" points outside ${assetsDir}`);
      continue;
    }
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      errors.push(`${describe(element)}: icon "${value}" refers to ${relative}, which does not exist in ${assetsDir}`);
      continue;
    }
    const actual = pngSize(file);
    if (!actual) {
      errors.push(`${describe(element)}: icon ${relative} is not a PNG file`);
    } else if (size && (actual.width !== size || actual.height !== size)) {
      errors.push(`${describe(element)}: icon ${relative} is ${actual.width}×${actual.height}, expected ${size}×${size}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// External tools.

function checkSchema(manifestPath, schemaDir, xmllint, requireXmllint, errors, skipped) {
  const entry = path.join(schemaDir, SCHEMA_ENTRY);
  if (!fs.existsSync(entry)) {
    errors.push(
      `schema: ${entry} not found. The schemas are in scripts/manifest-schemas in the repository; ` +
        `set MANIFEST_SCHEMAS_DIR to use another folder`
    );
    return;
  }
  const result = childProcess.spawnSync(xmllint, ["--noout", "--nonet", "--schema", entry, manifestPath], { encoding: "utf8" });
  if (result.error) {
    if (result.error.code !== "ENOENT") errors.push(`schema: xmllint failed: ${result.error.message}`);
    else if (requireXmllint) errors.push(`schema: xmllint is required (ALLIANCE_CHECK_REQUIRE_TOOLS=1) but not installed: ${XMLLINT_INSTALL}`);
    else skipped.push(`schema: xmllint is not installed, so the XSD check did not run. Install it with \`${XMLLINT_INSTALL}\`.`);
    return;
  }
  if (result.status === 0) return;
  // One message per "file:line:" line; parser errors add a source line and a caret, kept with it.
  const messages = [];
  for (const lineText of `${result.stderr}\n${result.stdout}`.split("\n")) {
    if (!lineText.trim() || / (validates|fails to validate)$/.test(lineText)) continue;
    if (lineText.startsWith(`${manifestPath}:`) || messages.length === 0) messages.push(lineText.trim());
    else messages[messages.length - 1] += `\n      ${lineText}`;
  }
  if (messages.length === 0) messages.push(`xmllint exited with status ${result.status}`);
  for (const message of messages) errors.push(`schema: ${message}`);
}

function checkOfficeAddinManifestInfo(manifestPath, errors) {
  let cli;
  try {
    cli = path.join(path.dirname(require.resolve("office-addin-manifest/package.json")), "cli.js");
  } catch {
    errors.push("office-addin-manifest: the package is not installed (it is a devDependency: run npm ci)");
    return;
  }
  const result = childProcess.spawnSync(process.execPath, [cli, "info", manifestPath], { encoding: "utf8" });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim();
  if (result.status !== 0) {
    errors.push(`office-addin-manifest info failed: ${output || result.error?.message || `exit status ${result.status}`}`);
    return;
  }
  if (!/^\s*Type: TaskPaneApp\s*$/m.test(output)) errors.push(`office-addin-manifest info did not read a TaskPaneApp:\n${output}`);
  if (!/^\s*Hosts: .*\bWorkbook\b/m.test(output)) errors.push(`office-addin-manifest info found no Workbook host:\n${output}`);
}

// ---------------------------------------------------------------------------------------------

/**
 * Validates an XML add-in manifest offline.
 * @param {string} manifestPath
 * @param {{ assetsRoot?: string, schemaDir?: string, xmllint?: string, requireXmllint?: boolean }} [options]
 *   assetsRoot: folder that icon URL paths are resolved against (default: the manifest's folder);
 *   schemaDir: the XSD folder (default: $MANIFEST_SCHEMAS_DIR or scripts/manifest-schemas);
 *   xmllint: the xmllint command (default: xmllint on the PATH); requireXmllint: a missing xmllint is an error rather than a skipped check (default: true
 *   when ALLIANCE_CHECK_REQUIRE_TOOLS=1).
 * @returns {{ errors: string[], skipped: string[] }} empty `errors` when the manifest is valid
 *   as far as it was checked; `skipped` names the checks that could not run, and why
 */
function validateManifest(manifestPath, options = {}) {
  const assetsRoot = options.assetsRoot ?? path.dirname(path.resolve(manifestPath));
  const schemaDir = options.schemaDir ?? defaultSchemaDir();
  const xmllint = options.xmllint ?? "xmllint";
  const requireXmllint = options.requireXmllint ?? toolsRequired();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const skipped = [];

  let source;
  try {
    source = fs.readFileSync(manifestPath, "utf8");
  } catch (error) {
    return { errors: [`cannot read ${manifestPath}: ${error.message}`], skipped };
  }

  checkSchema(manifestPath, schemaDir, xmllint, requireXmllint, errors, skipped);

  let root;
  try {
    root = parseXml(source.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    errors.push(`not well-formed XML: ${error.message}`);
  }
  if (root) {
    checkRootAndOrder(root, errors);
    checkRequirements(root, errors);
    const resources = collectResources(root, errors);
    checkResourceReferences(root, resources, errors);
    const strings = [...resources.values()]
      .filter((resource) => resource.group === "ShortStrings" || resource.group === "LongStrings")
      .map((resource) => resource.element);
    checkLocales(root, strings, errors);
    checkUrls(root, resources, errors);
    checkIcons(root, resources, assetsRoot, errors);
  }

  checkOfficeAddinManifestInfo(manifestPath, errors);
  return { errors, skipped };
}

function main(argv) {
  const files = [];
  let assetsRoot;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--assets") assetsRoot = argv[++i];
    else if (argv[i] === "--help" || argv[i] === "-h") {
      process.stdout.write("usage: node scripts/validate-manifest.js [manifest.xml ...] [--assets DIR]\n");
      return 0;
    } else files.push(argv[i]);
  }
  if (files.length === 0) files.push(path.join(REPO_ROOT, "manifest.xml"));

  let failed = false;
  for (const file of files) {
    const { errors, skipped } = validateManifest(file, assetsRoot ? { assetsRoot } : {});
    const shown = path.relative(process.cwd(), path.resolve(file)) || file;
    for (const notice of skipped) process.stderr.write(`! ${shown}: ${notice}\n`);
    if (errors.length === 0 && skipped.length > 0) {
      process.stdout.write(`✓ ${shown}: valid as far as checked (${skipped.length} check${skipped.length === 1 ? "" : "s"} skipped, above)\n`);
    } else if (errors.length === 0) {
      process.stdout.write(`✓ ${shown}: valid (schema, element order, resources, https URLs, icons, ${REQUIRED_API_SET} requirement, ${REQUIRED_LOCALES.join("/")} text, office-addin-manifest)\n`);
    } else {
      failed = true;
      process.stderr.write(`✗ ${shown}: ${errors.length} problem${errors.length === 1 ? "" : "s"}\n`);
      for (const error of errors) process.stderr.write(`  - ${error}\n`);
    }
  }
  return failed ? 1 : 0;
}

module.exports = { validateManifest };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
