// @ts-check
/**
 * ESLint flat config: typescript-eslint's recommended rules, eslint-plugin-office-addins'
 * recommended rules (load before read, sync before read, no sync in loops, isNullObject, …),
 * and the architecture rules of the house style: only src/workbook/office (and the task pane's
 * entry point) touch the Excel/Office globals, and the engine stays pure.
 */
const globals = require("globals");
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");
const officePrettierConfig = require("office-addin-prettier-config");

const SOURCE_FILES = ["**/*.{js,mjs,cjs,ts,cts,mts,tsx}"];

/**
 * The plugin's recommended config registers its own (older, nested) copy of the
 * @typescript-eslint plugin and parser; flat config refuses two plugins under one name, so the
 * root typescript-eslint provides both and the rest of the config is kept as published.
 */
const officeRecommended = officeAddins.configs.recommended.map((config) => {
  if (!config.plugins) return config;
  const { "@typescript-eslint": _nested, ...plugins } = config.plugins;
  return {
    ...config,
    files: SOURCE_FILES,
    plugins,
    languageOptions: { ...config.languageOptions, parser: tseslint.parser, ecmaVersion: "latest" },
  };
});

const OFFICE_GLOBAL_MESSAGE =
  "Only src/workbook/office/ (and src/taskpane/index.tsx) may use the Office.js globals; go through the WorkbookGateway.";

/** Folders allowed to use the Office.js globals. */
const OFFICE_FOLDERS = ["src/workbook/office/**", "src/taskpane/index.tsx"];
/** The ribbon's function file must call Office.onReady (Microsoft's template), but not Excel. */
const RIBBON_FUNCTION_FILE = ["src/commands/**"];

const officeGlobals = (names) => [
  "error",
  ...names.map((name) => ({ name, message: OFFICE_GLOBAL_MESSAGE })),
];
/** `globalThis.Excel`, and types such as `Excel.Range`, which no-restricted-globals does not see. */
const officeGlobalAccess = (names) => [
  "error",
  {
    selector: `MemberExpression[object.name=/^(globalThis|window|self)$/][property.name=/^(${names.join("|")})$/]`,
    message: OFFICE_GLOBAL_MESSAGE,
  },
  { selector: `TSQualifiedName[left.name=/^(${names.join("|")})$/]`, message: OFFICE_GLOBAL_MESSAGE },
];

module.exports = tseslint.config(
  { ignores: ["dist/**", "lib/**", "coverage/**", "node_modules/**", "test-output/**"] },
  ...officeRecommended,
  // After the plugin's config, whose eslint:recommended would switch no-undef back on for TypeScript.
  ...tseslint.configs.recommended,
  {
    files: SOURCE_FILES,
    rules: {
      // Prettier with Microsoft's add-in settings (office-addin-prettier-config), at the width
      // the repository already uses. Enforced on the Office.js code and its fake (see below).
      "prettier/prettier": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["src/workbook/office/**", "tests/excel-host/**"],
    rules: {
      "prettier/prettier": ["error", { ...officePrettierConfig, printWidth: 120, endOfLine: "auto" }],
    },
  },
  {
    // The in-memory Excel implements the host side: its model objects are plain data, which the
    // office-addins rules take for proxies (anything from a get…() call), and it loads Microsoft's
    // library as office.js does, as a global script (indirect eval).
    files: ["tests/excel-host/**"],
    rules: {
      ...Object.fromEntries(Object.keys(officeAddins.rules).map((rule) => [`office-addins/${rule}`, "off"])),
      "no-eval": "off",
    },
  },
  {
    files: ["src/**"],
    ignores: [...OFFICE_FOLDERS, ...RIBBON_FUNCTION_FILE],
    rules: {
      "no-restricted-globals": officeGlobals(["Excel", "Office", "OfficeExtension", "OfficeRuntime"]),
      "no-restricted-syntax": officeGlobalAccess(["Excel", "Office", "OfficeExtension", "OfficeRuntime"]),
    },
  },
  {
    files: RIBBON_FUNCTION_FILE,
    rules: {
      "no-restricted-globals": officeGlobals(["Excel", "OfficeExtension"]),
      "no-restricted-syntax": officeGlobalAccess(["Excel", "OfficeExtension"]),
    },
  },
  {
    // The round's overview (src/review) is pure like the engine: the command line and the pane read the files.
    files: ["src/engine/**", "src/rules/**", "src/review/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "react", message: "The engine is pure: no UI." },
            { name: "react-dom", message: "The engine is pure: no UI." },
            { name: "exceljs", message: "The engine reads snapshots, not files." },
            { name: "fflate", message: "The engine reads snapshots, not files." },
          ],
          patterns: [
            {
              group: ["react/*", "react-dom/*", "@fluentui/*", "exceljs/*", "fflate/*", "office-addin-*", "@microsoft/office-js"],
              message: "The engine is pure: no UI, files or Office.js.",
            },
            {
              // ../workbook, ../../workbook/gateway, src/workbook/… (not tests/helpers/workbook)
              regex: "^(\\.\\./)+workbook(/|$)|(^|/)src/workbook(/|$)",
              message: "Dependencies point one way: src/workbook uses the engine, never the reverse.",
            },
          ],
        },
      ],
    },
  }
);
