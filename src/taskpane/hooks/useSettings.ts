import { useCallback, useEffect, useState } from "react";
import type { Language } from "../../engine/types";
import { loadPersonName, loadSettings, type Role, savePersonName, saveSettings, type SettingsStorage, type StoredSettings } from "../settings";

export interface Settings extends StoredSettings {
  setRole: (role: Role) => void;
  setLanguage: (language: Language) => void;
  /** The name exception notes are written under (empty until the person types it once). */
  personName: string;
  setPersonName: (name: string) => void;
}

/** Role, language and the person's name, persisted. */
export function useSettings(storage: SettingsStorage | undefined, fallbackLanguage: Language): Settings {
  const [settings, setSettings] = useState<StoredSettings>(() => loadSettings(storage, fallbackLanguage));
  const [personName, setName] = useState(() => loadPersonName(storage));

  useEffect(() => {
    saveSettings(storage, settings);
  }, [storage, settings]);

  const setRole = useCallback((role: Role) => setSettings((current) => ({ ...current, role })), []);
  const setLanguage = useCallback((language: Language) => setSettings((current) => ({ ...current, language })), []);
  const setPersonName = useCallback(
    (name: string) => {
      const trimmed = name.trim();
      setName(trimmed);
      savePersonName(storage, trimmed);
    },
    [storage],
  );
  return { ...settings, setRole, setLanguage, personName, setPersonName };
}
