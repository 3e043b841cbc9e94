/**
 * The in-memory Excel answers Microsoft's client library as Excel does: these tests drive the
 * library (`Excel.run`, proxies, load/sync) directly and check what it reports back — the
 * library's own errors (PropertyNotLoaded), Excel's codes, null objects, references kept across
 * syncs, payload and read limits, requirement sets per profile, events and cell-edit mode.
 */
import { ExcelHost, errorCode, PROFILE_IDS, type ProfileId } from ".";

let host: ExcelHost;

function start(profile: ProfileId = "m365-windows", options: Parameters<typeof ExcelHost.start>[0] = {}): ExcelHost {
  host = ExcelHost.start({ profile, ...options });
  return host;
}

afterEach(() => host?.stop());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("the client library as loaded", () => {
  it.each(PROFILE_IDS)("loads the library office.js loads for %s and reports its requirement sets", (profile) => {
    start(profile);
    expect(typeof Excel.run).toBe("function");
    expect(Excel).toBe(host.library!.Excel);
    const minor = host.profile.excelApi;
    expect(Office.context.requirements.isSetSupported("ExcelApi", `1.${minor}`)).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", `1.${minor + 1}`)).toBe(false);
    expect(Office.context.platform).toBe(host.profile.platform);
  });

  it("answers office.js's own start-up request, AddinInternalService.notifyActionHandlerReady", async () => {
    // office.js sends it in every task pane once Office.onReady has run (the library's ActionProxy).
    start();
    const { OfficeCore } = globalThis as unknown as {
      OfficeCore: { AddinInternalService: { newObject(context: OfficeExtension.ClientRequestContext): { notifyActionHandlerReady(): void } } };
    };
    const context = new OfficeExtension.ClientRequestContext();
    OfficeCore.AddinInternalService.newObject(context).notifyActionHandlerReady();
    await expect(context.sync()).resolves.toBeUndefined();
    expect(host.requests.map((request) => request.failed)).toEqual([undefined]);
  });

  it("reads values through load and sync, and the library refuses a read before sync", async () => {
    start();
    host.workbook.addSheet("經費表");
    host.workbook.setValues("經費表", "B2", [
      ["科目", 12000],
      [true, { error: "#REF!" }],
    ]);
    const { values, address, early } = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("經費表").getRange("B2:C3").load("values,address");
      let early: unknown = null;
      try {
        void range.values;
      } catch (error) {
        early = errorCode(error);
      }
      await context.sync();
      return { values: range.values, address: range.address, early };
    });
    expect(early).toBe("PropertyNotLoaded");
    expect(values).toEqual([
      ["科目", 12000],
      [true, "#REF!"],
    ]);
    expect(address).toBe("經費表!B2:C3");
    expect(host.syncCount).toBe(1);
  });

  it("answers a missing sheet with ItemNotFound and a null object without an error", async () => {
    start();
    host.workbook.addSheet("Sheet1");
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Missing").load("name");
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("ItemNotFound");
    const isNull = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject("Missing");
      await context.sync();
      return sheet.isNullObject;
    });
    expect(isNull).toBe(true);
  });

  it("keeps a range usable across syncs through the reference Excel returns", async () => {
    start();
    host.workbook.addSheet("Sheet1");
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      await context.sync();
      range.values = [["a", 1]];
      await context.sync();
    });
    expect(host.workbook.cellAt(host.workbook.sheet("Sheet1"), 1, 2)?.value).toBe(1);
    await host.settle();
    // After the run the library releases what it kept, in a request of its own.
    expect(host.requests.filter((request) => request.cleanup)).toHaveLength(1);
    expect(host.references.size).toBe(0);
  });

  it("takes strings written to values as typed text", async () => {
    start();
    host.workbook.addSheet("S");
    await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("S").getRange("A1:F1");
      range.values = [["1,234", "10%", "(5)", "#N/A", "'=1+1", "2026-01-01"]];
      await context.sync();
    });
    const sheet = host.workbook.sheet("S");
    const cell = (column: number) => host.workbook.cellAt(sheet, 1, column)?.value;
    expect([cell(1), cell(2), cell(3), cell(4), cell(5), cell(6)]).toEqual([
      1234,
      0.1,
      -5,
      { error: "#N/A" },
      "=1+1",
      46023,
    ]);
  });

  it("refuses cell-level writes on unbounded ranges and reads them as null", async () => {
    start();
    host.workbook.addSheet("S");
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("B:B").numberFormat = "@" as unknown as string[][];
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("InvalidArgument");
  });
});

describe("notes (built into the npm library by its own LibraryBuilder)", () => {
  it("adds, lists, locates and deletes notes through the library's proxies", async () => {
    start("m365-windows");
    host.workbook.addSheet("S");
    host.workbook.addNote("S", "B2", "person", "Reviewer");
    const seen = await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").notes.add("C3", "ours");
      await context.sync();
      const notes = context.workbook.notes.load("items/content");
      await context.sync();
      const locations = notes.items.map((note) => note.getLocation().load("address"));
      await context.sync();
      const seen = notes.items.map((note, i) => `${note.content}@${locations[i]!.address}`);
      notes.items[1]!.delete();
      await context.sync();
      return seen;
    });
    expect(seen).toEqual(["person@S!B2", "ours@S!C3"]);
    expect(host.workbook.sheet("S").notes.map((note) => note.content)).toEqual(["person"]);
  });

  it("is refused by a build before ExcelApi 1.18", async () => {
    start("ltsc-2024");
    host.workbook.addSheet("S");
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").notes.add("A1", "x");
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("ApiNotFound");
  });
});

describe("requirement sets", () => {
  it("fails an API the build does not have with ApiNotFound", async () => {
    start("floor-1.9");
    host.workbook.addSheet("S");
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.comments.load("items");
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("ApiNotFound");
  });
});

describe("payload", () => {
  it("refuses a request over the web's 5 MB", async () => {
    start("web");
    host.workbook.addSheet("S");
    const big = Array.from({ length: 3000 }, () => ["x".repeat(2000)]);
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1:A3000").values = big;
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("RequestPayloadSizeLimitExceeded");
    expect(host.workbook.cellAt(host.workbook.sheet("S"), 1, 1)).toBeUndefined();
  });
});

describe("events", () => {
  it("delivers a user's edit and the add-in's own write through the library's event path", async () => {
    start("m365-windows");
    host.workbook.addSheet("S");
    const seen: Array<{ address: string; source: string; triggerSource?: string }> = [];
    await Excel.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (event) => {
        seen.push({ address: event.address, source: event.source, triggerSource: event.triggerSource });
      });
      await context.sync();
    });
    host.user.edit("S", "B2", [[5]]);
    await host.settle();
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("C3").values = [[1]];
      await context.sync();
    });
    await host.settle();
    expect(seen).toEqual([
      { address: "B2", source: "Local", triggerSource: "Unknown" },
      { address: "C3", source: "Local", triggerSource: "ThisLocalAddin" },
    ]);
  });
});

describe("cell-edit mode", () => {
  it("makes a batch without delayForCellEdit fail and delays one with it", async () => {
    start();
    host.workbook.addSheet("S");
    host.user.beginCellEdit();
    const error = await failure(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("S").load("name");
        await context.sync();
      })
    );
    expect(errorCode(error)).toBe("InvalidOperationInCellEditMode");
    let done = false;
    const delayed = Excel.run({ delayForCellEdit: true }, async (context) => {
      const sheet = context.workbook.worksheets.getItem("S").load("name");
      await context.sync();
      done = true;
      return sheet.name;
    });
    await host.settle();
    expect(done).toBe(false);
    host.user.endCellEdit();
    expect(await delayed).toBe("S");
  });
});

describe("undo", () => {
  it.each([
    ["ltsc-2024", 0],
    ["m365-windows", 2],
  ] as const)("on %s an add-in write leaves %i entries of a one-edit stack", async (profile, entries) => {
    start(profile);
    host.workbook.addSheet("S");
    host.user.edit("S", "A1", [[1]]);
    await Excel.run(async (context) => {
      context.workbook.worksheets.getItem("S").getRange("B1").values = [[2]];
      await context.sync();
    });
    expect(host.undoStack).toHaveLength(entries);
  });
});
