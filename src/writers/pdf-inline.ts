// Inline layout for the PDF writer: inline nodes -> styled words -> lines that fit a width -> drawn
// text with clickable, tagged links. Greedy breaking at spaces, measured with the fonts' advances,
// so tables can size rows before drawing them.
import { linkAllowed, type Inline } from '../document.js';
import type { Canvas, StructElement } from './pdf-canvas.js';
import { paragraphLevels, visualOrder } from './pdf-bidi.js';
import { faceOf, type Face, type ShapedRun } from './pdf-fonts.js';
import { colors, link as linkStyle } from './style.js';

export const TEXT_COLOR = colors.text;

/** A run of text in one face and font, shaped (`run`, kept for drawing), at a bidi embedding `level` (0: left to right). */
export interface Piece {
  text: string;
  face: Face;
  link?: string;
  width: number;
  run: ShapedRun;
  level: number;
}
export interface Line {
  pieces: Piece[];
  width: number;
}
/** Where drawn text goes in the structure tree: marked content of `elem` under the tag `tag`. */
export interface Tag {
  elem: StructElement;
  tag: string;
}
export interface TextLook {
  size: number;
  color: string;
  bold?: boolean;
  align?: 'left' | 'right';
}

type Run = { text: string; face: Face; link?: string } | { break: true };

// Whitespace that may end a line; no-break spaces (U+00A0, U+2007, U+202F, U+FEFF) are kept as text.
const BREAKABLE = /[\t\n\v\f\r \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]+/;
const SPLIT = new RegExp(`(${BREAKABLE.source})`);
const EPSILON = 0.01;

function flatten(nodes: readonly Inline[], bold: boolean, italic: boolean, link: string | undefined, out: Run[]): Run[] {
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(link === undefined ? { text: n.value, face: faceOf(bold, italic) } : { text: n.value, face: faceOf(bold, italic), link });
        break;
      case 'strong':
        flatten(n.children, true, italic, link, out);
        break;
      case 'emphasis':
        flatten(n.children, bold, true, link, out);
        break;
      case 'link':
        flatten(n.children, bold, italic, linkAllowed(n.url) ? n.url : link, out);
        break;
      case 'break':
        out.push({ break: true });
        break;
      default: {
        const never: never = n;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/** Words are glued pieces (e.g. a bold word and the comma after it); `null` marks a hard break. */
type Word = Piece[];

/**
 * The words of a paragraph. Where it is right to left or holds right-to-left text, each word is cut
 * where its embedding level changes (UAX #9, over the paragraph's whole text), and each part into
 * runs of one font (Noto Sans or a script font), shaped in its direction.
 */
function words(c: Canvas, runs: Run[], size: number): (Word | 'space' | null)[] {
  const out: (Word | 'space' | null)[] = [];
  let current: Word | null = null;
  const levels = paragraphLevels(runs.map((r) => ('break' in r ? '\n' : r.text)).join(''), c.rtl);
  let offset = 0;
  for (const run of runs) {
    if ('break' in run) {
      current = null;
      out.push(null);
      offset++;
      continue;
    }
    run.text.split(SPLIT).forEach((part, i) => {
      const at = offset;
      offset += part.length;
      if (part === '') return;
      if (i % 2 === 1) {
        current = null;
        if (out.length > 0 && out.at(-1) !== 'space' && out.at(-1) !== null) out.push('space');
        return;
      }
      for (let from = 0; from < part.length; ) {
        const level = levels ? levels[at + from]! : 0;
        let to = levels ? from + 1 : part.length;
        while (levels && to < part.length && levels[at + to] === level) to++;
        const text = part.slice(from, to);
        c.fonts.pieces(run.face, text, level % 2 === 1).forEach((shaped, k) => {
          const piece: Piece = { text: k === 0 ? text : '', face: run.face, width: shaped.advance * size, run: shaped, level };
          if (run.link !== undefined) piece.link = run.link;
          if (current) current.push(piece);
          else out.push((current = [piece]));
        });
        from = to;
      }
    });
  }
  return out;
}

/** Greedy line breaking at spaces; a word wider than the line is cut between graphemes. */
export function layoutInlines(c: Canvas, nodes: readonly Inline[], look: TextLook, maxWidth: number): Line[] {
  const runs = flatten(nodes, look.bold ?? false, false, undefined, []);
  const lines: Line[] = [];
  let line: Line = { pieces: [], width: 0 };
  let pendingSpace: Piece | null = null;
  const flush = () => {
    lines.push(line);
    line = { pieces: [], width: 0 };
    pendingSpace = null;
  };
  const stream = words(c, runs, look.size);
  for (let i = 0; i < stream.length; i++) {
    const w = stream[i]!;
    if (w === null) {
      flush();
      continue;
    }
    if (w === 'space') {
      // The space takes the face of the word before it, as a typesetter would.
      const before = line.pieces.at(-1);
      if (before) pendingSpace = spacePiece(c, before, look.size, stream[i + 1]);
      continue;
    }
    const ww = w.reduce((s, p) => s + p.width, 0);
    const spaceW = pendingSpace ? (pendingSpace as Piece).width : 0;
    if (line.pieces.length > 0 && line.width + spaceW + ww > maxWidth + EPSILON) flush();
    if (line.pieces.length === 0 && ww > maxWidth + EPSILON) {
      for (const chunk of splitWord(c, w, look.size, maxWidth)) {
        if (line.pieces.length > 0) flush();
        line.pieces.push(...chunk);
        line.width = chunk.reduce((s, p) => s + p.width, 0);
      }
      continue;
    }
    if (pendingSpace && line.pieces.length > 0) {
      line.pieces.push(pendingSpace);
      line.width += spaceW;
    }
    pendingSpace = null;
    line.pieces.push(...w);
    line.width += ww;
  }
  if (line.pieces.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

function spacePiece(c: Canvas, before: Piece, size: number, next: Word | 'space' | null | undefined): Piece {
  const run = c.fonts.space(before.face, before.run);
  const after = Array.isArray(next) ? next[0] : undefined;
  // A space takes the lower level of the words either side (UAX #9 N1/N2 for the common cases):
  // between two Arabic words it is right to left, between Arabic and a number in Arabic text too.
  const p: Piece = { text: ' ', face: before.face, width: run.advance * size, run, level: Math.min(before.level, after?.level ?? before.level) };
  // A space inside a link (between two linked words) is part of the link's clickable area.
  if (before.link !== undefined && after?.link === before.link) p.link = before.link;
  return p;
}

/** The widest unbreakable word and the widest hard-broken line, for sizing table columns. */
export function measureInlines(c: Canvas, nodes: readonly Inline[], look: TextLook): { min: number; max: number } {
  let min = 0;
  let max = 0;
  let lineWidth = 0;
  let space = 0;
  const spaceWidth = c.fonts.width('regular', ' ', look.size);
  for (const w of words(c, flatten(nodes, look.bold ?? false, false, undefined, []), look.size)) {
    if (w === null) {
      lineWidth = space = 0;
    } else if (w === 'space') {
      space = lineWidth > 0 ? spaceWidth : 0;
    } else {
      const ww = w.reduce((s, p) => s + p.width, 0);
      min = Math.max(min, ww);
      lineWidth += space + ww;
      max = Math.max(max, lineWidth);
    }
  }
  return { min, max };
}

// Made on first use: creating a Segmenter loads ICU's break rules (~30 ms at start), and only a
// word wider than its line needs it.
let segmenter: Intl.Segmenter | undefined;
/** Characters given to the Segmenter at once: V8's segment iterator slows with the text's length. */
const WINDOW = 256;

/**
 * The graphemes of `text`, in time linear in its length: V8 iterates the segments of one long text
 * in quadratic time (a 200,000-character word took 46 s), so the text is segmented a window at a
 * time. The last grapheme of a window may go on in the next, so it is segmented again with it; a
 * grapheme longer than a window (a letter with hundreds of combining marks) is cut at the window.
 */
export function* graphemes(text: string): Generator<string> {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  let start = 0;
  while (start < text.length) {
    const end = start + WINDOW;
    const segments = [...segmenter.segment(text.slice(start, end))];
    if (end >= text.length) {
      for (const s of segments) yield s.segment;
      return;
    }
    const keep = segments.length > 1 ? segments.length - 1 : 1;
    for (let i = 0; i < keep; i++) yield segments[i]!.segment;
    start += keep === segments.length ? WINDOW : segments[keep]!.index;
  }
}

function splitWord(c: Canvas, word: Word, size: number, maxWidth: number): Piece[][] {
  const chunks: Piece[][] = [];
  let chunk: Piece[] = [];
  let width = 0;
  for (const piece of word) {
    // A run of a script font (shaped, or cut from a longer word) stays whole: cutting it would
    // change its shaping; only Noto Sans text is cut between graphemes.
    if (piece.run.font !== c.fonts.fonts[piece.face] || piece.level > 0) {
      if (width + piece.width > maxWidth + EPSILON && width > 0) {
        chunks.push(chunk);
        chunk = [];
        width = 0;
      }
      chunk.push(piece);
      width += piece.width;
      continue;
    }
    for (const segment of graphemes(piece.text)) {
      const w = c.fonts.width(piece.face, segment, size);
      if (width + w > maxWidth + EPSILON && width > 0) {
        chunks.push(chunk);
        chunk = [];
        width = 0;
      }
      const last = chunk.at(-1);
      if (last && last.face === piece.face && last.link === piece.link) {
        last.text += segment;
        last.width += w;
      } else {
        chunk.push({ ...piece, text: segment, width: w });
      }
      width += w;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  // Graphemes were joined into pieces above: each is shaped once more, whole, for drawing.
  for (const ch of chunks) for (const p of ch) if (p.level === 0 && p.run.font === c.fonts.fonts[p.face]) p.run = c.fonts.shaped(p.face, p.text);
  return chunks;
}

/**
 * Draws one laid-out line with its top at `y`. Plain text is marked content of `elem`; each linked
 * stretch becomes a Link element holding its text and its annotation, as PDF/UA asks.
 */
export function drawLine(c: Canvas, line: Line, x: number, y: number, look: TextLook, target: Tag | null): void {
  const doc = c.doc;
  for (const g of groupsOf(line, x)) {
    const head = g.pieces[0]!;
    const { x: cx, width, runs } = g;
    if (target === null) {
      // Page furniture (a repeated table header): drawn inside the caller's artifact, no links.
      c.text(look.size, head.link === undefined ? look.color : linkStyle.color, cx, y, runs);
    } else if (head.link === undefined) {
      c.beginContent(target.elem, target.tag);
      c.text(look.size, look.color, cx, y, runs);
    } else {
      c.endContent();
      const linkEl = c.struct(target.elem, 'Link');
      c.beginContent(linkEl, 'Link');
      c.text(look.size, linkStyle.color, cx, y, runs);
      const base = y + c.ascent(look.size) + look.size * 0.12;
      doc.save().lineWidth(0.5).strokeColor(linkStyle.color).moveTo(cx, base).lineTo(cx + width, base).stroke().restore();
      c.endContent();
      // The annotation joins the Link element as an object reference (OBJR), as PDF/UA asks.
      doc.link(cx, y, width, c.lineHeight(look.size), head.link, linkEl, g.pieces.map((p) => p.text).join('').trim());
      linkEl.end();
    }
  }
  c.markUsed();
}

/** Pieces drawn as one string: one font, link and level; `runs` in drawing order, from `x`. */
interface Group {
  pieces: Piece[];
  runs: ShapedRun[];
  x: number;
  width: number;
}

/**
 * The line's pieces grouped for drawing, in reading (logical) order, so that text extracted in the
 * order it was drawn reads as written; each is placed where the visual order (UAX #9 L2) puts it,
 * the line starting at `x`. A right-to-left group's runs are drawn last first.
 */
function groupsOf(line: Line, x: number): Group[] {
  const { pieces } = line;
  const bidi = pieces.some((p) => p.level > 0);
  const at = new Map<Piece, number>();
  if (bidi) {
    let cx = x;
    for (const p of visualOrder(pieces, (q) => q.level)) {
      at.set(p, cx);
      cx += p.width;
    }
  }
  const groups: Group[] = [];
  let cx = x;
  for (const p of pieces) {
    const px = bidi ? at.get(p)! : cx;
    cx += p.width;
    const g = groups.at(-1);
    const head = g?.pieces[0];
    const rtl = p.level % 2 === 1;
    // Joined only when side by side on the page too (a level boundary may put them apart).
    const adjacent = g !== undefined && (rtl ? Math.abs(px + p.width - g.x) < EPSILON : Math.abs(g.x + g.width - px) < EPSILON);
    if (g && head && adjacent && head.run.font === p.run.font && head.link === p.link && head.level === p.level) {
      g.pieces.push(p);
      if (rtl) {
        g.runs.unshift(p.run);
        g.x = px;
      } else g.runs.push(p.run);
      g.width += p.width;
    } else groups.push({ pieces: [p], runs: [p.run], x: px, width: p.width });
  }
  return groups;
}

/**
 * Right-aligned lines start at `right - width`; this keeps that arithmetic in one place. In a
 * right-to-left letter (`rtl`) the sides swap: text starts at the right, the date goes to the left.
 */
export function lineX(line: Line, frameLeft: number, frameWidth: number, align: 'left' | 'right' | undefined, rtl = false): number {
  return (align === 'right') !== rtl ? frameLeft + frameWidth - line.width : frameLeft;
}
