// Profiles (`extends:`): the merge rules, and diagnostics that point into the file a value came from.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../src/errors.js';
import { loadSpec } from '../../src/spec/load.js';
import { mergeLayers, type Layer } from '../../src/spec/layers.js';
import { tempDir } from '../helpers.js';

const tmp = tempDir();
afterAll(() => tmp.done());
let n = 0;

/** Writes the files into a fresh folder and loads `spec.yaml` from it; messages are relative to it. */
async function load(files: Record<string, string>) {
  const dir = join(tmp.path, `case-${++n}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const loaded = await loadSpec(join(dir, 'spec.yaml'));
  const messages = loaded.diagnostics.map((d) => formatDiagnostic(d).replaceAll(`${dir}/`, ''));
  return { loaded, messages };
}

const PROFILE = `letter:
  language: fr
requester:
  organisation: Election Watch
  email: data@example.test
  signatory: { name: A. N. Tester, title: Director }
  co_signers:
    - organisation: Partner One
    - organisation: Partner Two
delivery:
  channel: portal
`;

const SPEC = `extends: _profile.yaml
letter:
  date: 2027-03-01
  subject: Results by polling station
recipient:
  institution: National Election Commission
datasets:
  - title: Results
    description: Results by polling station
    needed_by: 2027-04-01
`;

describe('merge rules', () => {
  test('mappings merge key by key and recursively; the spec wins; lists and values from the spec replace the whole', async () => {
    const { loaded, messages } = await load({
      '_profile.yaml': PROFILE,
      'spec.yaml': `${SPEC}requester:\n  signatory: { title: Chair }\n  co_signers:\n    - organisation: Partner Three\ndelivery:\n  details: https://portal.example.test\n`,
    });
    expect(messages).toEqual([]);
    const spec = loaded.spec!;
    expect(spec.letter).toMatchObject({ language: 'fr', date: '2027-03-01', subject: 'Results by polling station' });
    expect(spec.requester.organisation).toBe('Election Watch');
    expect(spec.requester.signatory).toEqual({ name: 'A. N. Tester', title: 'Chair' });
    expect(spec.requester.co_signers).toEqual([{ organisation: 'Partner Three' }]);
    expect(spec.delivery).toEqual({ channel: 'portal', details: 'https://portal.example.test' });
    expect(loaded.sources!.map((s) => s.file.split('/').at(-1))).toEqual(['spec.yaml', '_profile.yaml']);
  });

  test('a profile may extend another; each path is relative to the file that names it; nearer files win', async () => {
    const { loaded, messages } = await load({
      'shared/_base.yaml': 'requester:\n  organisation: Base Org\n  email: base@example.test\n  signatory: { name: Base Signer }\n',
      'shared/_org.yaml': 'extends: _base.yaml\nrequester:\n  organisation: Org\n',
      'spec.yaml': SPEC.replace('_profile.yaml', 'shared/_org.yaml'),
    });
    expect(messages).toEqual([]);
    expect(loaded.spec!.requester).toMatchObject({ organisation: 'Org', email: 'base@example.test', signatory: { name: 'Base Signer' } });
    expect(loaded.sources!.map((s) => s.file.split('/').slice(-2).join('/'))).toEqual(['case-2/spec.yaml', 'shared/_org.yaml', 'shared/_base.yaml']);
  });

  test('the origin of a path is the layer its value came from, or the nearest parent for a missing key', () => {
    const layer = (file: string, data: unknown): Layer => ({ data, locate: (p) => ({ file, line: p.length, col: 1 }), sourceAt: () => file });
    const view = mergeLayers([layer('spec', { a: { x: 1 }, l: [1] }), layer('profile', { a: { y: 2 }, l: [2, 3], b: 'p' })]);
    expect(view.data).toEqual({ a: { x: 1, y: 2 }, l: [1], b: 'p' });
    expect(view.locate(['a', 'y']).file).toBe('profile');
    expect(view.locate(['a', 'x']).file).toBe('spec');
    expect(view.locate(['l', 0]).file).toBe('spec');
    expect(view.locate(['a', 'missing'])).toEqual({ file: 'spec', line: 2, col: 1 });
    expect(view.sourceAt(['b'])).toBe('profile');
    expect(view.sourceAt(['l', 1])).toBeUndefined(); // the profile's second item is replaced, not kept
  });
});

describe('diagnostics in profiles', () => {
  test('a misspelt key and a bad email in the profile are reported at the profile\'s line and column', async () => {
    const { loaded, messages } = await load({
      '_profile.yaml': PROFILE.replace('data@example.test', 'data(at)example.test').replace('delivery:', 'delivry:'),
      'spec.yaml': SPEC,
    });
    expect(messages).toEqual([
      '_profile.yaml:5:10 requester.email: expected an email address such as name@example.org; got "data(at)example.test" [format]',
      '_profile.yaml:10:1 delivry: unknown key `delivry` (did you mean `delivery`?) [unknown-key]',
    ]);
    expect(loaded.spec).toBeUndefined();
  });

  test('an error in a chained profile points into that profile; one in the spec into the spec', async () => {
    const { messages } = await load({
      '_base.yaml': 'requester:\n  organisation: Base Org\n  email: base@example.test\n  website: www.example.test\n  signatory: { name: Base Signer }\n',
      '_profile.yaml': 'extends: _base.yaml\nletter:\n  language: english_uk\n',
      'spec.yaml': SPEC.replace('date: 2027-03-01', 'date: 2027-02-30'),
    });
    expect(messages).toEqual([
      'spec.yaml:3:9 letter.date: expected a real calendar date (YYYY-MM-DD); got "2027-02-30", a day that does not exist [format]',
      '_profile.yaml:3:13 letter.language: expected a BCP 47 language tag such as en, fr or pt-BR; got "english_uk" [format]',
      '_base.yaml:4:12 requester.website: expected a web address starting with https://; got "www.example.test" [format]',
    ]);
  });

  test('a cycle of profiles is an error naming the chain, at the `extends` that closes it', async () => {
    const { messages } = await load({
      '_a.yaml': 'extends: _b.yaml\n',
      '_b.yaml': 'requester:\n  organisation: B\nextends: _a.yaml\n',
      'spec.yaml': SPEC.replace('_profile.yaml', '_a.yaml'),
    });
    expect(messages).toEqual([
      '_b.yaml:3:10 extends: the profiles extend each other in a loop: _a.yaml -> _b.yaml -> _a.yaml; remove one of these `extends` [extends-cycle]',
    ]);
  });

  test('a missing profile or a folder is reported at the `extends` value that names it', async () => {
    expect((await load({ 'spec.yaml': SPEC })).messages).toEqual([
      'spec.yaml:1:10 extends: cannot read the profile "_profile.yaml" (_profile.yaml): no such file [file-missing]',
    ]);
    expect((await load({ '_profile.yaml/x': '', 'spec.yaml': SPEC })).messages).toEqual([
      'spec.yaml:1:10 extends: cannot read the profile "_profile.yaml" (_profile.yaml): expected a YAML file, got a directory [file-is-directory]',
    ]);
  });

  test('a profile that is not a mapping, a YAML error in it, and `extends` that is not a path', async () => {
    expect((await load({ '_profile.yaml': '- requester\n', 'spec.yaml': SPEC })).messages).toEqual([
      '_profile.yaml:1:1: this is not a profile: expected a YAML mapping with some of a spec\'s keys (oedr, letter, requester, recipient, datasets, ...) [not-a-profile]',
    ]);
    expect((await load({ '_profile.yaml': 'requester:\n  email: a@example.test\n  email: b@example.test\n', 'spec.yaml': SPEC })).messages).toEqual([
      '_profile.yaml:3:3 requester.email: the key `email` appears twice in this mapping (first on line 2); keep one [duplicate-key]',
    ]);
    expect((await load({ 'spec.yaml': SPEC.replace('extends: _profile.yaml', 'extends: [a, b]') })).messages).toEqual([
      'spec.yaml:1:10 extends: expected the path of a profile, such as _profile.yaml, relative to this file; got a list of 2 [type]',
    ]);
  });
});
