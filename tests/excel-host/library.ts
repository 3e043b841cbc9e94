/**
 * Microsoft's Excel client library, exactly as shipped in @microsoft/office-js, loaded into the
 * current JavaScript realm the way office.js loads it in a task pane: as a global script (so
 * `Excel`, `Office` and `OfficeExtension` are globals, as the add-in expects), after the host
 * has put its native bridge at `window._richApiNativeBridge`. The library's own HostBridge picks
 * the bridge up while it loads, and from then on `Excel.run` sends every batch as a RichApi
 * request message over it and receives answers and events the same way — the channel Office's
 * native hosts use. Nothing of the library is replaced: the host answers what it sends.
 *
 * What the host supplies besides the bridge is what office.js would have received from the host
 * at start-up: `Office.context` (requirement sets through the library's own RequirementMatrix,
 * platform, display language, document URL).
 */
import { readFileSync } from "fs";
import * as path from "path";
import { addNotesToLibrary } from "./notesExtension";

/** The debug builds are the same code, readable. */
export type LibraryFile = "excel-web-16.00.debug.js" | "excel-win32-16.01.debug.js" | "excel-mac-16.00.debug.js";

const DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");

const sources = new Map<LibraryFile, string>();

function librarySource(file: LibraryFile): string {
  let source = sources.get(file);
  if (source === undefined) {
    source = readFileSync(path.join(DIST, file), "utf8");
    sources.set(file, source);
  }
  return source;
}

/** The part of the native bridge the library talks to (OfficeExtension.HostBridge). */
export interface NativeBridge {
  sendMessageToHost(messageText: string): void;
  /** Set by the library when it picks the bridge up. */
  onMessageFromHost?: (messageText: string) => void;
}

export interface OfficeContextInfo {
  /** Requirement sets and their highest versions, e.g. { excelapi: "1.17" } (names lower-case). */
  requirementSets: Record<string, string>;
  platform: "PC" | "Mac" | "OfficeOnline";
  displayLanguage: string;
  documentUrl: string;
}

export interface LoadedLibrary {
  Excel: typeof Excel;
  Office: typeof Office;
  OfficeExtension: typeof OfficeExtension;
  /** Removes every global the library and this loader created. */
  unload(): void;
}

type Globals = Record<string, unknown>;

/**
 * Loads `file` with `bridge` as the host's native bridge. Only one library is loaded at a time:
 * loading again replaces the globals (a fresh library with no state from an earlier host).
 */
export function loadExcelLibrary(file: LibraryFile, bridge: NativeBridge, info: OfficeContextInfo): LoadedLibrary {
  const global = globalThis as unknown as Globals;
  const before = new Set(Object.getOwnPropertyNames(global));
  const provided: string[] = [];
  const provide = (name: string, value: unknown): void => {
    if (name in global) return;
    global[name] = value;
    provided.push(name);
  };
  // In a browser (jsdom) these exist; under Node the library only needs them to be there.
  provide("window", globalThis);
  provide("navigator", { userAgent: "Node.js", language: info.displayLanguage });
  provide("document", {
    readyState: "complete",
    getElementsByTagName: () => [],
    createElement: () => ({ style: {}, setAttribute() {}, appendChild() {} }),
    addEventListener() {},
    removeEventListener() {},
  });
  global._richApiNativeBridge = bridge;

  // Indirect eval: the library's top-level `var`s become globals of this realm, as with a script tag.
  (0, eval)(librarySource(file));

  const OSF = global.OSF as { _OfficeAppFactory?: unknown } | undefined;
  const OfficeExt = global.OfficeExt as {
    Requirement: {
      RequirementMatrix: new (setMap: unknown) => { isSetSupported(name: string, version?: string): boolean };
      DefaultSetRequirement: new (sets: Record<string, string>) => unknown;
    };
  };
  if (!OSF || !OfficeExt) throw new Error(`${file} did not define OSF and OfficeExt`);
  const requirements = new OfficeExt.Requirement.RequirementMatrix(
    new OfficeExt.Requirement.DefaultSetRequirement({ ...info.requirementSets })
  );
  const context = {
    requirements,
    platform: info.platform,
    displayLanguage: info.displayLanguage,
    contentLanguage: info.displayLanguage,
    host: "Excel",
    diagnostics: { host: "Excel", platform: info.platform, version: "16.0" },
    document: { url: info.documentUrl, mode: "readWrite" },
  };
  // What office.js's loader provides after the host's handshake (office.js: OSF._OfficeAppFactory).
  OSF._OfficeAppFactory = {
    getContext: () => context,
    getHostInfo: () => ({ hostType: "excel", hostPlatform: info.platform, isDialog: false }),
    getId: () => "",
  };

  const library = global as unknown as {
    Excel?: typeof Excel;
    Office?: typeof Office;
    OfficeExtension?: typeof OfficeExtension;
  };
  if (!library.Excel || !library.Office || !library.OfficeExtension) throw new Error(`${file} did not define Excel`);
  // The npm build predates ExcelApi 1.18; the CDN's has notes (see notesExtension.ts).
  addNotesToLibrary(library.Excel, library.OfficeExtension);
  return {
    Excel: library.Excel,
    Office: library.Office,
    OfficeExtension: library.OfficeExtension,
    unload: () => {
      for (const name of Object.getOwnPropertyNames(global)) {
        if (!before.has(name)) Reflect.deleteProperty(global, name);
      }
      for (const name of provided) Reflect.deleteProperty(global, name);
      Reflect.deleteProperty(global, "_richApiNativeBridge");
    },
  };
}
