import { FluentProvider, type Theme, webLightTheme } from "@fluentui/react-components";
import { type ReactNode, useEffect, useMemo } from "react";
import type { Language } from "../../../engine/types";
import { useSettings, type Settings } from "../../hooks/useSettings";
import { stringsFor } from "../../i18n";
import { LanguageProvider } from "../../language";
import type { SettingsStorage } from "../../settings";
import { useAppRootStyles, usePageStyles } from "./AppRoot.styles";

const LATIN_FONTS = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue'";
const CJK_FONTS = "'Microsoft JhengHei UI', 'Microsoft JhengHei', 'PingFang TC', 'Noto Sans CJK TC', 'Noto Sans TC'";

/**
 * Office's own UI font for Traditional Chinese is Microsoft JhengHei UI; naming Traditional
 * Chinese faces keeps CJK text from falling back to a Simplified or Japanese face.
 */
export const paneTheme: Theme = { ...webLightTheme, fontFamilyBase: `${LATIN_FONTS}, ${CJK_FONTS}, sans-serif` };

export interface AppRootProps {
  storage: SettingsStorage | undefined;
  fallbackLanguage: Language;
  children: (settings: Settings) => ReactNode;
}

/** Theme, language and persisted settings for everything below. */
export function AppRoot({ storage, fallbackLanguage, children }: AppRootProps) {
  const settings = useSettings(storage, fallbackLanguage);
  usePageStyles();
  const styles = useAppRootStyles();
  const strings = stringsFor(settings.language);
  const languageValue = useMemo(() => ({ language: settings.language, strings }), [settings.language, strings]);

  useEffect(() => {
    document.documentElement.lang = strings.htmlLang;
    document.title = strings.appTitle;
  }, [strings]);

  return (
    // Layout styles go on an inner element: FluentProvider also styles its portals (tooltips, menus).
    <FluentProvider theme={paneTheme} lang={strings.htmlLang}>
      <LanguageProvider value={languageValue}>
        <div className={styles.root}>{children(settings)}</div>
      </LanguageProvider>
    </FluentProvider>
  );
}
