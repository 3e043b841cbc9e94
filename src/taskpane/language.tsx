import { createContext, useContext } from "react";
import type { Language } from "../engine/types";
import { type Strings, stringsFor } from "./i18n";

export interface LanguageValue {
  language: Language;
  strings: Strings;
}

const LanguageContext = createContext<LanguageValue>({ language: "zh-TW", strings: stringsFor("zh-TW") });

export const LanguageProvider = LanguageContext.Provider;

/** The pane's language and its strings. */
export function useStrings(): LanguageValue {
  return useContext(LanguageContext);
}
