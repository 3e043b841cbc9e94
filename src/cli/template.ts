/**
 * `alliance-check template OUT.xlsx`: writes the fill-in template, with the parts that make
 * Office open our task pane when the workbook is opened (xlsx/webExtension.ts), naming the
 * add-in by the id and version in manifest.xml.
 */
import { readFileSync } from "fs";
import * as path from "path";
import type { Language } from "../engine/types";
import { templateLayouts } from "../layouts/template";
import { WorkbookError } from "../workbook/gateway";
import { type AddinIdentity, type AddinStore, addinIdentityFromManifest, withAutoShowTaskPane } from "../workbook/xlsx/webExtension";
import { writeLayoutsToNewWorkbook } from "../workbook/xlsx/writeLayout";
import { UsageError } from "./arguments";
import { describeRefusedTarget, OutputTargetError, writeFileAtomically } from "./files";

/** manifest.xml at the package's root (beside src/ and lib/). */
export const MANIFEST_PATH = path.resolve(__dirname, "..", "..", "manifest.xml");

/** The add-in's id and version from manifest.xml. */
export function addinIdentity(manifestPath = MANIFEST_PATH): AddinIdentity {
  return addinIdentityFromManifest(readFileSync(manifestPath, "utf8"));
}

/**
 * The template as .xlsx bytes. `store`: how the add-in is deployed where the template is used
 * (default: Centralized Deployment, as a university's IT deploys it).
 */
export async function templateWorkbookBytes(language: Language, store: AddinStore = { kind: "central" }): Promise<Uint8Array> {
  const bytes = await writeLayoutsToNewWorkbook(templateLayouts(language));
  return withAutoShowTaskPane(bytes, addinIdentity(), store);
}

/**
 * Writes the template to `file`. An existing file is kept unless `force`: the error (a usage
 * error, printed as is) says so in both languages.
 */
export async function writeTemplateFile(file: string, language: Language, force: boolean): Promise<void> {
  const bytes = await templateWorkbookBytes(language);
  try {
    await writeFileAtomically(file, bytes, { exclusive: !force });
  } catch (error) {
    if (error instanceof OutputTargetError) throw new UsageError(`template ${describeRefusedTarget(error, language)}`);
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UsageError(
        `檔案已存在，未覆寫：${file}（要覆寫請加 --force） / The file already exists and was not overwritten: ${file} (add --force to overwrite)`,
      );
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorkbookError(
      "write-failed",
      language === "zh-TW" ? `無法寫入 ${file}，未留下不完整的檔案` : `could not write ${file}; no partial file was left`,
      reason,
    );
  }
}
