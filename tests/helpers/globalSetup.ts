/**
 * Jest's global setup: probes the programs outside npm once, before any test file runs, so that a
 * missing one is one line at the top of the run (or, in CI, a failed run), not a line per file.
 */
import { TOOLS, Tool, toolAvailable } from "./tools";

/** Jest takes the global setup as the module's default export. */
export default function globalSetup(): void {
  const required: string[] = [];
  for (const tool of Object.keys(TOOLS) as Tool[]) {
    try {
      toolAvailable(tool);
    } catch (error) {
      required.push((error as Error).message);
    }
  }
  // Every missing program at once, so CI's log says everything to install in one go.
  if (required.length > 0) throw new Error(required.join("; "));
}
