// `oedr check` on a generated XLSX workbook of polling-station results (200 MB by default;
// BENCH_XLSX_MB to change it) beside a plain read of the same workbook by the libraries alone
// (fflate's streaming unzip and saxes, events counted and nothing else): MB/s of each, their
// ratio, and the peak memory of `check`, which must stay flat (target < 200 MB, as for CSV).
// `node bench/check-xlsx.mjs` after `npm run build`; bench/check.mjs calls it after the CSV bench.
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate } from 'fflate';
import { SaxesParser } from 'saxes';
import { streamZip } from '../dist/check/zip-stream.js';
import { check } from './check.mjs';

const mb = Number(process.env.BENCH_XLSX_MB ?? 200);
const runs = Number(process.env.BENCH_XLSX_RUNS ?? 1);

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const header = ['polling_station_code', 'polling_station_name', 'constituency_code', 'constituency_name', 'county_name', 'registered_voters', 'ballots_cast', 'rejected_ballots', 'candidate_id', 'candidate_votes', 'form_image_url', 'last_updated'];
const names = ["Kamukunji Primary School, Stream", "St. Teresa's Girls Secondary, Stream", 'Ngara Social Hall, Stream', 'Kariokor Market, Tent'];
const counties = ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Machakos'];

/**
 * The rows of bench/check.mjs as a workbook: text cells that repeat (names, counties) as shared
 * strings, those unique to a row (codes, links) inline, numbers as numbers, with cell references as
 * Excel writes them. Written through fflate's streaming Zip until `bytes` of archive are out.
 */
export function generateXlsx(file, bytes) {
  const fd = openSync(file, 'w');
  let out = 0;
  const zip = new Zip((err, chunk) => { if (err) throw err; writeSync(fd, chunk); out += chunk.length; });
  const strings = [...names.flatMap((n) => [1, 2, 3].map((k) => `${n} ${k}`)), ...counties, ...Array.from({ length: 290 }, (_, i) => `Constituency ${i}`), 'P01', 'P02', 'P03', 'P04'];
  const sid = new Map(strings.map((s, i) => [s, i]));
  const entry = (name, text) => { const f = new ZipDeflate(name, { level: 6 }); zip.add(f); f.push(new TextEncoder().encode(text), true); };
  entry('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>');
  entry('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  entry('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Results" sheetId="1" r:id="rId1"/></sheets></workbook>');
  entry('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>');
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  const enc = new TextEncoder();
  const cols = 'ABCDEFGHIJKL';
  const cell = (c, r, v) => typeof v === 'number' ? `<c r="${cols[c]}${r}"><v>${v}</v></c>`
    : sid.has(v) ? `<c r="${cols[c]}${r}" t="s"><v>${sid.get(v)}</v></c>` : `<c r="${cols[c]}${r}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
  const row = (r, values) => `<row r="${r}">${values.map((v, c) => cell(c, r, v)).join('')}</row>`;
  sheet.push(enc.encode(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row(1, header)}`));
  let r = 2;
  for (let b = 0; out < bytes; b++) {
    let xml = '';
    for (let s = 0; s < 1000; s++) {
      const code = `${String(b).padStart(5, '0')}-${String(s).padStart(4, '0')}`;
      const registered = 400 + ((s * 37) % 300);
      const cast = registered - 50 - (s % 40);
      for (let c = 1; c <= 4; c++) {
        xml += row(r++, [code, `${names[s % 4]} ${(s % 3) + 1}`, String(s % 290).padStart(3, '0'), `Constituency ${s % 290}`, counties[s % 5], registered, cast, s % 9, `P0${c}`, Math.floor(cast / (c + 1)), `https://forms.example.org/${code}.pdf`, `2027-08-1${5 + (c % 3)}T1${c}:32:00+03:00`]);
      }
    }
    sheet.push(enc.encode(xml));
  }
  sheet.push(enc.encode('</sheetData></worksheet>'), true);
  entry('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`);
  zip.end();
  closeSync(fd);
  return r - 2;
}

/** The libraries alone: every entry inflated and its XML parsed, rows counted, nothing checked. */
async function plainRead(file) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  let rows = 0;
  await streamZip(file, (name) => {
    if (!name.endsWith('.xml')) return undefined;
    const parser = new SaxesParser({ position: false });
    const decoder = new TextDecoder();
    parser.on('opentag', (tag) => { if (tag.name === 'row') rows++; });
    parser.on('text', () => {});
    return (chunk, final) => { parser.write(decoder.decode(chunk, { stream: !final })); if (final) parser.close(); };
  });
  const { user, system } = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (user + system) / 1000, rows };
}

export async function benchCheckXlsx(log = console.log) {
  const tmp = mkdtempSync(join(tmpdir(), 'oedr-bench-xlsx-'));
  try {
    const file = join(tmp, 'big.xlsx');
    const t = performance.now();
    const rows = generateXlsx(file, mb * 1e6);
    const sizeMB = statSync(file).size / 1e6;
    log(`check xlsx: generated a ${sizeMB.toFixed(0)} MB workbook of ${rows.toLocaleString('en-US')} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const plain = [];
    const checked = [];
    for (let i = 0; i < runs; i++) { plain.push(await plainRead(file)); checked.push(check(file)); }
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const plainRate = sizeMB / (med(plain.map((p) => p.ms)) / 1000);
    const checkRate = sizeMB / (med(checked.map((c) => c.ms)) / 1000);
    const peak = Math.max(...checked.map((c) => c.peakMB));
    const last = checked.at(-1).report;
    log(`check xlsx ${sizeMB.toFixed(0)} MB, ${last.rows.toLocaleString('en-US')} rows: ${checkRate.toFixed(1)} MB/s vs plain unzip + XML parse ${plainRate.toFixed(1)} MB/s: ${(checkRate / plainRate).toFixed(2)} of the plain read, peak ${peak.toFixed(0)} MB (target < 200 MB); CPU time ${(med(checked.map((c) => c.cpuMs)) / 1000).toFixed(1)} s vs ${(med(plain.map((p) => p.cpuMs)) / 1000).toFixed(1)} s; ${runs === 1 ? 'one run' : `medians of ${runs}`}`);
    for (const f of last.findings.filter((x) => x.status !== 'ok')) log(`  ${f.aspect}: ${f.message}`);
    return { sizeMB, plainRate, checkRate, peakMB: peak };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchCheckXlsx();
