/**
 * Notes (ExcelApi 1.18) for the client library from npm.
 *
 * The only Excel client library this machine can reach is @microsoft/office-js on npm, whose
 * Excel namespace stops at ExcelApi 1.15: it has no `Excel.Note`, `Excel.NoteCollection`,
 * `Workbook.notes` or `Worksheet.notes`. The library office.js loads from Microsoft's CDN in a
 * real task pane has them, on every host (an older host refuses the calls: ApiNotFound).
 *
 * So that the add-in's notes code runs through Microsoft's proxy code like everything else, the
 * two classes are built here by the library's own metadata-driven class builder
 * (`OfficeExtension.LibraryBuilder`, which the same file uses for its OfficeCore classes), from
 * the members @types/office-js documents for them, and attached to Workbook and Worksheet with
 * the builder's `buildNavigationProperty` — the code path of every metadata-built navigation
 * property. Proxies, load/sync, results, errors and null objects are then the library's.
 */

/** The members the add-in may use, as in @types/office-js (Excel.Note, Excel.NoteCollection). */
const NOTE_METADATA = {
  version: "1.0.0",
  name: "Excel",
  defaultApiSetName: "ExcelApi",
  hostName: "Excel",
  apiSets: [["1.18", "ExcelApi"]],
  strings: [] as string[],
  enumTypes: [] as unknown[],
  clientObjectTypes: [
    [
      "Note",
      0,
      // scalar properties: [name, behaviorFlags (1 JSON, 2 read-only), apiSet ordinal, wire name]
      [
        ["authorName", 3, 1, "AuthorName"],
        ["content", 1, 1, "Content"],
      ],
      [],
      // scalar methods: [name, parameterCount, behaviorFlags (2 read), apiSet ordinal, apiFlags, wire name]
      [["delete", 0, 0, 1, 0, "Delete"]],
      // navigation methods: [name, return type, parameterCount, behaviorFlags (2 read, 8 invalid after request), apiSet, apiFlags, wire name]
      [["getLocation", "Excel.Range", 0, 2 | 8, 1, 4, "GetLocation"]],
      0,
      0,
    ],
    [
      "NoteCollection",
      1,
      [],
      [],
      [["getCount", 0, 2, 1, 4, "GetCount"]],
      [
        ["add", "Excel.Note", 2, 8, 1, 0, "Add"],
        ["getItem", "Excel.Note", 1, 2 | 8, 1, 4, "GetItem"],
        ["getItemAt", "Excel.Note", 1, 2 | 8, 1, 4, "GetItemAt"],
        ["getItemOrNullObject", "Excel.Note", 1, 2, 1, 4, "GetItemOrNullObject"],
      ],
      0,
      "Excel.Note",
    ],
  ],
};

interface Builder {
  buildNavigationProperty(type: unknown, typeInfo: { name: string }, propInfo: Record<string, unknown>): void;
}

type BuilderConstructor = new (options: {
  metadata: unknown;
  targetNamespaceObject: unknown;
  fullyInitialize?: boolean;
}) => Builder;

/** Adds Note and NoteCollection, and `notes` on Workbook and Worksheet, unless the library already has them. */
export function addNotesToLibrary(excel: typeof Excel, officeExtension: typeof OfficeExtension): void {
  const namespace = excel as unknown as Record<string, unknown>;
  if (typeof namespace.NoteCollection === "function") return;
  const LibraryBuilder = (officeExtension as unknown as { LibraryBuilder: BuilderConstructor }).LibraryBuilder;
  const builder = new LibraryBuilder({
    metadata: JSON.parse(JSON.stringify(NOTE_METADATA)) as unknown,
    targetNamespaceObject: excel,
  });
  for (const owner of ["Workbook", "Worksheet"]) {
    builder.buildNavigationProperty(
      namespace[owner],
      { name: owner },
      {
        name: "notes",
        // read-only (2), a collection (16)
        behaviorFlags: 2 | 16,
        apiSetInfoOrdinal: 0,
        originalName: "Notes",
        getMethodApiFlags: 4,
        setMethodApiFlags: 0,
        propertyTypeFullName: "Excel.NoteCollection",
        undoableApiSetInfoOrdinal: 0,
      }
    );
  }
}
