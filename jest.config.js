/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/tests/helpers/office-addin-manifest-stub.js",
    "\\.(css|png|svg)$": "<rootDir>/tests/helpers/file-stub.js",
  },
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "/lib/", "/tests/browser/"],
  testTimeout: 60000,
  // Probes LibreOffice and xmllint once: a missing one is one line (or, in CI, a failed run).
  globalSetup: "<rootDir>/tests/helpers/globalSetup.ts",
};
