// Validates CycloneDX 1.6 JSON files with the official library's strict JSON validator (additional properties refused).
// Usage: node validate-cyclonedx.mjs FILE...; prints "FILE: ok" or the validator's errors; exit 1 on any error.
import { readFile } from 'node:fs/promises';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';

const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
let failed = false;
for (const file of process.argv.slice(2)) {
  const errors = await validator.validate(await readFile(file, 'utf8'));
  if (errors === null) {
    console.log(`${file}: ok`);
  } else {
    failed = true;
    console.log(`${file}: INVALID\n${JSON.stringify(errors, null, 2)}`);
  }
}
process.exit(failed ? 1 : 0);
