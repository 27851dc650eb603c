// `oedr check` on a generated file of polling-station results (1 GB by default; BENCH_CHECK_MB to
// change it) against the example request, beside a plain parse of the same file with the CSV
// reader alone: MB/s of each, their ratio, and the peak memory of `check`. Interleaved runs,
// medians. `node bench/check.mjs` after `npm run build`; bench/run.mjs calls it at its end.
// Target: check at least 0.7 of the plain parse's speed, under 200 MB. `check` reads files of
// 128 MiB and more on two worker threads (src/check/split.ts), so the CPU time of each is given
// too: the ratio of CPU times says what the checks cost, the ratio of speeds what a user waits.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CsvStream } from '../dist/check/csv-stream.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/oedr.js');
const spec = join(root, 'examples/polling-station-results.yaml');
const mb = Number(process.env.BENCH_CHECK_MB ?? 1024);
const runs = Number(process.env.BENCH_CHECK_RUNS ?? 3);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/**
 * Rows as the example asks for them: twelve fields, one row per candidate per polling station, a
 * quoted name holding the delimiter. Each block of stations is the same text with the block number
 * swapped in, so that 1 GB is written in seconds and no two rows are alike.
 */
export function generate(file, bytes) {
  const names = ['Kamukunji Primary School, Stream', 'St. Teresa\'s Girls Secondary, Stream', 'Ngara Social Hall, Stream', 'Kariokor Market, Tent'];
  const counties = ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Machakos'];
  let block = 'polling_station_code,polling_station_name,constituency_code,constituency_name,county_name,registered_voters,ballots_cast,rejected_ballots,candidate_id,candidate_votes,form_image_url,last_updated\n';
  const fd = openSync(file, 'w');
  writeSync(fd, block);
  let template = '';
  for (let s = 0; s < 1000; s++) {
    const code = `#####-${String(s).padStart(4, '0')}`;
    const registered = 400 + ((s * 37) % 300);
    const cast = registered - 50 - (s % 40);
    for (let c = 1; c <= 4; c++) {
      template += `${code},"${names[s % 4]} ${(s % 3) + 1}",${String(s % 290).padStart(3, '0')},Constituency ${s % 290},${counties[s % 5]},${registered},${cast},${s % 9},P0${c},${Math.floor(cast / (c + 1))},https://forms.example.org/#####-${s}.pdf,2027-08-1${5 + (c % 3)}T1${c}:32:00+03:00\n`;
    }
  }
  let written = block.length;
  for (let b = 0; written < bytes; b++) {
    block = template.replaceAll('#####', String(b).padStart(5, '0'));
    writeSync(fd, block);
    written += block.length;
  }
  closeSync(fd);
}

/**
 * The CSV reader alone, fed as `check` feeds it (64 KiB reads into one buffer, a streaming UTF-8
 * decoder), with a record callback that does nothing: the ratio is then the cost of the checks.
 */
async function plainParse(file) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const decoder = new TextDecoder('utf-8');
  const parser = new CsvStream(',', '"', () => {});
  const fh = await open(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, null);
    if (bytesRead === 0) break;
    parser.push(decoder.decode(buf.subarray(0, bytesRead), { stream: true }));
  }
  await fh.close();
  parser.push(decoder.decode());
  parser.end();
  const { user, system } = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (user + system) / 1000, records: parser.stats.records };
}

/**
 * `oedr check --json` in a child process: wall time, CPU time (user and system, all threads) and
 * peak resident memory (GNU time's %U %S %M, else the child's own resource usage through a wrapper).
 */
export function check(file) {
  const args = [bin, 'check', file, '--against', spec, '--json'];
  const gnuTime = existsSync('/usr/bin/time');
  const t = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, ['--input-type=module', '-e', `process.argv.splice(1, 0, '');await import(${JSON.stringify(bin)});process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n'+u.userCPUTime/1e6+' '+u.systemCPUTime/1e6+' '+u.maxRSS)})`, ...args.slice(1)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`oedr check exited ${r.status}: ${r.stderr}`);
  const [user, system, peakKB] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { ms, cpuMs: (user + system) * 1000, peakMB: peakKB / 1024, report: JSON.parse(r.stdout).files[0] };
}

export async function benchCheck(log = console.log) {
  const tmp = mkdtempSync(join(tmpdir(), 'oedr-bench-check-'));
  try {
    const file = join(tmp, 'big.csv');
    let t = performance.now();
    generate(file, mb * 1024 * 1024);
    const size = statSync(file).size;
    const sizeMB = size / 1e6;
    log(`check: generated ${(size / 2 ** 20).toFixed(0)} MiB (${sizeMB.toFixed(0)} MB) of polling-station results in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const plain = [];
    const checked = [];
    let last;
    for (let i = 0; i < runs; i++) {
      plain.push(await plainParse(file));
      last = check(file);
      checked.push(last);
    }
    const plainRate = sizeMB / (median(plain.map((p) => p.ms)) / 1000);
    const checkRate = sizeMB / (median(checked.map((c) => c.ms)) / 1000);
    const plainCpu = median(plain.map((p) => p.cpuMs)) / 1000;
    const checkCpu = median(checked.map((c) => c.cpuMs)) / 1000;
    const peak = Math.max(...checked.map((c) => c.peakMB));
    const deviations = last.report.findings.filter((f) => f.status !== 'ok').map((f) => `${f.aspect}: ${f.message}`);
    log(`check ${sizeMB.toFixed(0)} MB, ${last.report.rows.toLocaleString('en-US')} rows: ${checkRate.toFixed(1)} MB/s vs plain CSV parse ${plainRate.toFixed(1)} MB/s: ${(checkRate / plainRate).toFixed(2)} of the plain parse (target >= 0.7), peak ${peak.toFixed(0)} MB (target < 200 MB); CPU time ${checkCpu.toFixed(1)} s vs ${plainCpu.toFixed(1)} s (${(plainCpu / checkCpu).toFixed(2)}); medians of ${runs}`);
    for (const d of deviations) log(`  ${d}`);
    return { sizeMB, plainRate, checkRate, ratio: checkRate / plainRate, peakMB: peak, plainCpu, checkCpu };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchCheck();
