// Font fallback for the PDF writer: which font draws each character (Noto Sans, or the script font
// of pdf-scripts.ts for what it lacks), splitting a word into runs of one font, each shaped by
// HarfBuzz where its script needs shaping, with where each glyph goes and the text it stands for.
import { mirrored } from './pdf-bidi.js';
import { BYTE, simpleRun, type Face, type ShapedRun } from './pdf-fonts.js';
import { ScriptFace, scriptOf, scripts, type Script } from './pdf-scripts.js';
import type { TrueTypeFont } from './pdf-ttf.js';

/** Letters and digits take their own script's font; punctuation, marks and joiners stay with the run they are in. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

export class ScriptFonts {
  /** Per script: its regular and bold face, read on first use. */
  private readonly loaded = new Map<Script, readonly [ScriptFace, ScriptFace]>();
  private readonly chosen = new Map<number, Script | null>();

  constructor(
    private readonly base: Readonly<Record<Face, TrueTypeFont>>,
    private readonly baseCovers: (cp: number) => boolean,
  ) {}

  private faces(s: Script): readonly [ScriptFace, ScriptFace] {
    let f = this.loaded.get(s);
    if (!f) this.loaded.set(s, (f = [new ScriptFace(s, false), new ScriptFace(s, true)]));
    return f;
  }

  private has(s: Script, cp: number): boolean {
    const [regular, bold] = this.faces(s);
    return regular.ttf.glyphId(cp) !== 0 && bold.ttf.glyphId(cp) !== 0;
  }

  /**
   * The script font that draws `cp`: its script's own for a character of its block, else Noto Sans
   * (undefined) when it has it, else the first script font that has it. undefined when none does.
   */
  faceFor(cp: number): Script | undefined {
    let s = this.chosen.get(cp);
    if (s === undefined) {
      const own = scriptOf(cp);
      if (own && this.has(own, cp)) s = own;
      else if (this.baseCovers(cp)) s = null;
      else s = scripts.find((x) => this.has(x, cp)) ?? null;
      this.chosen.set(cp, s);
    }
    return s ?? undefined;
  }

  /** `text` of one direction as runs of one font, in logical order, each run's glyphs in drawing order (see FontSet.pieces). */
  pieces(face: Face, text: string, rtl: boolean, baseRun: (text: string) => ShapedRun): ShapedRun[] {
    const runs: { script: Script | null; text: string }[] = [];
    let cur: { script: Script | null; text: string } | undefined;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let s: Script | null = this.faceFor(cp) ?? null;
      if (cur?.script && s !== cur.script && !LETTER_OR_DIGIT.test(ch) && this.has(cur.script, cp)) s = cur.script;
      if (cur && cur.script === s) cur.text += ch;
      else runs.push((cur = { script: s, text: ch }));
    }
    const bold = face === 'bold' || face === 'boldItalic';
    return runs.map(({ script, text: t }) => {
      if (script === null) return rtl ? simpleRun(this.base[face], t, true, mirrored) : baseRun(t);
      const sf = this.faces(script)[bold ? 1 : 0];
      // Brackets mirror only right to left: "(ጽሑፍ)" in an Ethiopic or Georgian run keeps its own glyphs.
      return script.shapes ? shapedRun(sf, t, rtl) : simpleRun(sf.ttf, t, rtl, rtl ? mirrored : undefined);
    });
  }
}

/** `text` laid out by HarfBuzz (joining, reordering, conjuncts, mark positions), glyphs in drawing order. */
export function shapedRun(sf: ScriptFace, text: string, rtl: boolean): ShapedRun {
  const { ids, positions, texts, clusters } = sf.layout(text, rtl);
  const placement = new Int32Array(ids.length * 3);
  let advance = 0;
  positions.forEach((p, i) => {
    placement[i * 3] = p.xAdvance;
    placement[i * 3 + 1] = p.xOffset;
    placement[i * 3 + 2] = p.yOffset;
    advance += p.xAdvance;
  });
  return {
    font: sf.ttf,
    advance: advance / sf.ttf.unitsPerEm,
    glyphs: ids,
    codePoints: texts.map((t) => t.codePointAt(0) ?? 0),
    bytes: ids.map((id) => BYTE[id >> 8]! + BYTE[id & 0xff]!).join(''),
    // Not right to left: poppler reverses an ActualText there, and an Arabic cluster's extra glyphs
    // are dots and marks, which it places well enough by the glyphs' own texts.
    positioned: { placement, texts, actualText: !rtl && new Set(clusters).size < clusters.length ? text : undefined },
  };
}
