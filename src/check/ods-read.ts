// ODS (OpenDocument) spreadsheets read as a stream: content.xml inflated by fflate (zip-stream.ts)
// and parsed by saxes as it comes, so memory stays flat. Repeated rows and cells
// (table:number-rows-repeated, -columns-repeated) are expanded, except the empty rows and cells
// that pad a sheet to its full size.
import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { xmlSink, type CellKind, type SheetSink } from './sheet-rows.js';
import { streamZip } from './zip-stream.js';

/** Most copies of one non-empty repeated row or cell read; beyond it the file is not a table of data. */
const MAX_REPEAT = 1_048_576;

/** Reads every sheet (table:table) of an ODS file into `sink`, in order. */
export async function readOds(file: string, sink: SheetSink): Promise<void> {
  const saxes = await import('saxes');
  await streamZip(file, (name) => {
    if (name !== 'content.xml') return undefined;
    return xmlSink(saxes, (p) => tables(p, sink));
  });
}

const attr = (t: SaxesTagPlain, name: string) => { const v = t.attributes[name]; return v === undefined ? undefined : String(v); };
const repeat = (t: SaxesTagPlain, name: string) => Math.min(MAX_REPEAT, Math.max(1, Number(attr(t, name) ?? 1) || 1));

/** The value a cell's attributes give, by its office:value-type; undefined for text, read from its paragraphs. */
function typed(t: SaxesTagPlain): [string | undefined, CellKind] {
  switch (attr(t, 'office:value-type')) {
    case 'float': case 'percentage': case 'currency': return [attr(t, 'office:value'), 'n'];
    case 'date': return [attr(t, 'office:date-value'), 'd'];
    case 'time': return [attr(t, 'office:time-value'), 'd'];
    case 'boolean': return [attr(t, 'office:boolean-value') === 'true' ? 'TRUE' : 'FALSE', 'b'];
    case 'string': return [undefined, 's'];
    default: return [undefined, ''];
  }
}

function tables(p: SaxesParser, sink: SheetSink): void {
  let line = 0;
  let values: string[] = [];
  let kinds: CellKind[] = [];
  let rowRepeat = 1;
  let cellRepeat = 1;
  let value: string | undefined;
  let kind: CellKind = '';
  let text = '';
  let paragraphs = 0;
  let depth = 0;
  let empty = 0;
  p.on('opentag', (t: SaxesTagPlain) => {
    switch (t.name) {
      case 'table:table': sink.sheet(attr(t, 'table:name') ?? ''); line = 0; break;
      case 'table:table-row': values = []; kinds = []; empty = 0; rowRepeat = repeat(t, 'table:number-rows-repeated'); break;
      case 'table:table-cell': case 'table:covered-table-cell':
        cellRepeat = repeat(t, 'table:number-columns-repeated');
        [value, kind] = typed(t);
        text = ''; paragraphs = 0;
        if (t.isSelfClosing) addCell();
        break;
      case 'text:p': case 'text:h': if (paragraphs++) text += '\n'; depth++; break;
      case 'text:s': if (depth) text += ' '.repeat(Number(attr(t, 'text:c') ?? 1) || 1); break;
      case 'text:tab': if (depth) text += '\t'; break;
      case 'text:line-break': if (depth) text += '\n'; break;
    }
  });
  p.on('text', (s) => { if (depth) text += s; });
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'text:p': case 'text:h': depth--; break;
      case 'table:table-cell': case 'table:covered-table-cell': if (!t.isSelfClosing) addCell(); break;
      case 'table:table-row':
        // Empty rows are counted, not handed on (a sheet ends with a million of them).
        if (values.length) for (let k = 0; k < rowRepeat; k++) sink.row(++line, values, kinds);
        else line += rowRepeat;
        break;
    }
  });
  function addCell(): void {
    const v = value ?? text;
    // Empty cells are counted and written only before a value: those that pad the row to the
    // sheet's width (thousands) are never made.
    if (v === '') { empty += cellRepeat; return; }
    for (; empty > 0; empty--) { values.push(''); kinds.push(''); }
    for (let k = 0; k < cellRepeat; k++) { values.push(v); kinds.push(kind || 's'); }
  }
}
