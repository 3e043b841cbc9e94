import { fx, MAX_FORMULA_STRING } from "../../src/layouts/layout";
import { resolveStyle, STYLES } from "../../src/layouts/styles";
import { FLAG_FORMATS } from "../../src/workbook/flagMarks";

describe("formula builder", () => {
  it("quotes sheet names and doubles quotes inside them", () => {
    expect(fx.ref("營運收入", "$E$3:$E$10").text).toBe("'營運收入'!$E$3:$E$10");
    expect(fx.ref("O'Brien", "A1").text).toBe("'O''Brien'!A1");
    expect(fx.ref(null, "B7").text).toBe("B7");
  });

  it("writes user text only as an escaped string literal", () => {
    expect(fx.str('=HYPERLINK("http://x")').text).toBe('"=HYPERLINK(""http://x"")"');
    const formula = fx.call("SUMIFS", fx.ref("S", "A1:A9"), fx.ref("S", "B1:B9"), fx.str('a"),1)+("'));
    expect(formula.text).toBe(`SUMIFS('S'!A1:A9,'S'!B1:B9,"a""),1)+(""")`);
  });

  it.each([["A1; DROP"], ["=A1"], ["A1)+HYPERLINK(1"], ["Sheet1!A1"], [""]])("refuses %j as an address", (address) => {
    expect(() => fx.ref(null, address)).toThrow();
  });

  it.each([["SUM(1)+X"], ["sum"], ["A B"]])("refuses %j as a function name", (name) => {
    expect(() => fx.call(name)).toThrow();
  });

  it("refuses string literals Excel would reject and numbers that are not finite", () => {
    expect(() => fx.str("x".repeat(MAX_FORMULA_STRING + 1))).toThrow();
    expect(() => fx.num(Number.NaN)).toThrow();
    expect(fx.num(-2.5).text).toBe("-2.5");
  });

  it("combines with parentheses", () => {
    expect(fx.op(fx.num(1), "<=", fx.num(2)).text).toBe("(1<=2)");
    expect(fx.sum([fx.num(1), fx.num(2), fx.num(3)]).text).toBe("(1+2+3)");
    expect(fx.sum([]).text).toBe("0");
    expect(fx.toNumber(fx.op(fx.ref(null, "A1:A3"), "=", fx.str("x"))).text).toBe('--((A1:A3="x"))');
  });
});

describe("styles", () => {
  it("uses the task pane's flag colours for severities", () => {
    expect(STYLES["severity-error"].fill).toBe(FLAG_FORMATS.error.fill);
    expect(STYLES["severity-warning"].fill).toBe(FLAG_FORMATS.warning.fill);
    expect(STYLES["severity-info"].fill).toBe(FLAG_FORMATS.info.fill);
  });

  it("has the number formats of the contract", () => {
    expect(resolveStyle(["number"]).numberFormat).toBe("#,##0");
    expect(resolveStyle(["percent"]).numberFormat).toBe("0.0%");
    expect(resolveStyle(["header", "number"])).toMatchObject({ bold: true, numberFormat: "#,##0" });
  });
});
