/* Webpack build of the task pane and the ribbon's function file, after Microsoft's
 * Office-Addin-TaskPane-React template.
 *
 *   npm run build        production build in dist/ (manifest URLs rewritten to URL_PROD)
 *   npm run build:dev    development build in dist/
 *   npm run dev-server   http://127.0.0.1:3000/ with live reload
 *
 * The dev server speaks plain http: office-addin-dev-certs installs its CA with sudo, which our
 * Linux machines lack. The browser preview and the tests need no https. To sideload into desktop
 * Excel (Windows/macOS), run `npx office-addin-dev-certs install` once; when its certificate
 * exists in ~/.office-addin-dev-certs, the dev server switches to https://localhost:3000/ to
 * match manifest.xml.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const URL_DEV = "https://localhost:3000/";
// CHANGE THIS to the production deployment location (or set ADDIN_PUBLIC_URL when building).
const URL_PROD_PLACEHOLDER = "https://alliance-check.example.org/";
const DEV_SERVER_PORT = 3000;
const DEV_CERTS_DIR = path.join(os.homedir(), ".office-addin-dev-certs");

function productionUrl() {
  const url = process.env.ADDIN_PUBLIC_URL || URL_PROD_PLACEHOLDER;
  if (!/^https:\/\/[^/]+\/(.*\/)?$/.test(url)) {
    throw new Error(`ADDIN_PUBLIC_URL must be an https URL ending in "/", got "${url}"`);
  }
  return url;
}

/** https options from office-addin-dev-certs' files, when a developer has installed them. */
function devCertificates() {
  const files = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
  const paths = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.join(DEV_CERTS_DIR, file)]));
  if (!Object.values(paths).every((file) => fs.existsSync(file))) return undefined;
  return Object.fromEntries(Object.entries(paths).map(([name, file]) => [name, fs.readFileSync(file)]));
}

module.exports = (env, argv) => {
  const dev = argv.mode === "development";
  const urlProd = dev ? undefined : productionUrl();
  const certificates = dev ? devCertificates() : undefined;

  return {
    mode: dev ? "development" : "production",
    // Not an eval-based devtool: the task pane's Content-Security-Policy forbids eval.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Content hashes: Office caches add-in files aggressively.
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      chunkFilename: dev ? "[name].js" : "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              // Type checking is `npm run typecheck`; here only transpile, fast.
              transpileOnly: true,
              // tsconfig.json says commonjs/noEmit for jest and the CLI; ES modules let webpack
              // tree-shake and keep dynamic import() as separate chunks.
              compilerOptions: { module: "esnext", noEmit: false, sourceMap: true },
            },
          },
        },
        {
          test: /\.(png|jpe?g|gif|svg|ico|woff2?|ttf)$/,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    optimization: {
      // Libraries go to their own chunks, so the task pane's first chunk stays small and
      // lazily imported code (the .xlsx reader of the browser preview) loads only when used.
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // The zip package layer, which the reader, the waivers and the writers all need: one
          // chunk, loaded when a workbook is opened, instead of a copy in each of theirs.
          xlsxPackage: {
            test: /[\\/]src[\\/]workbook[\\/]xlsx[\\/](?:package|readZip|limits)\.ts$/,
            name: "xlsx-package",
            chunks: "async",
            enforce: true,
          },
          // The layout writer, shared by the annotated copy and the template: loaded only when one
          // is written, never when a workbook is opened (waivers need only the package layer).
          xlsxWriter: {
            test: /[\\/]src[\\/]workbook[\\/]xlsx[\\/]writeLayout\.ts$/,
            name: "xlsx-writer",
            chunks: "async",
            enforce: true,
          },
        },
      },
    },
    // React + Fluent UI make an initial task pane of about 300 KiB; a warning past 512 KiB usually
    // means a heavy library (ExcelJS, about 900 KiB) got imported statically instead of lazily.
    performance: {
      hints: dev ? false : "warning",
      assetFilter: (file) => file.endsWith(".js"),
      maxEntrypointSize: 512 * 1024,
      maxAssetSize: 1536 * 1024,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform: (content) => (urlProd ? content.toString().split(URL_DEV).join(urlProd) : content),
          },
          // Sample workbooks for the browser preview; produced separately (npm run samples).
          { from: "samples/*.xlsx", to: "samples/[name][ext]", noErrorOnMissing: true },
        ],
      }),
    ],
    devServer: {
      host: certificates ? "localhost" : "127.0.0.1",
      port: DEV_SERVER_PORT,
      server: certificates ? { type: "https", options: certificates } : { type: "http" },
      hot: true,
    },
  };
};
