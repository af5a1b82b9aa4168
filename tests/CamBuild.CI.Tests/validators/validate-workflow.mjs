// Validates GitHub Actions workflow files with GitHub's own parser (@actions/workflow-parser)
// and with SchemaStore's JSON schema (Ajv, draft-07).
// Usage: node validate-workflow.mjs [--schema <github-workflow.json>] <workflow.yml>...
// Exit codes: 0 all valid, 1 at least one invalid (messages on stdout), 2 usage error.
import { readFile } from "node:fs/promises";
import { register } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

register("./json-module-hook.mjs", import.meta.url);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
const { default: Ajv } = await import("ajv");
const { default: addFormats } = await import("ajv-formats");
const YAML = await import("yaml");

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let schemaPath = resolve(here, "../../../../shared/schemas/github-workflow.json");
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--schema" && i + 1 < args.length) schemaPath = resolve(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error("usage: node validate-workflow.mjs [--schema <github-workflow.json>] <workflow.yml>...");
  process.exit(2);
}

let schema;
try {
  schema = JSON.parse(await readFile(schemaPath, "utf8"));
} catch (error) {
  console.error(`cannot read the workflow schema '${schemaPath}': ${error.message}; pass --schema <path>`);
  process.exit(2);
}
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

async function parserErrors(name, content) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  if (result.value) await convertWorkflowTemplate(result.context, result.value);
  return result.context.errors.getErrors().map((e) => `workflow-parser: ${e.message}`);
}

function schemaErrors(content) {
  const documents = YAML.parseAllDocuments(content);
  const yamlErrors = documents.flatMap((d) => d.errors.map((e) => `yaml: ${e.message}`));
  if (yamlErrors.length > 0) return yamlErrors;
  if (validateSchema(documents[0].toJS())) return [];
  return validateSchema.errors.map(
    (e) => `schema: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

let invalid = 0;
for (const file of files) {
  const content = await readFile(file, "utf8");
  const errors = [...(await parserErrors(file, content)), ...schemaErrors(content)];
  if (errors.length === 0) {
    console.log(`VALID ${file}`);
  } else {
    invalid++;
    console.log(`INVALID ${file}`);
    for (const message of errors) console.log(`  ${message}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
