/**
 * Preloaded (`node -r`) into the measured child processes: at exit, writes which heavy modules
 * were loaded and the process's own resource usage to the file named by BENCH_HOOK_OUT. This is
 * how the bench checks that a plain `alliance-check FILE` never loads ExcelJS.
 */
import * as fs from "fs";
import * as path from "path";

const out = process.env.BENCH_HOOK_OUT;
if (out) {
  process.on("exit", () => {
    const modules = Object.keys(require.cache);
    const loaded = (name: string): boolean => modules.some((file) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`));
    const usage = process.resourceUsage();
    fs.writeFileSync(
      out,
      JSON.stringify({
        exceljs: loaded("exceljs"),
        fflate: loaded("fflate"),
        zod: loaded("zod"),
        modules: modules.length,
        maxRssKiB: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
      }),
    );
  });
}
