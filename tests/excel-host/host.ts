/**
 * The in-memory Excel under Microsoft's client library. `ExcelHost.start(profile)` loads the
 * library for the profile's platform (library.ts) with this host as its native bridge; from
 * then on the add-in's own code — `Excel.run`, proxies, `load`/`sync`, `Office.context` — is
 * Microsoft's, and every batch reaches `handleRequest` as a RichApi request message, measured as
 * the text it travels as, executed (executor.ts) and answered the way a native host answers:
 * asynchronously, with the library's response format and Excel's error codes. Events
 * (worksheets.onChanged) go back through the library's own event path: coalesced messages of
 * RichApi event entries, carrying `source` (Local/Remote) and, from ExcelApi 1.14, `triggerSource`.
 *
 * What the host records for tests: every request (bytes both ways, actions, the error), the
 * user's undo stack, workbooks opened with Application.createWorkbook.
 */
import { type CellRect, formatRect, parseArea } from "./address";
import { apiNotFound, HostError } from "./errors";
import { executeRequest, ReferenceTable, type RequestBody, type ResponseBody } from "./executor";
import { type LoadedLibrary, loadExcelLibrary, type NativeBridge } from "./library";
import { type HostProfile, PROFILES, type ProfileId, requirementSets } from "./profiles";
import type { ExecutionContext, PendingChange } from "./spec";
import { ExcelWorkbook, type ModelSheet, type ModelValue } from "./workbook";

export interface ExcelHostOptions {
  profile?: ProfileId | HostProfile;
  /**
   * Where the library runs. Default: in this realm (the library is loaded here, with this host as
   * its native bridge). `{ deliver }`: elsewhere (a browser page): the host answers through
   * `deliver(messageText)`, and whoever carries the page's messages calls `receive(messageText)`.
   */
  library?: "in-process" | { deliver: (messageText: string) => void };
  /** Office.context.displayLanguage (default "zh-TW"). */
  displayLanguage?: string;
  documentUrl?: string;
  /** Overrides the profile's payload limit (bytes; null for none), e.g. to exercise chunking on small data. */
  payloadLimitBytes?: number | null;
  oversizedResponse?: HostProfile["oversizedResponse"];
}

/** One request the library sent, as the host saw it. */
export interface RequestRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  flags: number;
  /** The error code the request ended with, if any. */
  failed?: string;
  /** Only `_RemoveReference` actions: the library releasing kept objects after an Excel.run (not a sync of the add-in's). */
  cleanup: boolean;
  /** Changed the workbook. */
  wrote: boolean;
  /** Waited for the user to leave cell-edit mode (delayForCellEdit). */
  delayed: boolean;
}

/** A later request made to fail: Excel runs `afterActions` of its actions, keeps them, and gives up with `code`. */
export interface InjectedFailure {
  /** Which request fails, counted from now: 1 = the next one (cleanup requests are not counted). */
  nth: number;
  code?: HostError["code"];
  afterActions?: number;
}

interface BridgeMessage {
  id?: number;
  type: number;
  flags?: number;
  message?: { body?: unknown };
}

const encoder = new TextEncoder();
const utf8 = (text: string): number => encoder.encode(text).length;

/** Request flag 64: "delay for cell edit" (sent when the host reports the DelayForCellEdit set). */
const DELAY_FOR_CELL_EDIT = 64;
/** RichApi event entries: message category 65536, worksheet Changed = event type 10 (WorksheetCollection.onChanged). */
const EVENT_CATEGORY = 65536;
const CHANGED_EVENT = 10;

export class ExcelHost {
  readonly profile: HostProfile;
  readonly workbook = new ExcelWorkbook();
  readonly requests: RequestRecord[] = [];
  /** The user's undo stack, oldest first (descriptions). */
  readonly undoStack: string[] = [];
  readonly createdWorkbooks: string[] = [];
  readonly registrations = new Set<string>();
  readonly references = new ReferenceTable();
  /** The library loaded in this realm; null when it runs elsewhere. */
  readonly library: LoadedLibrary | null;
  readonly displayLanguage: string;
  readonly documentUrl: string;
  /** Errors thrown inside the host while answering (a bug in the host, never an Excel error). */
  readonly hostErrors: unknown[] = [];
  /** The longest address string a request passed to getRange or getRanges. */
  longestAddress = 0;

  private readonly payloadLimit: number | null;
  private readonly oversizedResponse: HostProfile["oversizedResponse"];
  private readonly bridge: NativeBridge;
  private readonly deliver: (messageText: string) => void;
  private inFlight = 0;
  private cellEditMode = false;
  private readonly held: Array<() => void> = [];
  private readonly pendingEvents: unknown[][] = [];
  private eventTimer: ReturnType<typeof setTimeout> | null = null;
  private nextEventId = 1;
  private requestSerial = 0;
  private readonly injected: Array<{ at: number; code: HostError["code"]; afterActions: number }> = [];
  private stopped = false;

  private constructor(options: ExcelHostOptions) {
    const profile = options.profile ?? "m365-windows";
    this.profile = typeof profile === "string" ? PROFILES[profile] : profile;
    this.payloadLimit =
      options.payloadLimitBytes !== undefined ? options.payloadLimitBytes : this.profile.payloadLimitBytes;
    this.oversizedResponse = options.oversizedResponse ?? this.profile.oversizedResponse;
    this.bridge = { sendMessageToHost: (text) => this.receive(text) };
    this.displayLanguage = options.displayLanguage ?? "zh-TW";
    this.documentUrl =
      options.documentUrl ?? "https://contoso.sharepoint.com/sites/alliance/Shared%20Documents/%E7%B6%93%E8%B2%BB.xlsx";
    const library = options.library ?? "in-process";
    if (library === "in-process") {
      this.deliver = (text) => this.bridge.onMessageFromHost?.(text);
      this.library = loadExcelLibrary(this.profile.library, this.bridge, {
        requirementSets: requirementSets(this.profile),
        platform: this.profile.platform,
        displayLanguage: this.displayLanguage,
        documentUrl: this.documentUrl,
      });
    } else {
      this.deliver = library.deliver;
      this.library = null;
    }
  }

  /** Loads Microsoft's library for `profile` and makes this host answer it. Call `stop()` afterwards. */
  static start(options: ExcelHostOptions = {}): ExcelHost {
    return new ExcelHost(options);
  }

  /** Unloads the library (its globals) and stops answering. */
  stop(): void {
    this.stopped = true;
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.library?.unload();
  }

  /** The requirement sets the host reports (lower-case names), e.g. for a page's GetContext. */
  get requirementSets(): Record<string, string> {
    return requirementSets(this.profile);
  }

  /** Requests the add-in made (not the library's cleanup after a run). */
  get syncCount(): number {
    return this.requests.filter((request) => !request.cleanup).length;
  }

  /** Requests the add-in made, without cleanups. */
  get syncs(): RequestRecord[] {
    return this.requests.filter((request) => !request.cleanup);
  }

  resetCounters(): void {
    this.requests.length = 0;
  }

  injectFailure(failure: InjectedFailure): void {
    if (!Number.isInteger(failure.nth) || failure.nth < 1) throw new Error("nth counts requests from 1");
    this.injected.push({
      at: this.requestSerial + failure.nth,
      code: failure.code ?? "GeneralException",
      afterActions: failure.afterActions ?? 0,
    });
  }

  /** Resolves once no request is being answered and no event is waiting to be delivered. */
  async settle(): Promise<void> {
    let quiet = 0;
    while (quiet < 3) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      quiet = this.inFlight === 0 && this.eventTimer === null ? quiet + 1 : 0;
    }
  }

  // ----- the person at the keyboard (and co-authors) -----

  readonly user = {
    /**
     * Types or pastes `rows` at `topLeft`: strings are taken as typed text, then onChanged fires
     * (one event for the block; a single cell's carries valueBefore/valueAfter from ExcelApi 1.9).
     */
    edit: (
      sheetName: string,
      topLeft: string,
      rows: ModelValue[][],
      options: { source?: "Local" | "Remote" } = {}
    ): void => {
      const sheet = this.workbook.sheet(sheetName);
      const { rect: start } = parseArea(topLeft);
      const before = this.workbook.cellAt(sheet, start.top, start.left)?.value ?? null;
      rows.forEach((row, r) =>
        row.forEach((value, c) => {
          const [rowIndex, column] = [start.top + r, start.left + c];
          if (typeof value === "string") this.workbook.enterText(sheet, rowIndex, column, value);
          else this.workbook.writeValue(sheet, rowIndex, column, value);
        })
      );
      const width = Math.max(1, ...rows.map((row) => row.length));
      const rect = { ...start, bottom: start.top + Math.max(rows.length, 1) - 1, right: start.left + width - 1 };
      const source = options.source ?? "Local";
      // A co-author's edit is not on this user's undo stack.
      if (source === "Local") this.undoStack.push(`edit ${sheet.name}!${formatRect(rect)}`);
      const single = rect.top === rect.bottom && rect.left === rect.right;
      const after = this.workbook.cellAt(sheet, rect.top, rect.left)?.value ?? null;
      this.queueChanged(sheet, rect, source, "Unknown", single ? { before, after } : undefined);
    },
    /** Starts editing a cell (F2): requests without delayForCellEdit fail, the others wait. */
    beginCellEdit: (): void => {
      this.cellEditMode = true;
    },
    /** Commits the cell edit; waiting requests run. */
    endCellEdit: (): void => {
      this.cellEditMode = false;
      for (const run of this.held.splice(0)) run();
    },
    /** Ctrl+Z: the description of what it undid, or null when the stack is empty. */
    undo: (): string | null => this.undoStack.pop() ?? null,
  };

  // ----- the bridge -----

  /** A message from the library (in this realm through the bridge; from a page, by its carrier). */
  receive(text: string): void {
    if (this.stopped) return;
    const message = JSON.parse(text) as BridgeMessage;
    if (message.type !== 1) return;
    this.inFlight += 1;
    // A native host answers on a later turn of the event loop.
    setTimeout(() => {
      try {
        this.handleRequest(message);
      } catch (error) {
        this.hostErrors.push(error);
        this.respond(message, 500, { error: { code: "GeneralException", message: String(error) } });
      } finally {
        this.inFlight -= 1;
      }
    }, 0);
  }

  private respond(message: BridgeMessage, statusCode: number, body: unknown, bodyText = JSON.stringify(body)): void {
    if (this.stopped) return;
    const answer = { id: message.id, type: 2, message: { statusCode, headers: {}, body: bodyText } };
    this.deliver(JSON.stringify(answer));
  }

  private handleRequest(message: BridgeMessage): void {
    const flags = message.flags ?? 0;
    const body = (message.message?.body ?? { Actions: [], ObjectPaths: {} }) as RequestBody;
    const requestText = JSON.stringify(body);
    const actions = body.Actions ?? [];
    const cleanup =
      actions.some((a) => a.Name === "_RemoveReference") &&
      actions.every((a) => a.ActionType === 1 || a.Name === "_RemoveReference");
    const record: RequestRecord = {
      requestBytes: utf8(requestText),
      responseBytes: 0,
      actions: actions.length,
      flags,
      cleanup,
      wrote: false,
      delayed: false,
    };

    if (this.cellEditMode) {
      if (flags & DELAY_FOR_CELL_EDIT) {
        // Waits for the user, not for the host: not "in flight" for settle().
        this.held.push(() => {
          this.handleRequest(message);
          const last = this.requests[this.requests.length - 1];
          if (last) last.delayed = true;
        });
        return;
      }
      this.requests.push({ ...record, failed: "InvalidOperationInCellEditMode" });
      this.respond(message, 200, {
        Results: [],
        Error: {
          Code: "InvalidOperationInCellEditMode",
          Message:
            "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
          HttpStatusCode: 400,
          ActionIndex: 0,
          Location: "",
        },
      } satisfies ResponseBody);
      return;
    }

    this.requests.push(record);
    if (!cleanup) this.requestSerial += 1;
    for (const path of Object.values(body.ObjectPaths ?? {})) {
      const address = path.ArgumentInfo?.Arguments?.[0];
      if ((path.Name === "GetRanges" || path.Name === "GetRange") && typeof address === "string") {
        this.longestAddress = Math.max(this.longestAddress, address.length);
      }
    }
    if (this.payloadLimit !== null && record.requestBytes > this.payloadLimit) {
      record.failed = "RequestPayloadSizeLimitExceeded";
      this.respond(message, 400, {
        error: {
          code: "RequestPayloadSizeLimitExceeded",
          message: `The request payload size (${record.requestBytes} bytes) has exceeded the limit (${this.payloadLimit} bytes).`,
        },
      });
      return;
    }
    const injectedAt = cleanup ? -1 : this.injected.findIndex((failure) => failure.at === this.requestSerial);
    const injected = injectedAt < 0 ? undefined : this.injected.splice(injectedAt, 1)[0];

    const changes: PendingChange[] = [];
    let wrote = false;
    let undoable = true;
    const context: ExecutionContext = {
      workbook: this.workbook,
      profile: this.profile,
      requireApi: (member, since) => {
        if (since !== undefined && since > this.profile.excelApi) throw apiNotFound(member, since);
      },
      dataChanged: (sheet, rect) => changes.push({ sheet, rect }),
      wrote: (canUndo = true) => {
        wrote = true;
        if (!canUndo) undoable = false;
      },
      registrations: this.registrations,
      createdWorkbooks: this.createdWorkbooks,
    };
    const outcome = executeRequest(body, context, this.references, injected);
    record.wrote = wrote;
    if (outcome.body.Error) record.failed = outcome.body.Error.Code;
    this.afterWrites(wrote, undoable, changes);

    let responseText = JSON.stringify(outcome.body);
    record.responseBytes = utf8(responseText);
    if (this.payloadLimit !== null && record.responseBytes > this.payloadLimit) {
      if (this.oversizedResponse === "error") {
        // The actions ran; only their answer is refused.
        record.failed = "ResponsePayloadSizeLimitExceeded";
        this.respond(message, 400, {
          error: {
            code: "ResponsePayloadSizeLimitExceeded",
            message: `The response payload size (${record.responseBytes} bytes) has exceeded the limit (${this.payloadLimit} bytes).`,
          },
        });
        return;
      }
      // Seen on the web: an over-limit read answered with null values instead of an error.
      responseText = JSON.stringify(outcome.body, (key, value: unknown) =>
        key === "Values" || key === "ValueTypes" || key === "Formulas" || key === "NumberFormat" || key === "Text"
          ? null
          : value
      );
      record.responseBytes = utf8(responseText);
    }
    this.respond(message, 200, null, responseText);
  }

  /** Undo stack and events after a request that wrote. */
  private afterWrites(wrote: boolean, undoable: boolean, changes: PendingChange[]): void {
    if (wrote) {
      // Hosts without API undo clear the user's undo stack when an add-in writes; with it, the
      // APIs the undo page lists (Worksheet.delete, protection, …) still clear it.
      if (this.profile.undoKeepsApiWrites && undoable) this.undoStack.push("add-in change");
      else this.undoStack.length = 0;
    }
    for (const change of changes) this.queueChanged(change.sheet, change.rect, "Local", "ThisLocalAddin");
  }

  private queueChanged(
    sheet: ModelSheet,
    rect: CellRect,
    source: "Local" | "Remote",
    triggerSource: "Unknown" | "ThisLocalAddin",
    details?: { before: ModelValue; after: ModelValue }
  ): void {
    if (!this.workbook.enableEvents) return;
    const targets = ["Workbook", sheet.id].filter((target) => this.registrations.has(`${CHANGED_EVENT}:${target}`));
    const args: Record<string, unknown> = {
      changeType: "RangeEdited",
      source,
      worksheetId: sheet.id,
      address: formatRect(rect),
      shiftDirection: "None",
      // WorksheetChangedEventArgs.triggerSource: ExcelApi 1.14.
      ...(this.profile.excelApi >= 14 ? { triggerSource } : {}),
      ...(details ? { valueBefore: plain(details.before), valueAfter: plain(details.after) } : {}),
    };
    for (const target of targets) {
      this.pendingEvents.push([EVENT_CATEGORY, CHANGED_EVENT, target, JSON.stringify(args), this.nextEventId]);
      this.nextEventId += 1;
    }
    if (this.pendingEvents.length > 0 && this.eventTimer === null) {
      // Excel delivers events after the change, in batches (entries of one message).
      this.eventTimer = setTimeout(() => {
        this.eventTimer = null;
        const entries = this.pendingEvents.splice(0);
        if (!this.stopped) this.deliver(JSON.stringify({ type: 3, message: { entries } }));
      }, 0);
    }
  }
}

function plain(value: ModelValue): string | number | boolean {
  if (value === null) return "";
  return typeof value === "object" ? value.error : value;
}
