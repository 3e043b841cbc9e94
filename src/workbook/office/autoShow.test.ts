import { AUTO_SHOW_SETTING, type DocumentSettings, enableAutoShow } from "./autoShow";

/** Office.Settings as Excel keeps it: an in-memory copy, refreshed from and saved to the document. */
function fakeSettings(options: { saveFails?: boolean; refresh?: boolean } = {}) {
  const document = new Map<string, unknown>([["AllianceCheck.FlagState", '{"v":1}']]);
  const memory = new Map<string, unknown>();
  const calls: string[] = [];
  const settings: DocumentSettings & { document: Map<string, unknown>; calls: string[] } = {
    document,
    calls,
    set: (name, value) => {
      calls.push(`set ${name}`);
      memory.set(name, value);
    },
    saveAsync: (callback) => {
      calls.push("save");
      if (options.saveFails) return callback?.({ status: "failed", error: { message: "denied" } });
      document.clear();
      for (const [key, value] of memory) document.set(key, value);
      callback?.({ status: "succeeded" });
    },
    ...(options.refresh === false
      ? {}
      : {
          refreshAsync: (callback) => {
            calls.push("refresh");
            memory.clear();
            for (const [key, value] of document) memory.set(key, value);
            callback?.({ status: "succeeded" });
          },
        }),
  };
  return settings;
}

describe("enableAutoShow", () => {
  it("sets Office.AutoShowTaskpaneWithDocument and saves it, keeping the add-in's other settings", async () => {
    const settings = fakeSettings();
    expect(await enableAutoShow(settings)).toBe(true);
    expect(AUTO_SHOW_SETTING).toBe("Office.AutoShowTaskpaneWithDocument");
    expect(settings.calls).toEqual(["refresh", `set ${AUTO_SHOW_SETTING}`, "save"]);
    expect(settings.document.get(AUTO_SHOW_SETTING)).toBe(true);
    expect(settings.document.get("AllianceCheck.FlagState")).toBe('{"v":1}');
  });

  it("saves without refreshing where the host cannot refresh", async () => {
    const settings = fakeSettings({ refresh: false });
    expect(await enableAutoShow(settings)).toBe(true);
    expect(settings.calls).toEqual([`set ${AUTO_SHOW_SETTING}`, "save"]);
  });

  it("says false, without throwing, when the setting cannot be saved", async () => {
    expect(await enableAutoShow(fakeSettings({ saveFails: true }))).toBe(false);
  });
});
