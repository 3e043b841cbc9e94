/**
 * No network, no external links followed: a workbook pointing at a server (external workbook
 * links, an external sheet part, a linked image, hyperlinks) or at a local file that would
 * block anyone reading it (a FIFO) is checked and annotated without a single request or read;
 * the code that runs outside the task pane imports nothing that can reach a network; the task
 * pane's Content-Security-Policy lets scripts and connections come only from itself and
 * Microsoft's office.js CDN.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import * as path from "path";
import { patchZip } from "../layouts/fixtures";
import { runMain, STACK_TRACE } from "../hostile/cli";

const ROOT = path.join(__dirname, "..", "..");
const dir = mkdtempSync(path.join(tmpdir(), "alliance-net-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

describe("links to the outside are never followed", () => {
  let server: Server;
  let requests: string[] = [];
  let base = "";
  const fifo = path.join(dir, "blocks-whoever-reads.xlsx");

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end("PK");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    execFileSync("mkfifo", [fifo]);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    requests = [];
  });

  /** The corpus's hidden.xlsx with every kind of external reference added. */
  function linkedWorkbook(): string {
    const source = new Uint8Array(readFileSync(path.join(ROOT, "tests", "hostile", "corpus", "hidden.xlsx")));
    const data = patchZip(source, (files) => {
      const rels = files["xl/_rels/workbook.xml.rels"] as string;
      files["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>",
        `<Relationship Id="rIdExt1" Type="${REL}/externalLink" Target="externalLinks/externalLink1.xml"/>` +
          `<Relationship Id="rIdExt2" Type="${REL}/customXml" Target="${base}/custom.xml" TargetMode="External"/>` +
          `<Relationship Id="rIdExt3" Type="${REL}/sharedStrings" Target="file://${fifo}" TargetMode="External"/></Relationships>`,
      );
      files["xl/externalLinks/externalLink1.xml"] =
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Budget"/></sheetNames></externalBook></externalLink>';
      files["xl/externalLinks/_rels/externalLink1.xml.rels"] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="${base}/other-workbook.xlsx" TargetMode="External"/></Relationships>`;
      files["xl/workbook.xml"] = (files["xl/workbook.xml"] as string).replace("</sheets>", '</sheets><externalReferences><externalReference r:id="rIdExt1"/></externalReferences>');
      // A hyperlink and a linked (not embedded) image on the plan sheet.
      const plan = files["xl/worksheets/sheet1.xml"] as string;
      files["xl/worksheets/sheet1.xml"] = plan.replace(/<pageMargins/, '<hyperlinks><hyperlink ref="A1" r:id="rIdLink"/></hyperlinks><pageMargins').replace("</worksheet>", '<drawing r:id="rIdDrawing"/></worksheet>');
      files["xl/worksheets/_rels/sheet1.xml.rels"] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="${base}/click" TargetMode="External"/><Relationship Id="rIdDrawing" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`;
      files["xl/drawings/drawing1.xml"] =
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><xdr:oneCellAnchor><xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="100000" cy="100000"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="Linked"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip r:link="rIdImage"/></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>';
      files["xl/drawings/_rels/drawing1.xml.rels"] =
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImage" Type="${REL}/image" Target="${base}/tracking.png" TargetMode="External"/></Relationships>`;
      files["[Content_Types].xml"] = (files["[Content_Types].xml"] as string).replace(
        "</Types>",
        '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>',
      );
    });
    const file = path.join(dir, "linked.xlsx");
    writeFileSync(file, data);
    return file;
  }

  it.each([
    ["text", [] as string[]],
    ["json", ["--format", "json"]],
    ["--annotate --summary", ["--annotate", path.join(dir, "linked-annotated.xlsx"), "--summary"]],
  ])("%s: checked without a request or a read", async (_, args) => {
    const run = await runMain(linkedWorkbook(), "--lang", "en", ...args);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    expect(requests).toEqual([]);
  });

  it("an external sheet part is a missing part, not a download", async () => {
    const source = new Uint8Array(readFileSync(path.join(ROOT, "tests", "hostile", "corpus", "hidden.xlsx")));
    const data = patchZip(source, (files) => {
      files["xl/_rels/workbook.xml.rels"] = (files["xl/_rels/workbook.xml.rels"] as string).replace(
        /Target="worksheets\/sheet2\.xml"/,
        `Target="${base}/sheet2.xml" TargetMode="External"`,
      );
    });
    const file = path.join(dir, "external-sheet.xlsx");
    writeFileSync(file, data);
    const run = await runMain(file, "--lang", "en");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/damaged or incomplete/);
    expect(requests).toEqual([]);
  });

  it("the annotated copy keeps the person's external links as they were and creates none", async () => {
    const out = path.join(dir, "linked-annotated-2.xlsx");
    const input = linkedWorkbook();
    const run = await runMain(input, "--lang", "en", "--annotate", out);
    expect(run.stderr).toBe(`Annotated copy written: ${out}\n`);
    expect(execFileSync("unzip", ["-Z1", out], { encoding: "utf8" })).toContain("xl/externalLinks/externalLink1.xml");
    // The person's own links stay as they were; nothing of ours is external.
    const externals = (file: string) =>
      [...execFileSync("unzip", ["-p", file, "*.rels"], { encoding: "utf8" }).matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((match) => match[1]).sort();
    expect(externals(out)).toEqual(externals(input));
    expect(externals(out)).toContain(`${base}/click`);
    expect(requests).toEqual([]);
  });
});

describe("no network code outside the task pane", () => {
  // The task pane and its browser preview (src/workbook/preview) load the bundled sample from
  // their own origin, which the CSP below allows; everything else never needs a network.
  const FOLDERS = ["cli", "engine", "report", "rules", "layouts", "workbook/xlsx", "workbook/office"];
  const FORBIDDEN = /from\s+"(?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process)"|require\(\s*"(?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process)"\s*\)|\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource/;

  function sources(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) return sources(file);
      return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && statSync(file).isFile() ? [file] : [];
    });
  }

  it("imports nothing that reaches a network or starts a process, and never calls fetch", () => {
    const files = FOLDERS.flatMap((folder) => sources(path.join(ROOT, "src", folder)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => FORBIDDEN.test(readFileSync(file, "utf8"))).map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});

describe("the task pane's Content-Security-Policy", () => {
  const CDN = "https://appsforoffice.microsoft.com";

  function policy(html: string): Map<string, string[]> {
    const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(content).toBeDefined();
    return new Map(
      content!
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name!, values]),
    );
  }

  it.each(["src/taskpane/taskpane.html", "src/commands/commands.html"])("%s: scripts and connections only from itself and office.js's CDN", (file) => {
    const html = readFileSync(path.join(ROOT, file), "utf8");
    const csp = policy(html);
    for (const directive of ["script-src", "connect-src"]) expect(csp.get(directive)?.sort()).toEqual(["'self'", CDN].sort());
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
    for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(match[1]!.startsWith(`${CDN}/`) || !/^[a-z]+:/i.test(match[1]!)).toBe(true);
  });
});
