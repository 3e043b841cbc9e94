/**
 * One section of the bench per process (so one section's heap and JIT state do not colour the
 * next), started by scripts/bench.js:
 *   node --expose-gc build/bench/bench/main.js --section engine|office|cli|round|bundle|report [--quick] [--reuse-dist]
 * --quick: smaller sizes and fewer runs, for trying the bench itself (not for the report).
 */
import { bundleBench } from "./bundleBench";
import { cliBench, type CliCase } from "./cliBench";
import { engineBench } from "./engineBench";
import { officeBench } from "./officeBench";
import { roundBench } from "./roundBench";
import { writeReport } from "./report";
import { log, runSection } from "./results";

const SIZES = [100, 1_000, 10_000, 100_000];
const QUICK_SIZES = [100, 1_000, 10_000];

async function main(argv: string[]): Promise<void> {
  const section = argv[argv.indexOf("--section") + 1];
  const quick = argv.includes("--quick");
  const sizes = quick ? QUICK_SIZES : SIZES;
  switch (section) {
    case "engine":
      await runSection("engine", () => engineBench(sizes));
      return;
    case "office":
      await runSection("office", () => officeBench(sizes, quick ? 1_000 : 100_000, [10_000]));
      return;
    case "cli": {
      const cases: CliCase[] = [
        { label: "1,000 rows", budgetRows: 1_000, runs: quick ? 3 : 7 },
        { label: "target: 20,000 + 5,000 members", budgetRows: 20_000, memberRows: 5_000, incomeRows: 4_000, runs: quick ? 3 : 7 },
      ];
      if (!quick) cases.push({ label: "100,000 rows", budgetRows: 100_000, runs: 5 });
      await runSection("cli", () => cliBench(cases));
      return;
    }
    case "round":
      await runSection("round", () => roundBench(quick));
      return;
    case "bundle":
      await runSection("bundle", () => bundleBench(argv.includes("--reuse-dist")));
      return;
    case "report":
      log(`wrote ${writeReport()}`);
      return;
    default:
      throw new Error(`unknown section '${section}' (engine, office, cli, round, bundle, report)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
