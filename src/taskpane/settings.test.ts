import { languageFromTag, loadPersonName, loadSettings, PERSON_KEY, ROLE_DEFAULTS, savePersonName, saveSettings, SETTINGS_KEY } from "./settings";

function storage(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return { data, getItem: (key: string) => data[key] ?? null, setItem: (key: string, value: string) => void (data[key] = value) };
}

describe("settings", () => {
  it("reviewers write nothing by default; PIs validate live; finance flags", () => {
    expect(ROLE_DEFAULTS.reviewer).toEqual({ flagOnValidate: false, liveValidation: false });
    expect(ROLE_DEFAULTS.pi.liveValidation).toBe(true);
    expect(ROLE_DEFAULTS.finance).toEqual({ flagOnValidate: true, liveValidation: false });
  });

  it.each([
    ["zh-TW", "zh-TW"],
    ["zh-Hant-TW", "zh-TW"],
    ["zh-CN", "zh-TW"],
    ["en-US", "en"],
    ["ja-JP", "en"],
    [undefined, "zh-TW"],
    ["", "zh-TW"],
  ] as const)("maps %p to %p", (tag, language) => {
    expect(languageFromTag(tag)).toBe(language);
  });

  it("round-trips role and language", () => {
    const store = storage();
    saveSettings(store, { role: "reviewer", language: "en" });
    expect(loadSettings(store, "zh-TW")).toEqual({ role: "reviewer", language: "en" });
  });

  it.each([["not json"], [JSON.stringify({ role: "boss", language: "fr" })], [JSON.stringify(null)]])("falls back on bad data %p", (raw) => {
    expect(loadSettings(storage({ [SETTINGS_KEY]: raw }), "en")).toEqual({ role: "pi", language: "en" });
  });

  it("tolerates storage that throws or is absent", () => {
    const throwing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
    };
    expect(loadSettings(throwing, "zh-TW")).toEqual({ role: "pi", language: "zh-TW" });
    expect(() => saveSettings(throwing, { role: "pi", language: "en" })).not.toThrow();
    expect(loadSettings(undefined, "en").language).toBe("en");
  });

  it("remembers the person's name for exception notes, trimmed, apart from the settings", () => {
    const memory = storage();
    expect(loadPersonName(memory)).toBe("");
    savePersonName(memory, "  王小明 ");
    expect(JSON.parse(memory.data[PERSON_KEY]!)).toEqual({ name: "王小明" });
    expect(loadPersonName(memory)).toBe("王小明");
    expect(loadPersonName(storage({ [PERSON_KEY]: "not json" }))).toBe("");
    expect(loadPersonName(storage({ [PERSON_KEY]: JSON.stringify({ name: 3 }) }))).toBe("");
    expect(loadPersonName(undefined)).toBe("");
    expect(memory.data[SETTINGS_KEY]).toBeUndefined();
  });
});
