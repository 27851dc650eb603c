// The script fonts the PDF writer falls back to for what Noto Sans lacks (Arabic, Devanagari,
// Bangla, Ethiopic, Georgian; fonts/SOURCES.txt), each read only when a letter has its text, and
// OpenType shaping with HarfBuzz for the scripts that need it, loaded only then too.
import { readFileSync } from 'node:fs';
import { importModule } from '../import-module.js';
import { TrueTypeFont } from './pdf-ttf.js';

export interface Script {
  readonly name: string;
  /** The font file for regular and for bold text (italic text takes the upright face). */
  readonly files: readonly [regular: string, bold: string];
  /** The Unicode blocks of the script: a character in one is drawn from this font. */
  readonly ranges: readonly (readonly [number, number])[];
  /** Joining, reordering or conjuncts: drawn from HarfBuzz's layout, not from the cmap glyph by glyph. */
  readonly shapes: boolean;
}

export const scripts: readonly Script[] = [
  { name: 'Arabic', files: ['NotoSansArabic-Regular.ttf', 'NotoSansArabic-Bold.ttf'], shapes: true,
    ranges: [[0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfeff]] },
  { name: 'Devanagari', files: ['NotoSansDevanagari-Regular.ttf', 'NotoSansDevanagari-Bold.ttf'], shapes: true,
    ranges: [[0x0900, 0x097f], [0xa8e0, 0xa8ff], [0x1cd0, 0x1cff]] },
  { name: 'Bangla', files: ['NotoSansBengali-Regular.ttf', 'NotoSansBengali-Bold.ttf'], shapes: true, ranges: [[0x0980, 0x09ff]] },
  { name: 'Ethiopic', files: ['NotoSansEthiopic-Regular.ttf', 'NotoSansEthiopic-Bold.ttf'], shapes: false,
    ranges: [[0x1200, 0x139f], [0x2d80, 0x2ddf], [0xab00, 0xab2f], [0x1e7e0, 0x1e7ff]] },
  { name: 'Georgian', files: ['NotoSansGeorgian-Regular.ttf', 'NotoSansGeorgian-Bold.ttf'], shapes: false,
    ranges: [[0x10a0, 0x10ff], [0x2d00, 0x2d2f], [0x1c90, 0x1cbf]] },
];

/** The script whose block holds `cp`, if any. */
export function scriptOf(cp: number): Script | undefined {
  if (cp < 0x0600) return undefined;
  return scripts.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
}

/** One script font face: its tables for the PDF, and HarfBuzz's view of it once something is shaped. */
export class ScriptFace {
  readonly ttf: TrueTypeFont;
  private shaperFont: ShaperFont | undefined;

  constructor(
    readonly script: Script,
    bold: boolean,
  ) {
    this.ttf = new TrueTypeFont(readFileSync(new URL(`../../fonts/${script.files[bold ? 1 : 0]}`, import.meta.url)));
  }

  /** HarfBuzz's layout of `text`: glyphs in drawing order (left to right), each with the text it stands for. */
  layout(text: string, rtl: boolean): Layout {
    if (!harfbuzz) throw new Error('the OpenType shaper is not loaded: await loadShaper() before laying out shaped text');
    const h = harfbuzz;
    const font = (this.shaperFont ??= new h.Font(new h.Face(new h.Blob(this.ttf.bytes))));
    const buffer = (shapingBuffer ??= new h.Buffer());
    buffer.clearContents();
    buffer.addText(text);
    buffer.setDirection(rtl ? h.Direction.RTL : h.Direction.LTR);
    buffer.guessSegmentProperties();
    h.shape(font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    const clusters = infos.map((g) => g.cluster);
    return { ids: infos.map((g) => g.codepoint), positions, clusters, texts: glyphTexts(text, clusters, positions.map((p) => p.xAdvance), rtl) };
  }
}

/** A shaped run: glyph ids, their advances and offsets in font units, the cluster (start in the text) and the text of each. */
export interface Layout {
  ids: number[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  clusters: number[];
  texts: string[];
}

/**
 * The text each glyph stands for, so that the glyphs read in logical order give `text` back: the
 * ToUnicode map then extracts the words as written in every reader (pdf.js ignores ActualText).
 * HarfBuzz says which cluster of the text each glyph belongs to, and a cluster's characters go to
 * its glyphs one each, in logical order, the last taking the rest.
 * Left to right (Devanagari, Bangla), only glyphs that advance take text, a reordered vowel sign
 * mapping to its cluster's first character; marks of zero advance (a reph, the ভ of ম্ভ set below)
 * stand for no text, a cluster of them alone joining the one before: the writer draws such marks
 * after the line, where no reader takes them for a word or a line of their own. A cluster with
 * more glyphs to take text than characters is read decomposed (ো drawn as ে and া).
 * Right to left (Arabic), every glyph takes a character: pdf.js reverses the text of one glyph
 * with the line, so "مّ" on one glyph would read "ّم"; only a mark beyond the cluster's characters
 * (the hamza the font sets apart from the ي of ئ) stands for none.
 */
export function glyphTexts(text: string, clusters: readonly number[], advances: readonly number[], rtl: boolean): string[] {
  const n = clusters.length;
  const order = Array.from({ length: n }, (_, i) => (rtl ? n - 1 - i : i));
  const starts = [...new Set(clusters)].sort((a, b) => a - b);
  const groups: { glyphs: number[]; text: string }[] = [];
  for (const g of order) {
    const last = groups.at(-1);
    const cluster = text.slice(clusters[g], starts[starts.indexOf(clusters[g]!) + 1] ?? text.length);
    if (last && clusters[last.glyphs[0]!] === clusters[g]) last.glyphs.push(g);
    else groups.push({ glyphs: [g], text: cluster });
  }
  // Left to right, a cluster of marks alone joins the one before (see above).
  for (let i = groups.length - 1; i > 0 && !rtl; i--) {
    if (groups[i]!.glyphs.some((g) => advances[g] !== 0)) continue;
    groups[i - 1]!.glyphs.push(...groups[i]!.glyphs);
    groups[i - 1]!.text += groups[i]!.text;
    groups.splice(i, 1);
  }
  const texts = new Array<string>(n).fill('');
  for (const { glyphs, text: t } of groups) {
    let chars = [...t];
    let takers = glyphs;
    if (rtl) {
      const extra = glyphs.length - chars.length;
      if (extra > 0) takers = glyphs.filter((g, i) => i < chars.length || advances[g] !== 0);
    } else {
      const advancing = glyphs.filter((g) => advances[g] !== 0);
      takers = advancing.length > 0 ? advancing : glyphs.slice(0, 1);
      if (takers.length > chars.length) chars = [...t.normalize('NFD')];
    }
    takers.forEach((g, i) => (texts[g] = i === takers.length - 1 ? chars.slice(i).join('') : (chars[i] ?? '')));
  }
  return texts;
}

type HarfBuzz = typeof import('harfbuzzjs');
type ShaperFont = InstanceType<HarfBuzz['Font']>;
type ShaperBuffer = InstanceType<HarfBuzz['Buffer']>;
let harfbuzz: HarfBuzz | undefined;
/** One buffer reused for every run: rendering is synchronous, and a buffer per word is wasm memory freed only by the GC. */
let shapingBuffer: ShaperBuffer | undefined;

/**
 * Loads HarfBuzz (compiled to WebAssembly, ~30 ms) for a document with text to shape; an English
 * letter never pays for it. Chosen over fontkit, which drew Bangla র-ফলা after its cluster and
 * misplaced the marks of ক্ত: HarfBuzz is the shaper browsers and LibreOffice use.
 */
export async function loadShaper(): Promise<void> {
  harfbuzz ??= await importModule<HarfBuzz>('harfbuzzjs');
}

/** Whether `text` has a character of a script that needs shaping (so the shaper must be loaded). */
export function needsShaping(text: string): boolean {
  return SHAPED.test(text);
}
const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
const SHAPED = new RegExp(`[${scripts.filter((s) => s.shapes).flatMap((s) => s.ranges.map(([a, b]) => `${hex(a)}-${hex(b)}`)).join('')}]`, 'u');
