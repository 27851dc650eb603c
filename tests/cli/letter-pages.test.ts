// The layout rules on many generated letters, drafted by `oedr draft` from the examples with their
// shape varied (datasets 1-3, fields 1-20, co-signers 0-3, a data request with its treaty note or
// an FoI filing without one, with or without the plain-words annex) and read back page by page
// from the PDFs: no page under five lines but an annex's last, the signers and the whole note on
// the closing's page, and the two-page limit of issue 16.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../../src/cli/main.js';
import { captureIo, root, tempDir } from '../helpers.js';
import { pageLines } from '../pdf-pages.js';

/** A spec as parsed YAML, changed freely before it is written back. */
type Spec = Record<string, any>;
const example = (name: string): Spec => parse(readFileSync(join(root, 'examples', `${name}.yaml`), 'utf8'));
const ANNEX = 'Annex: the file format in plain words';
const coSigners = [
  { organisation: 'Fundacja Przejrzyste Wybory', signatory: { name: 'Małgorzata Wójcik-Żurawska', title: 'Prezes Zarządu' } },
  { organisation: 'Youth Agenda for Open Data', signatory: { name: 'Kevin Kiprono', title: 'National Coordinator' } },
  { organisation: 'Κέντρο Δημοκρατικής Διαφάνειας', signatory: { name: 'Γεώργιος Παπαδόπουλος', title: 'Διευθυντής' } },
];

interface Shape { kind: 'data-request' | 'foi-request'; datasets: number; fields: number; coSigners: number; annex: boolean }

/** The example's first `n` fields, then made-up counts up to `n`. */
function fields(base: Spec[], n: number): Spec[] {
  const extra = Array.from({ length: Math.max(0, n - base.length) }, (_, k) => ({
    name: `extra_count_${k + 1}`, description: `Further figure number ${k + 1} recorded on the form`, type: 'integer', example: 40 + k,
  }));
  return [...base, ...extra].slice(0, n);
}

/** Privacy terms may name only fields the dataset keeps. */
function privacy(p: Spec | undefined, names: Set<string>): Spec | undefined {
  if (!p) return undefined;
  const keep = (l?: string[]) => l?.filter((x) => names.has(x));
  const out: Spec = { ...p, may_mask: keep(p.may_mask), may_exclude: keep(p.may_exclude), public: keep(p.public) };
  for (const k of ['may_mask', 'may_exclude', 'public']) if (!out[k]?.length) delete out[k];
  return out.may_mask || out.may_exclude ? out : undefined;
}

function spec(s: Shape): Spec {
  const base = example(s.kind === 'data-request' ? 'polling-station-results' : 'campaign-finance-foi');
  const d0 = base.datasets[0];
  base.requester.co_signers = coSigners.slice(0, s.coSigners);
  if (!s.coSigners) delete base.requester.co_signers;
  base.datasets = Array.from({ length: s.datasets }, (_, k) => {
    const f = fields(d0.fields, s.fields);
    const d: Spec = { ...d0, title: k ? `${d0.title}, part ${k + 1}` : d0.title, fields: f };
    const p = privacy(d0.privacy, new Set(f.map((x) => x.name)));
    if (p) d.privacy = p;
    else delete d.privacy;
    return d;
  });
  base.letter.annex = s.annex ? 'always' : 'never';
  return base;
}

const shapes: Shape[] = [];
for (const kind of ['data-request', 'foi-request'] as const)
  for (const datasets of [1, 2, 3])
    for (const f of [1, 5, 12, 20])
      for (const c of [0, 1, 2, 3]) shapes.push({ kind, datasets, fields: f, coSigners: c, annex: (datasets + f + c) % 2 === 0 });
const name = (s: Shape) => `${s.kind}-d${s.datasets}-f${s.fields}-c${s.coSigners}${s.annex ? '-annex' : ''}`;

const tmp = tempDir();
afterAll(() => tmp.done());
const pages = new Map<string, string[][]>();

beforeAll(async () => {
  const specs = join(tmp.path, 'specs');
  const out = join(tmp.path, 'out');
  mkdirSync(specs);
  for (const s of shapes) writeFileSync(join(specs, `${name(s)}.yaml`), stringify(spec(s)));
  // one draft over the folder, as a batch
  const io = captureIo();
  expect(await main(['draft', specs, '--format', 'pdf', '--out', out], io), io.stderr.join('\n')).toBe(0);
  for (const f of readdirSync(out).filter((x) => x.endsWith('.pdf'))) pages.set(f.replace(/\.pdf$/, ''), await pageLines(new Uint8Array(readFileSync(join(out, f)))));
}, 300_000);

describe(`the layout rules on ${shapes.length} generated letters, read back from the PDF`, () => {
  it('drafts every one', () => expect([...pages.keys()].sort()).toEqual(shapes.map(name).sort()));

  it.each(shapes.map((s) => [name(s), s] as const))('%s', (n, s) => {
    const p = pages.get(n)!;
    const annex = p.findIndex((l) => l.includes(ANNEX));
    // (the FoI example asks for XLSX, which the plain-words annex does not cover)
    expect(annex >= 0, 'the annex is there when asked for, and only then').toBe(s.annex && s.kind === 'data-request');
    const letter = annex >= 0 ? annex : p.length;
    p.forEach((lines, i) => {
      if (!(annex >= 0 && i === p.length - 1)) expect(lines.length, `page ${i + 1}: ${lines.join(' / ')}`).toBeGreaterThanOrEqual(5);
    });
    // Issue 16's limit: one dataset of up to 12 fields (the polling-station example's), with up to
    // three co-signers and the note, on two pages before the annex, as a data request or an FoI filing.
    if (s.datasets === 1 && s.fields <= 12) expect(letter, 'pages before the annex').toBeLessThanOrEqual(2);
    const closing = p.findIndex((l) => l.includes('Yours sincerely,'));
    const page = p[closing]!.join(' ');
    expect(closing, 'the closing ends the letter').toBe(letter - 1);
    if (closing > 0) expect(p[closing]!.indexOf('Yours sincerely,'), 'lines of the letter before the closing').toBeGreaterThanOrEqual(5);
    const signers = [s.kind === 'data-request' ? 'Joseph Otieno Mbeki' : "Peter Ndung'u Karanja", ...coSigners.slice(0, s.coSigners).map((c) => c.signatory.name)];
    for (const who of signers) expect(page, who).toContain(who);
    const notes = p.flatMap((l, i) => (l.some((x) => x.startsWith('¹ ')) ? [i] : []));
    if (s.kind === 'data-request') {
      expect(notes, 'the note on the closing page').toEqual([closing]);
      expect(page, 'the note whole').toMatch(/principles 26 to 29\.$/);
    } else expect(notes).toEqual([]);
  });
});
