/**
 * The browser preview, loaded with import() only when the page runs outside Excel: none of this
 * (nor the .xlsx code it loads later) is in the task pane's first bundle.
 */
import type { Root } from "react-dom/client";
import type { Language } from "../engine/types";
import { AppRoot } from "./components/AppRoot/AppRoot";
import { PREVIEW_SAMPLES, PreviewShell } from "./components/PreviewShell/PreviewShell";
import type { SettingsStorage } from "./settings";

export interface PreviewOptions {
  storage: SettingsStorage | undefined;
  fallbackLanguage: Language;
  /** The page's query string: ?sample=NAME picks the sample opened first. */
  search: string;
}

export function renderPreview(root: Root, { storage, fallbackLanguage, search }: PreviewOptions): void {
  const requested = new URLSearchParams(search).get("sample");
  const initialSample = requested && (PREVIEW_SAMPLES as readonly string[]).includes(requested) ? requested : PREVIEW_SAMPLES[0];
  root.render(
    <AppRoot storage={storage} fallbackLanguage={fallbackLanguage}>
      {(settings) => <PreviewShell settings={settings} samplesBase="./samples/" initialSample={initialSample} />}
    </AppRoot>,
  );
}
