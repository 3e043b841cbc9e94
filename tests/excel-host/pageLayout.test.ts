/**
 * Worksheet.pageLayout [ExcelApi 1.9] on the in-memory Excel, driven through the client library:
 * Excel's defaults, orientation, zoom (a scale or fit to pages, one replacing the other), print
 * title rows and the print area, and Excel's refusals.
 */
import { rejection, useHosts } from "./testing";

const start = useHosts();

describe("Worksheet.pageLayout", () => {
  it("reports Excel's defaults, then what was set, in one sync of writes", async () => {
    const host = start("floor-1.9");
    host.workbook.addSheet("檢核結果");
    const before = await Excel.run(async (context) => {
      const page = context.workbook.worksheets.getItem("檢核結果").pageLayout.load("orientation,paperSize,zoom");
      await context.sync();
      return { orientation: page.orientation, paperSize: page.paperSize, zoom: page.zoom };
    });
    expect(before).toEqual({ orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 } });
    host.resetCounters();
    await Excel.run(async (context) => {
      const page = context.workbook.worksheets.getItem("檢核結果").pageLayout;
      page.orientation = "Landscape";
      page.paperSize = "A4";
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      page.setPrintTitleRows("$7:$7");
      page.setPrintArea("A1:H40");
      await context.sync();
    });
    expect(host.syncCount).toBe(1);
    expect(host.workbook.sheet("檢核結果").features.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: { top: 7, bottom: 7 },
      printArea: [{ top: 1, left: 1, bottom: 40, right: 8 }],
    });
    const titles = await Excel.run(async (context) => {
      const rows = context.workbook.worksheets
        .getItem("檢核結果")
        .pageLayout.getPrintTitleRowsOrNullObject()
        .load("address");
      await context.sync();
      return rows.address;
    });
    // Whole rows (Excel writes "7:7"; the host's addresses spell whole rows out).
    expect(titles).toMatch(/^檢核結果!(7:7|A7:XFD7)$/);
  });

  it("lets a scale replace fitting to pages, and refuses what Excel refuses", async () => {
    const host = start();
    host.workbook.addSheet("Sheet1");
    await Excel.run(async (context) => {
      const page = context.workbook.worksheets.getItem("Sheet1").pageLayout;
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      page.zoom = { scale: 80 };
      await context.sync();
    });
    expect(host.workbook.sheet("Sheet1").features.pageLayout?.zoom).toEqual({ scale: 80 });
    const bad = (set: (page: Excel.PageLayout) => void) =>
      rejection(
        Excel.run(async (context) => {
          set(context.workbook.worksheets.getItem("Sheet1").pageLayout);
          await context.sync();
        })
      );
    expect((await bad((page) => (page.zoom = { scale: 500 }))).code).toBe("InvalidArgument");
    expect((await bad((page) => (page.orientation = "Sideways" as Excel.PageOrientation))).code).toBe(
      "InvalidArgument"
    );
    expect((await bad((page) => page.setPrintTitleRows("Other!$1:$1"))).code).toBe("InvalidArgument");
  });
});
