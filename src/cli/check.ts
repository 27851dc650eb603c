// `oedr check`: each delivered file against a dataset of a request spec, reported for an official
// (text) or for CI (--json). Exit 0 when everything matches, 1 on any deviation, 3 when a file
// cannot be read at all; a spec with errors is 1, a spec that cannot be read 3, as in `validate`.
import { checkFile } from '../check/check-file.js';
import type { FileReport } from '../check/model.js';
import { renderJson, renderText } from '../check/report.js';
import { ExitCode, fail } from '../errors.js';
import type { DatasetSpec } from '../spec/schema.js';
import { loadSpec } from '../spec/load.js';
import { printDiagnostic, type Io } from './io.js';

export interface CheckOptions {
  against: string;
  dataset?: string;
  json?: boolean;
}

/** The dataset named by number (1-based) or title, or the only one. */
export function pickDataset(datasets: DatasetSpec[], which: string | undefined, spec: string): { dataset: DatasetSpec; index: number } {
  const list = datasets.map((d, i) => `${i + 1}. ${d.title}`).join('; ');
  if (which === undefined) {
    if (datasets.length === 1) return { dataset: datasets[0]!, index: 1 };
    fail(ExitCode.usage, 'dataset-choice', `${spec} asks for ${datasets.length} datasets; say which one the files hold with --dataset NUMBER or --dataset TITLE (${list})`);
  }
  const n = /^\d+$/.test(which) ? Number(which) : NaN;
  const index = Number.isInteger(n) ? n : datasets.findIndex((d) => d.title.toLowerCase() === which.trim().toLowerCase()) + 1;
  const dataset = datasets[index - 1];
  if (!dataset) fail(ExitCode.usage, 'dataset-choice', `${spec} has no dataset "${which}"; its datasets are ${list}`);
  return { dataset, index };
}

export async function check(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  const loaded = await loadSpec(opts.against);
  for (const d of loaded.diagnostics) if (d.severity === 'error') printDiagnostic(io, d);
  if (!loaded.spec) {
    io.err(`${opts.against}: the request spec has errors (see \`oedr validate\`); no file was checked`);
    return ExitCode.invalid;
  }
  const { dataset, index } = pickDataset(loaded.spec.datasets, opts.dataset, opts.against);
  const reports: FileReport[] = [];
  for (const file of files) {
    const r = await checkFile(file, dataset, index);
    reports.push(r);
    if (!opts.json) io.out(renderText(r, opts.against, io.color) + '\n');
  }
  const code = reports.some((r) => r.status === 'unreadable') ? ExitCode.input
    : reports.some((r) => r.status === 'deviations') ? ExitCode.invalid : ExitCode.ok;
  if (opts.json) io.out(renderJson(reports, opts.against, code));
  return code;
}
