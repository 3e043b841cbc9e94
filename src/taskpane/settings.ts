/**
 * The person's role and language, kept in localStorage, and what each role turns on by default.
 */
import type { Language, Role } from "../engine/types";

export type { Role };

export const ROLES: readonly Role[] = ["pi", "finance", "reviewer"];

export interface RoleDefaults {
  /** Flag cells in the workbook each time the person validates. */
  flagOnValidate: boolean;
  /** Re-validate while the person edits (inside Excel only). */
  liveValidation: boolean;
}

/**
 * A reviewer never writes to the workbook unless they ask; a PI sees problems as they type;
 * finance staff get flags when they validate.
 */
export const ROLE_DEFAULTS: Readonly<Record<Role, RoleDefaults>> = {
  pi: { flagOnValidate: true, liveValidation: true },
  finance: { flagOnValidate: true, liveValidation: false },
  reviewer: { flagOnValidate: false, liveValidation: false },
};

export interface StoredSettings {
  role: Role;
  language: Language;
}

export const SETTINGS_KEY = "alliance-check.settings";

/** The part of `Storage` we use; absent or throwing storage (private windows) is tolerated. */
export type SettingsStorage = Pick<Storage, "getItem" | "setItem">;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isLanguage(value: unknown): value is Language {
  return value === "zh-TW" || value === "en";
}

/** Maps a BCP 47 tag (Office's displayLanguage, navigator.language) to a pane language. */
export function languageFromTag(tag: string | null | undefined): Language {
  return typeof tag === "string" && tag.toLowerCase().startsWith("zh") ? "zh-TW" : tag ? "en" : "zh-TW";
}

export function loadSettings(storage: SettingsStorage | undefined, fallbackLanguage: Language): StoredSettings {
  const defaults: StoredSettings = { role: "pi", language: fallbackLanguage };
  if (!storage) return defaults;
  try {
    const raw = storage.getItem(SETTINGS_KEY);
    if (raw === null) return defaults;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return defaults;
    const record = parsed as Record<string, unknown>;
    return {
      role: isRole(record.role) ? record.role : defaults.role,
      language: isLanguage(record.language) ? record.language : defaults.language,
    };
  } catch {
    return defaults;
  }
}

export function saveSettings(storage: SettingsStorage | undefined, settings: StoredSettings): void {
  if (!storage) return;
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage full or disabled: the settings last for this session only.
  }
}

/** window.localStorage, or undefined where reading it throws (sandboxed frames). */
export function browserStorage(): SettingsStorage | undefined {
  try {
    return typeof window !== "undefined" ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

/** The person's name for exception notes: typed once, then remembered on this computer. */
export const PERSON_KEY = "alliance-check.person";

export function loadPersonName(storage: SettingsStorage | undefined): string {
  if (!storage) return "";
  try {
    const raw = storage.getItem(PERSON_KEY);
    if (raw === null) return "";
    const parsed: unknown = JSON.parse(raw);
    const name = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>).name : undefined;
    return typeof name === "string" ? name.trim().slice(0, 100) : "";
  } catch {
    return "";
  }
}

export function savePersonName(storage: SettingsStorage | undefined, name: string): void {
  if (!storage) return;
  try {
    storage.setItem(PERSON_KEY, JSON.stringify({ name: name.trim() }));
  } catch {
    // Storage full or disabled: the name is asked again next session.
  }
}
