import { useCallback, useEffect, useState } from "react";
import type { Language } from "../../engine/types";
import { loadSettings, type Role, saveSettings, type SettingsStorage, type StoredSettings } from "../settings";

export interface Settings extends StoredSettings {
  setRole: (role: Role) => void;
  setLanguage: (language: Language) => void;
}

/** Role and language, persisted. */
export function useSettings(storage: SettingsStorage | undefined, fallbackLanguage: Language): Settings {
  const [settings, setSettings] = useState<StoredSettings>(() => loadSettings(storage, fallbackLanguage));

  useEffect(() => {
    saveSettings(storage, settings);
  }, [storage, settings]);

  const setRole = useCallback((role: Role) => setSettings((current) => ({ ...current, role })), []);
  const setLanguage = useCallback((language: Language) => setSettings((current) => ({ ...current, language })), []);
  return { ...settings, setRole, setLanguage };
}
