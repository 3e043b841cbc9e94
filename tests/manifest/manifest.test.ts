import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { itWithTool, toolAvailable } from "../helpers/tools";

interface ManifestValidation {
  validateManifest(
    manifestPath: string,
    options?: { assetsRoot?: string; schemaDir?: string; xmllint?: string; requireXmllint?: boolean },
  ): { errors: string[]; skipped: string[] };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script, also run as `npm run validate`
const { validateManifest } = require("../../scripts/validate-manifest.js") as ManifestValidation;

const repoRoot = path.resolve(__dirname, "..", "..");
const manifestPath = path.join(repoRoot, "manifest.xml");
const manifest = fs.readFileSync(manifestPath, "utf8");
const itWithXmllint = itWithTool("xmllint");

let tempDir: string;
beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
});
afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/** Writes a variant of the real manifest and validates it with the repo's icons. */
function validateVariant(name: string, edit: (xml: string) => string): string[] {
  const edited = edit(manifest);
  expect(edited).not.toBe(manifest); // the edit must have matched something
  const file = path.join(tempDir, `${name}.xml`);
  fs.writeFileSync(file, edited);
  return validateManifest(file, { assetsRoot: repoRoot }).errors;
}

function moveRequirementsAfterDefaultSettings(xml: string): string {
  const requirements = /\n\s*<Requirements>[\s\S]*?<\/Requirements>/.exec(xml)?.[0] ?? "";
  return xml.replace(requirements, "").replace(/(<\/DefaultSettings>)/, `$1${requirements}`);
}

describe("manifest.xml", () => {
  it("passes every check", () => {
    const { errors, skipped } = validateManifest(manifestPath);
    expect(errors).toEqual([]);
    // Only the schema check can be skipped, and only where xmllint is missing (never in CI).
    expect(skipped).toEqual(toolAvailable("xmllint") ? [] : [expect.stringMatching(/^schema: xmllint is not installed.*apt-get install libxml2-utils/)]);
  });

  it("is checked against the schemas in the repository (scripts/manifest-schemas), nothing beside it", () => {
    const schemas = path.join(repoRoot, "scripts", "manifest-schemas");
    for (const file of ["OfficeAppManifestV1_1.xsd", "OfficeAppBasicTypesV1_0.xsd", "TaskPaneAppVersionOverridesV1_0.xsd", "README.md"]) {
      expect(fs.existsSync(path.join(schemas, file))).toBe(true);
    }
    expect(validateManifest(manifestPath, { schemaDir: schemas }).errors).toEqual([]);
  });

  it("without xmllint: the schema check is skipped with what to install, or an error when tools are required", () => {
    const xmllint = path.join(tempDir, "not-installed", "xmllint");
    const relaxed = validateManifest(manifestPath, { xmllint, requireXmllint: false });
    expect(relaxed.errors.filter((error) => error.startsWith("schema:"))).toEqual([]);
    expect(relaxed.skipped).toEqual([expect.stringMatching(/^schema: xmllint is not installed.*`apt-get install libxml2-utils`/)]);
    const strict = validateManifest(manifestPath, { xmllint, requireXmllint: true });
    expect(strict.errors).toContainEqual(expect.stringMatching(/^schema: xmllint is required \(ALLIANCE_CHECK_REQUIRE_TOOLS=1\)/));
    expect(strict.skipped).toEqual([]);
  });

  it("targets Excel with the ribbon button that opens the task pane", () => {
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.9"\/>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">\s*(?:<!--[\s\S]*?-->\s*)?<TaskpaneId>Office\.AutoShowTaskpaneWithDocument<\/TaskpaneId>/);
    expect(manifest).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane\.html"\/>/);
  });
});

describe("validateManifest catches", () => {
  it.each<[string, (xml: string) => string, RegExp]>([
    [
      "a resid missing from <Resources>",
      (xml) => xml.replace('<Label resid="TaskpaneButton.Label"/>', '<Label resid="TaskpaneButton.Missing"/>'),
      /resid "TaskpaneButton\.Missing" is not defined in <Resources>/,
    ],
    [
      "a resid pointing at the wrong kind of resource",
      (xml) => xml.replace('<Label resid="CommandsGroup.Label"/>', '<Label resid="Taskpane.Url"/>'),
      /resid "Taskpane\.Url" is a <bt:Urls> resource but <Label> needs one from <bt:ShortStrings>/,
    ],
    [
      "an http URL",
      (xml) => xml.replace("https://localhost:3000/commands.html", "http://localhost:3000/commands.html"),
      /"http:\/\/localhost:3000\/commands\.html" must use https/,
    ],
    [
      "<Requirements> after <DefaultSettings>",
      moveRequirementsAfterDefaultSettings,
      /element order: <Requirements> \(line \d+\) must come before <DefaultSettings>/,
    ],
    [
      "a missing icon file",
      (xml) => xml.replace("assets/icon-80.png", "assets/icon-81.png"),
      /icon "https:\/\/localhost:3000\/assets\/icon-81\.png" refers to assets\/icon-81\.png, which does not exist/,
    ],
    [
      "an icon of the wrong size",
      (xml) => xml.replace(/(<bt:Image id="Icon\.80x80" DefaultValue="[^"]*)icon-80\.png/, "$1icon-64.png"),
      /icon assets\/icon-64\.png is 64×64, expected 80×80/,
    ],
    [
      "no ExcelApi requirement",
      (xml) => xml.replace('<Set Name="ExcelApi" MinVersion="1.9"/>', '<Set Name="WordApi" MinVersion="1.3"/>'),
      /does not require the ExcelApi set/,
    ],
    [
      "a string without English text",
      (xml) => xml.replace('\n          <bt:Override Locale="en-US" Value="Open Check"/>', ""),
      /"TaskpaneButton\.Label" has no en-US text/,
    ],
    [
      "a display name without English text",
      (xml) => xml.replace('\n    <Override Locale="en-US" Value="Alliance Check"/>', ""),
      /<DisplayName> \(line \d+\) has no en-US text/,
    ],
  ])("%s", (name, edit, expected) => {
    const errors = validateVariant(name.replace(/\W+/g, "-"), edit);
    expect(errors.join("\n")).toMatch(expected);
  });

  itWithXmllint("schema violations, through xmllint", () => {
    const errors = validateVariant("schema", (xml) => xml.replace("<Version>1.0.0.0</Version>", "<Version>one</Version>"));
    expect(errors.some((error) => error.startsWith("schema:") && error.includes("Version"))).toBe(true);
  });

  it("XML that is not well formed, also through office-addin-manifest", () => {
    const errors = validateVariant("truncated", (xml) => xml.slice(0, xml.indexOf("<VersionOverrides")));
    expect(errors.join("\n")).toMatch(/not well-formed XML/);
    expect(errors.join("\n")).toMatch(/office-addin-manifest info failed/);
  });

  it("a missing schema folder, with a hint", () => {
    const errors = validateManifest(manifestPath, { schemaDir: path.join(tempDir, "no-schemas") }).errors;
    expect(errors).toEqual([expect.stringMatching(/OfficeAppManifestV1_1\.xsd not found.*MANIFEST_SCHEMAS_DIR/)]);
  });
});
