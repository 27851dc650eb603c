// The example specs and the starter template are what newcomers copy: they must validate with no
// errors and no warnings, and the JSON Schema they point their editors at must be current.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { specJsonSchema } from '../../src/spec/json-schema.js';
import { loadSpec } from '../../src/spec/load.js';

const root = new URL('../../', import.meta.url);
const examples = (await readdir(new URL('examples/', root))).filter((f) => f.endsWith('.yaml')).sort();
const specs = [...examples.map((f) => `examples/${f}`), 'templates/starter.yaml'];

describe('example specs', () => {
  test('there are the three documented examples', () => {
    expect(examples).toEqual(['campaign-finance-foi.yaml', 'polling-station-results.yaml', 'voter-registration-statistics.yaml']);
  });

  test.each(specs)('%s validates with no errors and no warnings', async (file) => {
    const loaded = await loadSpec(fileURLToPath(new URL(file, root)));
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(loaded.spec).toBeDefined();
  });

  test.each(examples)('%s points editors at the committed schema and says what it shows', async (file) => {
    const text = await readFile(new URL(`examples/${file}`, root), 'utf8');
    const [first, second, third] = text.split('\n');
    expect(first).toBe('# yaml-language-server: $schema=../schema/oedr.schema.json');
    expect(second).toBe('#');
    expect(third).toMatch(/^# Example: /);
  });

  test('the examples between them cover both letter kinds and names with diacritics', async () => {
    const loaded = await Promise.all(examples.map((f) => loadSpec(fileURLToPath(new URL(`examples/${f}`, root)))));
    expect(new Set(loaded.map((l) => l.spec!.letter.kind))).toEqual(new Set(['data-request', 'foi-request']));
    const names = loaded.flatMap((l) => l.spec!.requester.co_signers.map((c) => c.signatory?.name ?? ''));
    expect(names.some((n) => /[^\x00-\x7f]/.test(n))).toBe(true);
  });
});

test('schema/oedr.schema.json is up to date with the zod schema', async () => {
  const committed = await readFile(new URL('schema/oedr.schema.json', root), 'utf8');
  // toEqual on long strings gives an unreadable diff; say what to do instead.
  expect(committed === specJsonSchema(), 'schema/oedr.schema.json is stale: run `npm run schema` and commit the result').toBe(true);
});
