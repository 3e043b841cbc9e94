/**
 * Jest with swc as a transpile-only transform: `npm test` type-checks once with `tsc --noEmit`
 * (npm run typecheck) and jest only strips the types, file by file, as ts-jest did with
 * diagnostics off but several times faster. The swc options mirror tsconfig.json: ES2020 classes
 * (no define semantics for fields, as tsc emits for that target), CommonJS, React's automatic
 * JSX runtime; .ts files are parsed without JSX so that `<T>value` casts stay casts.
 */
const os = require("os");

const swc = (tsx) => [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx },
      target: "es2020",
      keepClassNames: true,
      transform: { useDefineForClassFields: false, react: { runtime: "automatic" } },
    },
    module: { type: "commonjs" },
    sourceMaps: "inline",
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.ts$": swc(false),
    "^.+\\.tsx$": swc(true),
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/tests/helpers/office-addin-manifest-stub.js",
    "\\.(css|png|svg)$": "<rootDir>/tests/helpers/file-stub.js",
  },
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "/lib/", "/tests/browser/"],
  testTimeout: 60000,
  // The profile × flow table of tests/excel/flows.test.tsx, after the usual report.
  reporters: ["default", "<rootDir>/tests/excel/flowTable.js"],
  // Jest's default, one worker fewer than the cores, is a single worker on CI's two cores. Most
  // of the time goes to LibreOffice and child processes, and the type check is already done, so
  // two workers there (and the default on larger machines) finish about a quarter sooner.
  maxWorkers: Math.max(2, (os.availableParallelism?.() ?? os.cpus().length) - 1),
  // Probes LibreOffice and xmllint once: a missing one is one line (or, in CI, a failed run).
  globalSetup: "<rootDir>/tests/helpers/globalSetup.ts",
};
