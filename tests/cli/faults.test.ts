// Repros of issue 14: standard output that cannot be written, --date and --recipient of a
// follow-up, a damaged manifest, and template files that are not templates.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { root, runCli, tempDir } from '../helpers.js';

const bin = join(root, 'bin/oedr.js');
let tmp: ReturnType<typeof tempDir>;
afterEach(() => tmp?.done());

describe('standard output that cannot be written (defect 8)', () => {
  it.each([['schema'], ['templates'], ['laws'], ['calendar', join(root, 'examples/campaign-finance-foi.yaml')]])('oedr %s > /dev/full exits 3 with a message', (...argv) => {
    if (!existsSync('/dev/full')) return;
    const r = spawnSync(process.execPath, [bin, ...argv], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('oedr: cannot write to standard output: the disk is full (ENOSPC); the output is incomplete [write-failed]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

function batch(): string {
  tmp = tempDir();
  cpSync(join(root, 'examples/batch'), tmp.path, { recursive: true });
  writeFileSync(join(tmp.path, 'data.csv'), 'constituency_code\n047\n');
  return tmp.path;
}

describe('check --follow-up (defects 11 and 12)', () => {
  it('with several recipients and no --recipient, is an error listing the ids, and writes nothing', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--out', join(dir, 'out'), '--format', 'md');
    expect(r.code).toBe(2);
    expect(r.err).toContain('has 4 recipients; say which one the data came from with --recipient ID (nairobi, coast, nyeri, kisumu) [recipient-choice]');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('with --recipient, writes to that recipient, named after it', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'nyeri', '--out', join(dir, 'out'), '--format', 'md');
    expect(r.code).toBe(1);
    expect(readdirSync(join(dir, 'out'))).toEqual(['results-2027-nyeri-check-follow-up.md']);
    const md = readFileSync(join(dir, 'out', 'results-2027-nyeri-check-follow-up.md'), 'utf8');
    expect(md).toContain('Central Regional Office');
    expect(md).toContain('021-nyeri');
    expect(md).not.toContain('Nairobi Regional Office');
  });

  it('an unknown --recipient is an error naming the ids', async () => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'mombasa');
    expect(r.code).toBe(2);
    expect(r.err).toContain('has no recipient "mombasa"; its recipients are nairobi, coast, nyeri, kisumu');
  });

  it.each(['2027-02-30', '0000-00-00', '2027-13-01', '27-1-1'])('--date %s is refused (exit 2) before anything is read', async (date) => {
    const dir = batch();
    const r = await runCli('check', join(dir, 'data.csv'), '--against', join(dir, 'results-2027.yaml'), '--follow-up', '--recipient', 'nyeri', '--date', date, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--date expects a real calendar date written YYYY-MM-DD, got "${date}" [bad-date]`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('a damaged manifest (defect 13)', () => {
  it.each([['{"letters":[null]}'], ['{"letters":{}}'], ['not json'], ['{"letters":[{"spec":1}]}']])('%s is rebuilt with a warning', async (text) => {
    tmp = tempDir();
    const spec = join(tmp.path, 'r.yaml');
    cpSync(join(root, 'examples/polling-station-results.yaml'), spec);
    const out = join(tmp.path, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'oedr-manifest.json'), text);
    const r = await runCli('draft', spec, '--out', out, '--format', 'md', '--no-annex');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/oedr-manifest.json: warning: the manifest is damaged \(.+\); rebuilt from its sound entries and this run's letters \[manifest-damaged\]/);
    const manifest = JSON.parse(readFileSync(join(out, 'oedr-manifest.json'), 'utf8')) as { letters: { spec: string }[] };
    expect(manifest.letters.map((l) => l.spec)).toEqual(['../r.yaml']);
  });
});

describe('template files that are not templates (defect 13)', () => {
  it('a template that is not UTF-8 is an error at its line and column', async () => {
    tmp = tempDir();
    const t = join(tmp.path, 't');
    mkdirSync(t);
    writeFileSync(join(t, 'data-request.md.hbs'), Buffer.concat([Buffer.from('Dear reader,\n\nab'), Buffer.from([0xff]), Buffer.from('c\n')]));
    const r = await runCli('draft', join(root, 'examples/polling-station-results.yaml'), '--template-dir', t, '--out', join(tmp.path, 'out'), '--format', 'md');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${join(t, 'data-request.md.hbs')}:3:3: the file is not UTF-8: byte 0xFF is not valid UTF-8; save it as UTF-8 [file-not-utf8]`);
    expect(existsSync(join(tmp.path, 'out'))).toBe(false);
  });

  it('a folder named like a template is an error naming it', async () => {
    tmp = tempDir();
    const t = join(tmp.path, 't');
    mkdirSync(join(t, 'data-request.md.hbs'), { recursive: true });
    const r = await runCli('draft', join(root, 'examples/polling-station-results.yaml'), '--template-dir', t, '--out', join(tmp.path, 'out'), '--format', 'md');
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${join(t, 'data-request.md.hbs')}: expected a file, got a directory [file-is-directory]`);
  });
});

describe('a law whose holiday calendar oedr ships no table for (defect 5)', () => {
  const law = `laws:
  - code: XX
    region: africa
    name: Access to Information Act of Exampleland
    citation: Act 1 of 2020
    year: 2020
    who_may_request: { kind: any-person }
    request: { written: true, prescribed_form: false, fee: false, purpose_required: false, text: In writing. }
    response: { period: 10, unit: working-days }
    extension: null
    appeal:
      - { step: court, body: High Court, limit: null }
    weekend: [sat, sun]
    holidays: { calendars: [XX], bank: false }
    source: Act 1 of 2020 s.5
    confidence: medium
`;
  const holidays = `holidays:
  - calendar: XX
    source: Official Gazette, notice 12 of 2026
    coverage: { from: 2027-01-01, to: 2027-12-31 }
    holidays:
      - { date: 2027-01-06, name: Founders' Day }
`;
  const setUp = (withHolidays: boolean) => {
    tmp = tempDir();
    writeFileSync(join(tmp.path, 'laws.yaml'), law + (withHolidays ? holidays : ''));
    writeFileSync(join(tmp.path, 's.yaml'), readFileSync(join(root, 'examples/polling-station-results.yaml'), 'utf8').replace(/^letter:/m, 'law: XX\nletter:'));
    return tmp.path;
  };

  it.each([
    ['deadline', '--law', 'XX', '--from', '2027-01-04'],
    ['draft', '@s.yaml', '--format', 'md', '--out', '@out'],
    ['calendar', '@s.yaml', '--out', '@x.ics'],
    ['validate', '@s.yaml'],
  ])('%s exits 1 and says how to give the holidays with --laws', async (...argv) => {
    const dir = setUp(false);
    const r = await runCli(...argv.map((a) => (a.startsWith('@') ? join(dir, a.slice(1)) : a)), '--laws', join(dir, 'laws.yaml'));
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('oedr has no holiday table for the calendar XX (it ships AR, AU,');
    expect(r.out + r.err).toContain('give its public holidays in your --laws file, under `holidays:`');
    expect(r.err).not.toMatch(/internal error|npm run holidays/);
  });

  it('with the holidays in the --laws file, deadline counts them', async () => {
    const dir = setUp(true);
    const r = await runCli('deadline', '--law', 'XX', '--from', '2027-01-04', '--laws', join(dir, 'laws.yaml'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { due: string; days: { date: string; kind: string; names: string[] }[]; holidays: { source: string } };
    // Ten working days from Monday 4 January, the 6th a holiday: Tuesday 19 January.
    expect(json.due).toBe('2027-01-19');
    expect(json.days.find((d) => d.date === '2027-01-06')).toMatchObject({ kind: 'holiday', names: ["Founders' Day"] });
    expect(json.holidays.source).toBe('Official Gazette, notice 12 of 2026');
    const drafted = await runCli('draft', join(dir, 's.yaml'), '--laws', join(dir, 'laws.yaml'), '--format', 'md', '--out', join(dir, 'out'));
    expect(drafted.code, drafted.err).toBe(0);
  });

  it('a holiday outside the table\'s coverage is an error at its place', async () => {
    const dir = setUp(true);
    writeFileSync(join(dir, 'laws.yaml'), law + holidays.replace('2027-01-06', '2028-01-06'));
    const r = await runCli('laws', '--laws', join(dir, 'laws.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/laws\.yaml:22:17 holidays\[0\]\.holidays\[0\]\.date: a holiday outside the coverage \(2027-01-01 to 2027-12-31\)/);
  });
});

describe('extends and recipients stay inside the spec\'s folder or --root', () => {
  const setUp = () => {
    tmp = tempDir();
    const repo = join(tmp.path, 'repo');
    mkdirSync(join(repo, 'specs'), { recursive: true });
    cpSync(join(root, 'examples/batch'), join(repo, 'specs'), { recursive: true });
    writeFileSync(join(tmp.path, 'secret.yaml'), 'root:x:0:0:root:/root:/bin/bash: 1\nhunter2: password\n');
    writeFileSync(join(tmp.path, 'secret.csv'), 'root:x:0:0:hunter2\n');
    return repo;
  };
  const spec = (repo: string, from: string, to: string) => {
    const file = join(repo, 'specs', 'results-2027.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
    return file;
  };

  it.each([
    ['extends', 'extends: _profile.yaml', 'extends: ../../secret.yaml'],
    ['extends, absolute', 'extends: _profile.yaml', 'extends: SECRET'],
    ['recipients', 'recipients: _regional-offices.csv', 'recipients: ../../secret.csv'],
  ])('%s outside the tree is refused (exit 3) without a word of the file', async (_name, from, to) => {
    const repo = setUp();
    const file = spec(repo, from, to.replace('SECRET', join(tmp.path, 'secret.yaml')));
    for (const argv of [['validate', file], ['draft', file, '--out', join(tmp.path, 'out')], ['calendar', file], ['check', join(tmp.path, 'secret.csv'), '--against', file]]) {
      const r = await runCli(...argv);
      expect(r.code, `${argv[0]}: ${r.err}`).toBe(3);
      expect(r.err).toMatch(/is outside .*; a spec may name profiles and recipient lists only in its own folder and below it, or below a folder given with --root \[outside-root\]/);
      expect(r.out + r.err).not.toMatch(/hunter2|root:x/);
    }
  });

  it('a link inside the tree that leads out is refused too', async () => {
    const repo = setUp();
    symlinkSync(join(tmp.path, 'secret.yaml'), join(repo, 'specs', '_link.yaml'));
    const r = await runCli('validate', spec(repo, 'extends: _profile.yaml', 'extends: _link.yaml'));
    expect(r.code).toBe(3);
    expect(r.err).toContain('[outside-root]');
  });

  it('--root widens the tree; a file there that is no profile is named, not echoed', async () => {
    const repo = setUp();
    cpSync(join(repo, 'specs', '_profile.yaml'), join(repo, '_org.yaml'));
    const up = spec(repo, 'extends: _profile.yaml', 'extends: ../_org.yaml');
    expect((await runCli('validate', up)).code).toBe(3);
    expect((await runCli('validate', up, '--root', repo)).code).toBe(0);
    writeFileSync(join(repo, '_org.yaml'), 'root:x:0:0:root:/root:/bin/bash: 1\nhunter2: password\n');
    const r = await runCli('validate', up, '--root', repo);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(repo, 'specs', '../_org.yaml')}:1:1: this is not a profile: expected a YAML mapping with some of a spec's keys`);
    expect(r.err).not.toMatch(/hunter2|root:x/);
  });

  it('a recipient list that is no recipient list is named, not echoed', async () => {
    const repo = setUp();
    writeFileSync(join(repo, 'specs', '_regional-offices.csv'), 'root:x:0:0:hunter2\n');
    const r = await runCli('validate', join(repo, 'specs', 'results-2027.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('_regional-offices.csv:1:1: this is not a recipient list: its first row names none of the columns it needs (id, institution, office, ...) [not-a-recipient-list]');
    expect(r.err).not.toMatch(/hunter2|root:x/);
  });
});
