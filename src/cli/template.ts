/** `alliance-check template OUT.xlsx`: writes the fill-in template. */
import type { Language } from "../engine/types";
import { templateLayouts } from "../layouts/template";
import { WorkbookError } from "../workbook/gateway";
import { writeLayoutsToNewWorkbook } from "../workbook/xlsx/writeLayout";
import { UsageError } from "./arguments";
import { describeRefusedTarget, OutputTargetError, writeFileAtomically } from "./files";

/** The template as .xlsx bytes. */
export async function templateWorkbookBytes(language: Language): Promise<Uint8Array> {
  return writeLayoutsToNewWorkbook(templateLayouts(language));
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
