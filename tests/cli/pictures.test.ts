// A group's logo, letterhead and signatures: drafted from a spec, read back from the DOCX package
// (word/media, the picture's alt text) and the PDF (image XObjects, the Figure's /Alt in the
// structure tree), covered by the manifest, and refused with a located message when broken.
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { root, runCli, tempDir } from '../helpers.js';

const images = join(root, 'tests/fixtures/images');
let dir: { path: string; done: () => void };
beforeEach(() => {
  dir = tempDir();
  for (const f of ['logo.jpg', 'signature.png', 'palette.png', 'letterhead.png']) copyFileSync(join(images, f), join(dir.path, f));
});
afterEach(() => dir.done());

/** The voter-registration example (two co-signers) with pictures added. */
function spec(change: (s: Record<string, any>) => void): string {
  const s = parse(readFileSync(join(root, 'examples/voter-registration-statistics.yaml'), 'utf8'));
  change(s);
  const file = join(dir.path, 'letter.yaml');
  writeFileSync(file, stringify(s));
  return file;
}
const branded = (s: Record<string, any>) => {
  s.requester.logo = { file: 'logo.jpg', alt: 'Open Polls Watch logo' };
  s.requester.signatory.signature = { file: 'signature.png' };
  s.requester.co_signers[1].signatory.signature = { file: 'palette.png', alt: 'Stamp of the association' };
};

/** The stream bytes of every image XObject in a PDF, with its dictionary. */
function xobjects(pdf: Uint8Array): { dict: string; bytes: Uint8Array }[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: { dict: string; bytes: Uint8Array }[] = [];
  for (const m of text.matchAll(/<< (\/Type \/XObject \/Subtype \/Image[^]*?) >>\nstream\n/g)) {
    const length = Number(/\/Length (\d+)/.exec(m[1]!)![1]);
    const start = m.index! + m[0].length;
    out.push({ dict: m[1]!, bytes: pdf.subarray(start, start + length) });
  }
  return out;
}

type Node = { role?: string; alt?: string; children?: Node[] };
const figures = (n: Node | null): Node[] => (n ? [...(n.role === 'Figure' ? [n] : []), ...(n.children ?? []).flatMap(figures)] : []);

describe('logo and signatures in both formats', () => {
  it('embeds the logo and the signatures in the DOCX and the PDF, with alt text', async () => {
    const file = spec(branded);
    const r = await runCli('draft', file, '--format', 'docx,pdf', '--out', join(dir.path, 'out'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const logo = new Uint8Array(readFileSync(join(images, 'logo.jpg')));

    const docx = unzipSync(new Uint8Array(readFileSync(join(dir.path, 'out/letter.docx'))));
    expect(Buffer.compare(docx['word/media/image1.jpeg']!, logo)).toBe(0);
    expect(Buffer.compare(docx['word/media/image2.png']!, readFileSync(join(images, 'signature.png')))).toBe(0);
    expect(docx['word/media/image3.png']).toBeDefined();
    const xml = strFromU8(docx['word/document.xml']!);
    expect(xml).toContain('descr="Open Polls Watch logo"');
    expect(xml).toContain('descr="Signature of Jelena Đorđević"');
    expect(xml).toContain('descr="Stamp of the association"');
    const rels = strFromU8(docx['word/_rels/document.xml.rels']!);
    for (const id of [...xml.matchAll(/r:embed="(rId\d+)"/g)].map((m) => m[1])) expect(rels).toMatch(new RegExp(`Id="${id}" Type="[^"]+/image" Target="media/image\\d\\.(png|jpeg)"`));

    const pdfBytes = new Uint8Array(readFileSync(join(dir.path, 'out/letter.pdf')));
    const xo = xobjects(pdfBytes);
    // the JPEG as it is (DCTDecode); the RGBA signature with a soft mask; the palette image indexed
    expect(xo.some((x) => x.dict.includes('/DCTDecode') && Buffer.compare(x.bytes, logo) === 0)).toBe(true);
    expect(xo.some((x) => x.dict.includes('/SMask'))).toBe(true);
    expect(xo.some((x) => x.dict.includes('/Indexed /DeviceRGB 3'))).toBe(true);
    // each Figure has its place on the page (PDF/UA asks for a BBox)
    expect(Buffer.from(pdfBytes).toString('latin1').match(/\/S \/Figure [^\n]*\/A << \/O \/Layout \/BBox \[[\d. ]+\] >> \/Alt/g)).toHaveLength(3);
    const pdf = await getDocumentProxy(pdfBytes.slice());
    const alts: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) alts.push(...figures(await (await pdf.getPage(i)).getStructTree() as Node).map((f) => f.alt ?? ''));
    expect(alts).toEqual(expect.arrayContaining(['Open Polls Watch logo', 'Signature of Jelena Đorđević', 'Stamp of the association']));
  });

  it('puts a letterhead image in place of the organisation name, and the manifest covers every picture', async () => {
    const file = spec((s) => { branded(s); s.requester.letterhead = { file: 'letterhead.png', alt: 'Open Polls Watch letterhead' }; });
    const out = join(dir.path, 'out');
    expect((await runCli('draft', file, '--format', 'docx,pdf', '--out', out)).code).toBe(0);
    const manifest = readFileSync(join(out, 'oedr-manifest.json'), 'utf8');
    for (const f of ['logo.jpg', 'signature.png', 'palette.png', 'letterhead.png']) expect(manifest).toContain(`../${f}`);
    // a changed picture makes the drafted letters stale
    expect((await runCli('draft', file, '--format', 'docx,pdf', '--out', out, '--check')).code).toBe(0);
    copyFileSync(join(images, 'palette.png'), join(dir.path, 'signature.png'));
    const check = await runCli('draft', file, '--format', 'docx,pdf', '--out', out, '--check');
    expect(check.code).not.toBe(0);
  });

  it('refuses a broken or missing picture with the file, line and column of the value naming it', async () => {
    writeFileSync(join(dir.path, 'broken.png'), readFileSync(join(images, 'signature.png')).subarray(0, 200));
    writeFileSync(join(dir.path, 'text.jpg'), 'not a picture');
    for (const [name, expected, code] of [
      ['broken.png', /letter\.yaml:\d+:\d+ requester\.logo\.file: the image "broken\.png" cannot be used: broken PNG/, 1],
      ['text.jpg', /requester\.logo\.file: the image "text\.jpg" cannot be used: expected a PNG or JPEG image/, 1],
      // an unreadable input exits 3, as an unreadable spec or profile does
      ['nowhere.png', /requester\.logo\.file: cannot read the image "nowhere\.png": no such file/, 3],
    ] as const) {
      const file = spec((s) => { s.requester.logo = { file: name, alt: 'Logo' }; });
      const r = await runCli('draft', file, '--format', 'pdf', '--out', join(dir.path, 'out'));
      expect(r.code, name).toBe(code);
      expect(r.err, name).toMatch(expected);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it('takes the logo from a profile, relative to the profile, for every letter of a batch', async () => {
    const batch = join(dir.path, 'batch');
    cpSync(join(root, 'examples/batch'), batch, { recursive: true });
    mkdirSync(join(batch, 'brand'));
    copyFileSync(join(images, 'logo.jpg'), join(batch, 'brand/logo.jpg'));
    const profile = parse(readFileSync(join(batch, '_profile.yaml'), 'utf8'));
    profile.requester.logo = { file: 'brand/logo.jpg', alt: "Citizens' Election Watch logo" };
    writeFileSync(join(batch, '_profile.yaml'), stringify(profile));
    const out = join(dir.path, 'out');
    const r = await runCli('draft', join(batch, 'results-2027.yaml'), '--format', 'docx,pdf', '--out', out);
    expect(r.err).toBe('');
    const logo = readFileSync(join(images, 'logo.jpg'));
    for (const office of ['nairobi', 'coast']) {
      const docx = unzipSync(new Uint8Array(readFileSync(join(out, `results-2027-${office}.docx`))));
      expect(Buffer.compare(docx['word/media/image1.jpeg']!, logo), office).toBe(0);
      expect(xobjects(new Uint8Array(readFileSync(join(out, `results-2027-${office}.pdf`)))).some((x) => Buffer.compare(x.bytes, logo) === 0)).toBe(true);
    }
  });
});
