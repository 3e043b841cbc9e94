import { isBuiltInDateFormat, isDateFormatCode, serialToIsoDate } from "./readDates";

describe("isDateFormatCode", () => {
  it.each([
    "yyyy/mm/dd",
    "YYYY-MM-DD",
    "m/d/yy",
    "dd/mm/yyyy;@",
    "[$-404]e/m/d",
    '[$-404]ggge"年"m"月"d"日"',
    '"民國"e"年"',
    "h:mm AM/PM",
    "[h]:mm:ss",
    "[mm]:ss",
    "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy",
    "[Red]yyyy-mm-dd",
  ])("%s shows a date or time", (code) => {
    expect(isDateFormatCode(code)).toBe(true);
  });

  it.each([
    "General",
    "0",
    "#,##0.00",
    "0.00E+00",
    "0.0e-0",
    '"Day" 0',
    '#,##0 "元"',
    "[Red]#,##0.00;[Blue]\\-#,##0.00",
    "[$NT$-404]#,##0",
    "0%",
    "@",
    '_("$"* #,##0_);_("$"* (#,##0);_("$"* "-"_);_(@_)',
    "\\d\\a\\y 0",
    "[<=9999999]###-####;(###) ###-####",
  ])("%s does not", (code) => {
    expect(isDateFormatCode(code)).toBe(false);
  });
});

describe("isBuiltInDateFormat", () => {
  it.each([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 31, 36, 45, 46, 47, 50, 57, 58])("%i is a date format", (id) => {
    expect(isBuiltInDateFormat(id)).toBe(true);
  });
  it.each([0, 1, 2, 9, 10, 11, 13, 23, 26, 37, 44, 48, 49, 59, 164])("%i is not", (id) => {
    expect(isBuiltInDateFormat(id)).toBe(false);
  });
});

describe("serialToIsoDate", () => {
  it.each<[number, boolean, string | null]>([
    [1, false, "1900-01-01"],
    [59, false, "1900-02-28"],
    [60, false, "1900-02-29"],
    [61, false, "1900-03-01"],
    [45292, false, "2024-01-01"],
    [45292.999999, false, "2024-01-02"], // a hair before midnight is midnight
    [45292.99, false, "2024-01-01"],
    [0, false, "1899-12-31"],
    [2958465, false, "9999-12-31"],
    [2958466, false, null],
    [-1, false, null],
    [Number.NaN, false, null],
    [0, true, "1904-01-01"],
    [44650, true, "2026-03-31"],
  ])("%d (1904: %s) → %s", (serial, date1904, expected) => {
    expect(serialToIsoDate(serial, date1904)).toBe(expected);
  });
});

describe("serialToIsoDate matches the platform's calendar", () => {
  it("for every day from 1900 to 2100 and a few far ones", () => {
    const epoch = Date.UTC(1899, 11, 30);
    for (let serial = 61; serial < 73_051; serial++) {
      expect(serialToIsoDate(serial, false)).toBe(new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10));
    }
    expect(serialToIsoDate(2_958_465, true)).toBeNull();
    expect(serialToIsoDate(2_957_003, true)).toBe("9999-12-31");
  });
});
