// `extends: _profile.yaml`: follows a spec's chain of profiles and returns one layer per file, the
// spec first. A profile that cannot be read is reported where the file naming it says `extends:`;
// a problem inside a profile is reported in the profile, at its own line and column.
import { sha256 } from '../hash.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { OedrError, type Diagnostic } from '../errors.js';
import { describeValue } from './diagnose.js';
import { fileLayer, type Layer } from './layers.js';
import { readSourceSync } from './read.js';
import { parseYaml, type ParsedYaml } from './yaml.js';

/** A file the spec was built from, with the SHA-256 of its bytes. */
export interface SourceFile { file: string; sha256: string }

export interface Chain {
  /** The spec, then its profile, then that profile's profile, … */
  layers: Layer[];
  files: string[];
  diagnostics: Diagnostic[];
}

export type Reader = (file: string, kind: 'profile' | 'recipients-csv' | 'recipients-yaml') => { text: string; bytes: Uint8Array };

export const readSource: Reader = (file, kind) => readSourceSync(file, {
  format: kind === 'recipients-csv' ? 'CSV' : 'YAML',
  empty: kind === 'profile' ? 'the profile is empty; give it at least one key, such as requester' : 'the recipient list is empty',
});

/** `other` as named in `from`: relative to the folder of the file that names it. */
export const besides = (from: string, other: string) => (isAbsolute(other) ? other : join(dirname(from), other));

/**
 * A read error of a file named by `value` in `from`: with a place of its own (a bad byte), it stays
 * in that file; otherwise (no such file, a folder) it is reported at the value that names it.
 */
export function readError(e: unknown, what: string, named: string, at: Diagnostic): Diagnostic[] {
  if (!(e instanceof OedrError)) throw e;
  return e.diagnostics.map((d) => (d.line !== undefined ? d
    : { ...at, rule: d.rule, message: `cannot read ${what} "${named}"${d.file === named ? '' : ` (${d.file})`}: ${d.message}` }));
}

export function followProfiles(specFile: string, spec: ParsedYaml, read: Reader, hashes: SourceFile[]): Chain {
  const chain: Chain = { layers: [fileLayer(spec, specFile)], files: [specFile], diagnostics: [] };
  const seen = [resolve(specFile)];
  let current = { file: specFile, yaml: spec };
  for (;;) {
    const data = current.yaml.data as Record<string, unknown>;
    if (data === null || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, 'extends')) return chain;
    const named = data.extends;
    const at: Diagnostic = {
      severity: 'error', rule: 'extends', message: '', file: current.file, ...current.yaml.locate(['extends']), path: 'extends',
    };
    if (typeof named !== 'string' || !/\S/.test(named)) {
      chain.diagnostics.push({ ...at, rule: 'type', message: `expected the path of a profile, such as _profile.yaml, relative to this file; got ${describeValue(named)}` });
      return chain;
    }
    const file = besides(current.file, named);
    const loop = seen.indexOf(resolve(file));
    if (loop !== -1) {
      const names = [...chain.files, file].slice(loop);
      chain.diagnostics.push({ ...at, rule: 'extends-cycle', message: `the profiles extend each other in a loop: ${names.join(' -> ')}; remove one of these \`extends\`` });
      return chain;
    }
    let source;
    try {
      source = read(file, 'profile');
    } catch (e) {
      chain.diagnostics.push(...readError(e, 'the profile', named, at));
      return chain;
    }
    hashes.push({ file, sha256: sha256(source.bytes) });
    const yaml = parseYaml(source.text, file);
    chain.diagnostics.push(...yaml.diagnostics, ...yaml.warnings);
    if (yaml.diagnostics.length) return chain;
    if (yaml.data === null || typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
      chain.diagnostics.push({ severity: 'error', rule: 'type', file, line: 1, col: 1,
        message: `expected a profile: a mapping with some of a spec's keys, such as requester; got ${describeValue(yaml.data)}` });
      return chain;
    }
    chain.layers.push(fileLayer(yaml, file));
    chain.files.push(file);
    seen.push(resolve(file));
    current = { file, yaml };
  }
}

