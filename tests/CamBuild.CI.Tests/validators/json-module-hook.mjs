// Node 20 refuses `import x from "./file.json"` without an import attribute, which
// @actions/workflow-parser does; this loader hook serves such JSON files as ES modules.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (url.endsWith(".json") && !context.importAttributes?.type) {
    const text = await readFile(new URL(url), "utf8");
    return { format: "module", source: `export default ${text};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
