// XLSX (Office Open XML) workbooks read as a stream: the ZIP with fflate (zip-stream.ts), the XML with
// saxes, so a workbook of hundreds of MB is read in bounded memory (the shared strings aside, which
// the format keeps in one table for the whole workbook). Two passes over the file: the workbook,
// its relations and the shared strings first (Excel stores them after the sheets), then the sheets.
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { columnOf, numberText, xmlSink, type CellKind, type SheetSink } from './sheet-rows.js';
import { streamZip } from './zip-stream.js';

type Saxes = typeof import('saxes');

const local = (name: string) => name.slice(name.indexOf(':') + 1);

interface Book { sheets: { name: string; rid: string }[]; targets: Map<string, string>; strings: string[] }

/** The workbook's sheet names and order, where each sheet's XML is, and the shared strings. */
async function readBook(saxes: Saxes, file: string): Promise<Book> {
  const book: Book = { sheets: [], targets: new Map(), strings: [] };
  await streamZip(file, (name) => {
    if (name === 'xl/workbook.xml') return xmlSink(saxes, (p) => p.on('opentag', (t) => {
      if (local(t.name) === 'sheet') book.sheets.push({ name: String(t.attributes.name ?? ''), rid: String(t.attributes['r:id'] ?? '') });
    }));
    if (name === 'xl/_rels/workbook.xml.rels') return xmlSink(saxes, (p) => p.on('opentag', (t) => {
      const target = String(t.attributes.Target ?? '');
      if (local(t.name) === 'Relationship') book.targets.set(String(t.attributes.Id), target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }));
    if (name === 'xl/sharedStrings.xml') return xmlSink(saxes, (p) => sharedStrings(p, book.strings));
    return undefined;
  });
  return book;
}

/** `<si>` items: the text of their `<t>` elements, phonetic runs (`<rPh>`) left out. */
function sharedStrings(p: SaxesParser, into: string[]): void {
  let text: string | undefined;
  let inT = false;
  let phonetic = 0;
  p.on('opentag', (t) => {
    const n = local(t.name);
    if (n === 'si') text = '';
    else if (n === 'rPh') phonetic++;
    else if (n === 't' && !phonetic) inT = !t.isSelfClosing;
  });
  p.on('text', (s) => { if (inT && text !== undefined) text += s; });
  p.on('closetag', (t) => {
    const n = local(t.name);
    if (n === 't') inT = false;
    else if (n === 'rPh') phonetic--;
    else if (n === 'si') { into.push(text ?? ''); text = undefined; }
  });
}

/** Reads every sheet of an XLSX workbook into `sink`, in the workbook's order of the archive. */
export async function readXlsx(file: string, sink: SheetSink): Promise<void> {
  const saxes = await import('saxes');
  const book = await readBook(saxes, file);
  const byPath = new Map(book.sheets.map((s) => [book.targets.get(s.rid) ?? '', s.name]));
  await streamZip(file, (name) => {
    const sheet = byPath.get(name);
    if (sheet === undefined) return undefined;
    sink.sheet(sheet);
    return xmlSink(saxes, (p) => sheetRows(p, book.strings, sink));
  });
}

/** `<row r="12"><c r="C12" t="s"><v>3</v></c>…</row>` as rows of text and kinds. */
function sheetRows(p: SaxesParser, strings: string[], sink: SheetSink): void {
  let line = 0;
  let values: string[] = [];
  let kinds: CellKind[] = [];
  let col = -1;
  let type = '';
  let text = '';
  let capture = false;
  let inline = false;
  p.on('opentag', (t: SaxesTagPlain) => {
    switch (local(t.name)) {
      case 'row': line = t.attributes.r ? Number(t.attributes.r) : line + 1; values = []; kinds = []; col = -1; break;
      case 'c': col = t.attributes.r ? columnOf(String(t.attributes.r)) : col + 1; type = String(t.attributes.t ?? 'n'); text = ''; inline = false; break;
      case 'v': capture = !t.isSelfClosing; break;
      case 'is': inline = true; break;
      case 't': capture = inline && !t.isSelfClosing; break;
    }
  });
  p.on('text', (s) => { if (capture) text += s; });
  p.on('closetag', (t) => {
    switch (local(t.name)) {
      case 'v': case 't': capture = false; break;
      case 'c': {
        const [v, k] = cell(type, text, strings);
        if (v !== '') { values[col] = v; kinds[col] = k; }
        break;
      }
      case 'row':
        if (values.length) sink.row(line, Array.from(values, (v) => v ?? ''), Array.from(kinds, (k) => k ?? ''));
        break;
    }
  });
}

/** A cell's text and kind from its type attribute and its `<v>` (or inline `<is>`) text. */
function cell(type: string, text: string, strings: string[]): [string, CellKind] {
  switch (type) {
    case 's': return [strings[Number(text)] ?? '', 's'];
    case 'str': case 'inlineStr': return [text, 's'];
    case 'b': return [text === '1' ? 'TRUE' : text === '0' ? 'FALSE' : text, 'b'];
    case 'e': return [text, 'e'];
    case 'd': return [text, 'd'];
    default: return [numberText(text), 'n'];
  }
}
