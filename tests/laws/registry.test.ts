// The built-in registry validates row by row, and user files add or override laws by code with
// errors reported at file:line:col.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { OedrError } from '../../src/errors.js';
import { BUILTIN_LAWS, loadLaws, parseLaws } from '../../src/laws/registry.js';
import { Law } from '../../src/laws/schema.js';

const raw = parse(readFileSync(BUILTIN_LAWS, 'utf8')) as { laws: { code: string }[] };

describe('built-in registry', () => {
  test.each(raw.laws.map((row) => [row.code, row] as const))('%s validates against the schema', (_code, row) => {
    const r = Law.safeParse(row);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  test('laws.yaml parses with no diagnostics, and laws/registry/ (what oedr loads) is generated from it, file for file', async () => {
    const fromYaml = await parseLaws(readFileSync(BUILTIN_LAWS, 'utf8'), 'laws.yaml');
    expect(fromYaml).toHaveLength(raw.laws.length);
    const build = (await import(new URL('../../scripts/build-holidays.mjs', import.meta.url).href)) as { registryFiles(d: unknown): Map<string, string> };
    const expected = build.registryFiles(raw);
    const dir = new URL('registry/', BUILTIN_LAWS);
    expect(readdirSync(dir).sort(), 'laws/registry/ has other files than laws.yaml makes: run npm run holidays').toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(new URL(name, dir), 'utf8'), `laws/registry/${name} is stale: run npm run holidays`).toBe(text);
  });

  test('a command that needs one law reads only that row; the codes come from the index', async () => {
    const registry = await loadLaws();
    expect(registry.codes).toEqual(raw.laws.map((l) => l.code).sort());
    expect(registry.get('ke')?.code).toBe('KE');
    expect(registry.get('../index')).toBeUndefined();
    // Every row, by the schema, once more through the loader (what `oedr laws` lists).
    expect(registry.laws.map((l) => Law.safeParse(l).success)).toEqual(registry.codes.map(() => true));
  });

  test('at least 30 jurisdictions in every region, unique codes, sorted output', async () => {
    const { laws } = await loadLaws();
    expect(laws.length).toBeGreaterThanOrEqual(30);
    expect(new Set(laws.map((l) => l.region))).toEqual(new Set(['africa', 'americas', 'asia', 'europe', 'middle-east-north-africa', 'oceania']));
    expect(laws.map((l) => l.code)).toEqual([...new Set(raw.laws.map((l) => l.code))].sort());
  });

  test('every holiday calendar named by a law has a shipped table', async () => {
    const { laws } = await loadLaws();
    for (const id of laws.flatMap((l) => l.holidays.calendars)) {
      expect(existsSync(new URL(`holidays/${id}.json`, BUILTIN_LAWS)), id).toBe(true);
    }
  });

  test('weekends: Fri+Sat in JO and BD, Sat only in NP, Sat+Sun elsewhere (incl. ET)', async () => {
    const { laws } = await loadLaws();
    const odd = Object.fromEntries(laws.filter((l) => l.weekend.join() !== 'sat,sun').map((l) => [l.code, l.weekend]));
    expect(odd).toEqual({ BD: ['fri', 'sat'], JO: ['fri', 'sat'], NP: ['sat'] });
  });

  test('rows without a verified period or with unverified day counting are not high confidence', async () => {
    const { laws } = await loadLaws();
    for (const l of laws.filter((x) => !x.response)) expect(l.confidence, l.code).toBe('low');
    expect(Object.fromEntries(['MX', 'KG', 'LR', 'ET', 'MD', 'ZM', 'MW'].map((c) => [c, laws.find((l) => l.code === c)?.confidence])))
      .toEqual({ MX: 'low', KG: 'low', LR: 'low', ET: 'low', MD: 'low', ZM: 'low', MW: 'low' });
  });
});

const made: string[] = [];
afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

async function userFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oedr-laws-'));
  made.push(dir);
  const file = join(dir, 'my-laws.yaml');
  await writeFile(file, text);
  return file;
}

const zmRow = `laws:
  - code: ZM
    region: africa
    name: Access to Information Act, 2023
    citation: Act No. 24 of 2023
    year: 2023
    who_may_request: { kind: citizens-and-residents }
    request: { written: false, prescribed_form: null, fee: null, purpose_required: null, text: "Written or oral." }
    response: { period: 14, unit: calendar-days }
    extension: null
    appeal:
      - { step: court, body: High Court, limit: null }
    weekend: [sat, sun]
    holidays: { calendars: [ZM], bank: false }
    source: "Our own reading of the Act, s.X"
    confidence: medium
`;

describe('user laws file (--laws)', () => {
  test('a row with an existing code replaces the built-in row whole; others stay', async () => {
    const file = await userFile(zmRow);
    const reg = await loadLaws(file);
    expect(reg.get('ZM')).toMatchObject({ response: { period: 14, unit: 'calendar-days' }, confidence: 'medium' });
    expect(reg.get('ZM')!.notes).toBeUndefined();
    expect(reg.origin('ZM')).toBe(file);
    expect(reg.get('KE')!.response).toEqual({ period: 21, unit: 'calendar-days' });
    expect(reg.laws).toHaveLength(raw.laws.length);
  });

  test('a new code is added', async () => {
    const reg = await loadLaws(await userFile(zmRow.replace('code: ZM', 'code: ZW')));
    expect(reg.laws).toHaveLength(raw.laws.length + 1);
    expect(reg.get('zw')?.code).toBe('ZW');
  });

  test('schema errors are reported at file:line:col with the path', async () => {
    const file = await userFile(zmRow.replace('unit: calendar-days }', 'unit: calender-days }').replace('    confidence: medium', '    confidence: medium\n    confidance: high'));
    const err = await loadLaws(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OedrError);
    const lines = (err as OedrError).message.split('\n');
    // line 9 is `    response: { period: 14, unit: calender-days }`; the value starts in column 35.
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(file)}:9:35 laws\\[0\\]\\.response\\.unit: expected one of working-days, calendar-days; got "calender-days".*\\[enum\\]$`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${escape(file)}:17:5 laws\\[0\\]\\.confidance: unknown key \`confidance\` \\(did you mean \`confidence\`\\?\\) \\[unknown-key\\]$`)));
  });

  test('an unknown key inside an appeal step gets a suggestion from that step\'s keys', async () => {
    const bad = zmRow.replace('body: High Court, limit: null', 'body: High Court, limt: null');
    // `      - { step: court, body: High Court, limt: null }`: the key starts in column 42; no 'missing limit' error.
    // `      - { step: court, body: High Court, limt: null }`: the key starts in column 42, and no
    // second error says `limit` is missing.
    await expect(parseLaws(bad, 'a.yaml')).rejects.toThrow(/^a\.yaml:12:42 laws\[0\]\.appeal\[0\]\.limt: unknown key `limt` \(did you mean `limit`\?\) \[unknown-key\]$/);
  });

  test('YAML syntax errors and duplicate codes are reported with their place', async () => {
    await expect(parseLaws('laws:\n  - code: [KE\n', 'x.yaml')).rejects.toThrow(/^x\.yaml:\d+:\d+: invalid YAML/);
    const twice = zmRow + zmRow.replace('laws:\n', '');
    await expect(parseLaws(twice, 'y.yaml')).rejects.toThrow(/^y\.yaml:17:11 laws\[1\]\.code: code ZM already used by laws\[0\]; got "ZM" \[invalid\]$/);
  });

  test('an extension in another unit than the response period is refused', async () => {
    const bad = zmRow.replace('extension: null', 'extension: { period: 5, unit: working-days }');
    await expect(parseLaws(bad, 'z.yaml')).rejects.toThrow(/z\.yaml:10:\d+ laws\[0\]\.extension\.unit: the extension must use the response period's unit \(calendar-days\)/);
  });

  test('a missing or empty user file is an input error naming the file', async () => {
    await expect(loadLaws('/nonexistent/laws.yaml')).rejects.toThrow(/^\/nonexistent\/laws\.yaml: no such file \[file-missing\]$/);
    await expect(loadLaws(await userFile('# nothing\n'))).rejects.toThrow(/the laws file is empty/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
