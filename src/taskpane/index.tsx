/**
 * The task pane's entry, and the only module that reads the `Office` global: it waits for
 * Office.onReady and picks the host. In Excel the pane talks to the workbook through Office.js;
 * anywhere else (office.js reports no host, or never loaded) it opens the browser preview.
 */
import { FluentProvider, Spinner, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { decideHost, documentNameFromUrl } from "./bootstrap";
import { AddinApp } from "./components/AddinApp/AddinApp";
import { createExcelHost } from "./excelHost";
import { browserStorage, languageFromTag } from "./settings";

function officeGlobal(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

async function start(container: HTMLElement): Promise<void> {
  const root = createRoot(container);
  root.render(
    <FluentProvider theme={webLightTheme}>
      <Spinner style={{ padding: 32 }} />
    </FluentProvider>,
  );
  const storage = browserStorage();
  const decision = await decideHost({ office: officeGlobal });
  const office = officeGlobal();
  if (decision === "excel" && office) {
    const host = createExcelHost({
      documentName: documentNameFromUrl(office.context.document?.url),
      isSetSupported: (name, version) => office.context.requirements.isSetSupported(name, version),
      platform: office.context.platform ? String(office.context.platform) : null,
    });
    root.render(<AddinApp host={host} storage={storage} fallbackLanguage={languageFromTag(office.context.displayLanguage)} />);
    return;
  }
  const { renderPreview } = await import(/* webpackChunkName: "preview" */ "./preview");
  renderPreview(root, { storage, fallbackLanguage: languageFromTag(navigator.language), search: window.location.search });
}

const container = document.getElementById("container");
if (container) void start(container);
