/**
 * Check a questionnaire definition file before uploading it.
 *
 *   npm run --silent questionnaire:check -- <file.json|file.xlsx> [--json]
 *
 * Prints every problem, one per line as `row field: message` (rows are `Questions!7` in a
 * spreadsheet, JSON paths like `clusters[0].articles[1].questions[2]` in a JSON file), and exits
 * 1 when there is any. With --json and no problem, prints the parsed definition (defaults filled).
 * Exit codes: 0 valid, 1 problems found, 2 bad arguments or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatIssue } from '#shared/domain/questionnaire/check.ts';
import { checkDefinitionFile } from '#shared/domain/questionnaire/workbook.ts';

const fail = (message: string): never => {
  process.stderr.write(`questionnaire:check: ${message}\n`);
  process.exit(2);
};

const { values, positionals } = (() => {
  try {
    return parseArgs({
      options: { json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    return fail((e as Error).message);
  }
})();
if (positionals.length !== 1) fail('usage: questionnaire:check -- <file.json|file.xlsx> [--json]');
const file = positionals[0] as string;
if (!/\.(json|xlsx)$/i.test(file)) fail(`${file}: the file name must end in .json or .xlsx`);

const bytes = (() => {
  try {
    return readFileSync(file);
  } catch (e) {
    return fail(`${file}: ${(e as Error).message}`);
  }
})();

const result = await checkDefinitionFile(bytes);
if (!result.ok) {
  process.stdout.write(`${result.issues.map(formatIssue).join('\n')}\n`);
  process.exit(1);
}
if (values.json) process.stdout.write(`${JSON.stringify(result.definition, null, 2)}\n`);
