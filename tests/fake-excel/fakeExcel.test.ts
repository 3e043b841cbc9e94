/* eslint-disable office-addins/load-object-before-read, office-addins/call-sync-before-read, office-addins/call-sync-after-load --
   these tests read properties too early on purpose: the fake must throw where Office.js throws. */
import { createFakeExcel, type FakeExcel, isFakeOfficeError, parseArea, parseAreaList } from "./index";

function setup(options: Parameters<typeof createFakeExcel>[0] = {}): FakeExcel {
  const fake = createFakeExcel(options);
  fake.model.addSheet("Sheet1");
  fake.model.setValues("Sheet1", "B2", [
    ["a", 1],
    [true, { error: "#REF!" }],
  ]);
  return fake;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isFakeOfficeError(error)) return error.code;
    throw error;
  }
  return "no error";
}

describe("addresses", () => {
  it.each([
    ["B7", { sheet: null, rect: { top: 7, left: 2, bottom: 7, right: 2 } }],
    ["$B$3:K200", { sheet: null, rect: { top: 3, left: 2, bottom: 200, right: 11 } }],
    ["Sheet1!K200:B3", { sheet: "Sheet1", rect: { top: 3, left: 2, bottom: 200, right: 11 } }],
    ["'My Sheet'!A1", { sheet: "My Sheet", rect: { top: 1, left: 1, bottom: 1, right: 1 } }],
    ["'O''Brien'!$A$1:$B$2", { sheet: "O'Brien", rect: { top: 1, left: 1, bottom: 2, right: 2 } }],
    ["經費表!C5", { sheet: "經費表", rect: { top: 5, left: 3, bottom: 5, right: 3 } }],
    ["A:C", { sheet: null, rect: { top: 1, left: 1, bottom: 1048576, right: 3 } }],
    ["3:5", { sheet: null, rect: { top: 3, left: 1, bottom: 5, right: 16384 } }],
  ])("parses %s", (address, expected) => {
    expect(parseArea(address)).toEqual(expected);
  });

  it.each(["", "A0", "XFE1", "A1:B2:C3", "My Sheet!A1", "'Unclosed!A1", "1A"])("rejects %j", (address) => {
    expect(() => parseArea(address)).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
  });

  it("splits area lists on commas and semicolons outside quotes", () => {
    const areas = parseAreaList("A1, 'a,b'!C5;D6:D8");
    expect(areas.map((area) => area.sheet)).toEqual([null, "a,b", null]);
    expect(areas[2]!.rect).toEqual({ top: 6, left: 4, bottom: 8, right: 4 });
  });
});

describe("load and sync", () => {
  it("refuses to read a property before load() and sync()", async () => {
    const fake = setup();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("B2:C3");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([
        ["a", 1],
        [true, "#REF!"],
      ]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("reports error values through valueTypes and empty cells as empty strings", async () => {
    const fake = setup();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A2:C3").load("values,valueTypes");
      await context.sync();
      expect(range.values).toEqual([
        ["", "a", 1],
        ["", true, "#REF!"],
      ]);
      expect(range.valueTypes).toEqual([
        ["Empty", "String", "Double"],
        ["Empty", "Boolean", "Error"],
      ]);
    });
  });

  it("queues writes until sync", async () => {
    const fake = setup();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("D4").values = [["later"]];
      expect(fake.model.getCell(fake.model.sheet("Sheet1"), 4, 4)).toBeUndefined();
      await context.sync();
    });
    expect(fake.model.getCell(fake.model.sheet("Sheet1"), 4, 4)?.value).toBe("later");
  });

  it("counts syncs and fails a batch that ends with unsynced actions", async () => {
    const fake = setup();
    await fake.run(async (context) => {
      context.workbook.worksheets.load("items/name");
      await context.sync();
      await context.sync();
    });
    expect(fake.model.syncCount).toBe(2);
    expect(fake.model.apiCalls).toBe(1);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.load("items/name");
      })
    ).rejects.toThrow("never synced");
  });

  it("distinguishes getItem (ItemNotFound at sync) from getItemOrNullObject", async () => {
    const fake = setup();
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem("Nope").load("name");
          await context.sync();
        })
      )
    ).toBe("ItemNotFound");
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("Nope");
      const present = context.workbook.worksheets.getItemOrNullObject("sheet1");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      present.load("name");
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1");
      expect(() => missing.name).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
    });
  });

  it("returns a null used range for an empty sheet and quotes sheet names in addresses", async () => {
    const fake = setup();
    fake.model.addSheet("Empty");
    fake.model.addSheet("My Sheet");
    fake.model.setValues("My Sheet", "C3", [["x"]]);
    fake.model.setFormat("Empty", "A1:B2", { fill: "#FF0000" });
    await fake.run(async (context) => {
      const empty = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(true).load("address");
      const formatted = context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(false).load("address");
      const quoted = context.workbook.worksheets.getItem("My Sheet").getUsedRangeOrNullObject(true).load("address");
      await context.sync();
      expect(empty.isNullObject).toBe(true);
      expect(formatted.address).toBe("Empty!A1:B2");
      expect(quoted.address).toBe("'My Sheet'!C3");
    });
  });
});

describe("payload limits", () => {
  it("records request and response sizes and rejects an oversized response", async () => {
    const fake = setup({ payloadLimitBytes: 2000 });
    fake.model.setValues(
      "Sheet1",
      "A10",
      Array.from({ length: 100 }, (_, i) => [`row ${i} with some text`])
    );
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A10:A109").load("values");
          await context.sync();
        })
      )
    ).toBe("ResponsePayloadSizeLimitExceeded");
    const record = fake.model.syncs[0]!;
    expect(record.responseBytes).toBeGreaterThan(2000);
    expect(record.failed).toBe("ResponsePayloadSizeLimitExceeded");
  });

  it("rejects an oversized request before executing any of it", async () => {
    const fake = setup({ payloadLimitBytes: 2000 });
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRange("A20:A119").values = Array.from(
            { length: 100 },
            () => ["x".repeat(30)]
          );
          await context.sync();
        })
      )
    ).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.model.getCell(fake.model.sheet("Sheet1"), 20, 1)).toBeUndefined();
  });

  it("can answer an oversized read with empty values, as Excel on the web sometimes does", async () => {
    const fake = setup({ payloadLimitBytes: 500, oversizedResponse: "empty" });
    fake.model.setValues(
      "Sheet1",
      "A10",
      Array.from({ length: 50 }, (_, i) => [`row ${i}`])
    );
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Sheet1").getRange("A10:A59").load("values");
      await context.sync();
      expect(range.values).toEqual([]);
    });
  });
});

describe("conditional formats, notes and comments", () => {
  it("adds custom conditional formats on range areas and finds them again", async () => {
    const fake = setup();
    fake.model.addConditionalFormat("Sheet1", "A1:A5", { type: "DataBar" });
    await fake.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Sheet1");
      const format = sheet.getRanges("B2, D4:D6").conditionalFormats.add("Custom");
      format.custom.rule.formula = "=TRUE";
      format.custom.format.fill.color = "#FDE7E9";
      await context.sync();
      const all = sheet.getRange().conditionalFormats.load("items/type,items/customOrNullObject/rule/formula");
      await context.sync();
      expect(all.items.map((cf) => cf.type)).toEqual(["Custom", "DataBar"]);
      expect(all.items[0]!.customOrNullObject.rule.formula).toBe("=TRUE");
      expect(all.items[1]!.customOrNullObject.isNullObject).toBe(true);
      all.items[0]!.delete();
      await context.sync();
    });
    expect(fake.model.conditionalFormatsAt("Sheet1", "D5")).toEqual([]);
    expect(fake.model.sheet("Sheet1").conditionalFormats).toHaveLength(1);
  });

  it("rejects range addresses of 8,192 characters or more", async () => {
    const fake = setup();
    const address = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join(",");
    expect(address.length).toBeGreaterThan(8192);
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem("Sheet1").getRanges(address).conditionalFormats.add("Custom");
          await context.sync();
        })
      )
    ).toBe("InvalidArgument");
  });

  it("keeps one note or comment per cell and looks notes up by cell", async () => {
    const fake = setup();
    fake.model.addComment("Sheet1", "C3", "a person's comment");
    await fake.run(async (context) => {
      const notes = context.workbook.worksheets.getItem("Sheet1").notes;
      notes.add("B2", "first");
      await context.sync();
      const found = notes.getItemOrNullObject("B2").load("content");
      const none = notes.getItemOrNullObject("B3").load("content");
      await context.sync();
      expect(found.content).toBe("first");
      expect(none.isNullObject).toBe(true);
    });
    for (const cell of ["B2", "C3"]) {
      expect(
        await codeOf(
          fake.run(async (context) => {
            context.workbook.worksheets.getItem("Sheet1").notes.add(cell, "second");
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one Excel.run per case, each must fail on its own
            await context.sync();
          })
        )
      ).toBe("InvalidArgument");
    }
  });

  it("fails note calls at sync on hosts without ExcelApi 1.18", async () => {
    const fake = setup({ apiVersion: 17 });
    expect(fake.isSetSupported("ExcelApi", "1.18")).toBe(false);
    expect(fake.isSetSupported("ExcelApi", "1.17")).toBe(true);
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.notes.load("items/content");
          await context.sync();
        })
      )
    ).toBe("ApiNotFound");
  });

  it("needs the sheet name to add a comment and has no null-object lookup by cell", async () => {
    const fake = setup();
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.comments.add("B2", "x");
          await context.sync();
        })
      )
    ).toBe("InvalidArgument");
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.comments.getItemByCell("Sheet1!B2").load("content");
          await context.sync();
        })
      )
    ).toBe("ItemNotFound");
    await fake.run(async (context) => {
      context.workbook.comments.add("Sheet1!B2", "hello");
      await context.sync();
      const comments = context.workbook.comments.load("items/content");
      await context.sync();
      const location = comments.items[0]!.getLocation().load("address");
      await context.sync();
      expect(location.address).toBe("Sheet1!B2");
    });
  });
});

describe("settings and custom XML parts", () => {
  it("stores settings as JSON and custom XML parts by namespace", async () => {
    const fake = setup();
    await fake.run(async (context) => {
      context.workbook.settings.add("k", { a: [1, 2] });
      context.workbook.customXmlParts.add('<r xmlns="urn:test">1</r>');
      context.workbook.customXmlParts.add('<other xmlns="urn:other"/>');
      await context.sync();
      const setting = context.workbook.settings.getItem("k").load("value");
      const parts = context.workbook.customXmlParts.getByNamespace("urn:test").load("items/id");
      await context.sync();
      expect(setting.value).toEqual({ a: [1, 2] });
      expect(parts.items).toHaveLength(1);
      const xml = parts.items[0]!.getXml();
      expect(() => xml.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await context.sync();
      expect(xml.value).toBe('<r xmlns="urn:test">1</r>');
    });
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.customXmlParts.add("<broken>");
          await context.sync();
        })
      )
    ).toBe("InvalidArgument");
  });
});

describe("events", () => {
  it("fires onChanged for edits and for the add-in's own writes, telling them apart by triggerSource", async () => {
    const fake = setup();
    const seen: Array<{ address: string; triggerSource?: string; source: string }> = [];
    await fake.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async (event) => {
        seen.push({ address: event.address, triggerSource: event.triggerSource, source: event.source });
      });
      await context.sync();
    });
    fake.model.simulateEdit("Sheet1", "E5", [[42]], { source: "Remote" });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("F6").values = [[1]];
      await context.sync();
    });
    await fake.model.flushEvents();
    expect(seen).toEqual([
      { address: "E5", triggerSource: "Unknown", source: "Remote" },
      { address: "F6", triggerSource: "ThisLocalAddin", source: "Local" },
    ]);
  });

  it("omits triggerSource before ExcelApi 1.14, honours enableEvents and removes handlers at sync", async () => {
    const fake = setup({ apiVersion: 13 });
    const seen: unknown[] = [];
    const registration = await fake.run(async (context) => {
      const result = context.workbook.worksheets.onChanged.add(async (event) => {
        seen.push(event.triggerSource);
      });
      await context.sync();
      return result;
    });
    fake.model.simulateEdit("Sheet1", "A1", [[1]]);
    await fake.model.flushEvents();
    expect(seen).toEqual([undefined]);
    fake.model.enableEvents = false;
    fake.model.simulateEdit("Sheet1", "A1", [[2]]);
    fake.model.enableEvents = true;
    await fake.run(registration.context, async (context) => {
      registration.remove();
      await context.sync();
    });
    fake.model.simulateEdit("Sheet1", "A1", [[3]]);
    await fake.model.flushEvents();
    expect(seen).toHaveLength(1);
    expect(fake.model.handlers).toHaveLength(0);
  });
});

describe("snapshotCells", () => {
  it("sees a fill written through the API, so a comparison can fail", async () => {
    const fake = setup();
    const before = fake.model.snapshotCells();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("Sheet1").getRange("B2").format.fill.color = "#FDE7E9";
      await context.sync();
    });
    expect(fake.model.snapshotCells()).not.toEqual(before);
    expect(fake.model.snapshotCells().sheets[0]!.cells["B2"]!.format.fill).toBe("#FDE7E9");
  });
});
