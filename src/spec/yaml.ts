// YAML to plain data with source positions. Always the YAML 1.2 core schema, even under a
// `%YAML 1.1` directive, so `NO` stays a string and 0755 is not octal.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { formatPath, type Diagnostic } from '../errors.js';

export interface Position { line: number; col: number }

export interface ParsedYaml {
  data: unknown;
  diagnostics: Diagnostic[];
  /** Where a spec path points in the file: the value, or the nearest existing parent. */
  locate(path: readonly PropertyKey[], key?: boolean): Position;
  /** The text of the value at a path as written in the file, e.g. `01234` for a number. */
  sourceAt(path: readonly PropertyKey[]): string | undefined;
}

const coreTags = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq']);

/** Alias expansions allowed when building the data; more is an alias bomb ("billion laughs"). */
export const MAX_ALIASES = 100;

/** yaml's wording for the commonest indentation slip is about implicit keys; say what to check. */
const indentHint = 'a value runs on into the next line as if it were part of it; check the indentation: '
  + 'the keys of one mapping must start in the same column';
const friendly: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: indentHint,
  BLOCK_AS_IMPLICIT_KEY: indentHint,
  TAB_AS_INDENT: 'a tab is used for indentation; YAML allows only spaces',
  MULTIPLE_DOCS: 'the file holds more than one YAML document (a second `---`); put one request in each file',
};

export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const pos = (offset: number): Position => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  const report = (rule: string, message: string, offset: number, path?: (string | number)[]) =>
    diagnostics.push({ severity: 'error', rule, message, file, ...pos(offset), path: path?.length ? formatPath(path) : undefined });

  // Tags, duplicate keys and aliases are reported by our own walk, which knows the key names and
  // paths; yaml's own reports of them are kept only if the walk found nothing of that kind.
  const found = scan(doc, source, report);
  const lines = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    if (e.code === 'DUPLICATE_KEY' && found.duplicates) continue;
    if (e.code === 'TAG_RESOLVE_FAILED' && found.tags) continue;
    const { line } = pos(e.pos[0]);
    if (lines.has(line)) continue; // one syntax error leads to others on the same line; show the first
    lines.add(line);
    const rule = e.code === 'MULTIPLE_DOCS' ? 'multiple-documents' : e.code === 'DUPLICATE_KEY' ? 'duplicate-key'
      : e.code === 'TAG_RESOLVE_FAILED' ? 'unknown-tag' : 'yaml-syntax';
    const message = e.code === 'MULTIPLE_DOCS' ? friendly[e.code]!
      : friendly[e.code] ? `invalid YAML: ${friendly[e.code]}` : yamlMessage(e.message);
    report(rule, message, e.pos[0]);
  }
  diagnostics.sort((a, b) => a.line! - b.line! || a.col! - b.col!);

  let data: unknown = null;
  if (diagnostics.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch {
      report('alias-limit', `too many alias expansions (more than ${MAX_ALIASES}): the file looks like an alias bomb; write the values out instead of using *aliases`, found.firstAlias ?? 0);
    }
  }
  if (diagnostics.length === 0 && (data === null || data === undefined)) {
    report('empty-spec', 'the file has no content; `oedr init` writes a starter spec', 0);
  }
  return {
    data,
    diagnostics,
    locate: (path, key) => locate(doc, path, key, pos),
    sourceAt: (path) => {
      const n = walk(doc, path);
      return n.found && n.node?.range ? source.slice(n.node.range[0], n.node.range[1]) : undefined;
    },
  };
}

/** yaml's messages end with "at line 3, column 1" (we print the place ourselves) and some are terse. */
function yamlMessage(message: string): string {
  return 'invalid YAML: ' + message.replace(/ at line \d+, column \d+.*$/s, '').trim();
}

type Report = (rule: string, message: string, offset: number, path?: (string | number)[]) => void;

/** Reports non-core tags, duplicate keys and aliases without an anchor, each with its path. */
function scan(doc: Document, source: string, report: Report) {
  const found = { tags: false, duplicates: false, firstAlias: undefined as number | undefined };
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (isAlias(node)) {
      found.firstAlias ??= node.range?.[0];
      if (!node.resolve(doc) && node.range) {
        report('unknown-alias', `the alias *${node.source} refers to no anchor &${node.source} defined before it`, node.range[0], path);
      }
      return;
    }
    if (!(isScalar(node) || isMap(node) || isSeq(node))) return;
    if (node.tag && !coreTags.has(node.tag) && node.range) {
      found.tags = true;
      const written = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      const at = source.lastIndexOf(written, node.range[0]);
      report('unknown-tag', `the tag ${written} is not allowed; write plain YAML values without tags`, at >= 0 ? at : node.range[0], path);
    }
    if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
    if (!isMap(node)) return;
    const seen = new Map<unknown, Node>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const name = isScalar(pair.key) ? String(pair.key.value) : '?';
      const first = isScalar(pair.key) ? seen.get(key) : undefined;
      if (first && isScalar(pair.key) && pair.key.range && first.range) {
        found.duplicates = true;
        report('duplicate-key', `the key \`${name}\` appears twice in this mapping (first on line ${lineOf(source, first.range[0])}); keep one`,
          pair.key.range[0], [...path, name]);
      } else if (isScalar(pair.key)) seen.set(key, pair.key);
      visit(pair.key, path);
      visit(pair.value, [...path, name]);
    }
  };
  visit(doc.contents, []);
  return found;
}

const lineOf = (source: string, offset: number) => source.slice(0, offset).split('\n').length;

interface Walked { node: Node | null; keyNode: Node | null; found: boolean }

function walk(doc: Document, path: readonly PropertyKey[]): Walked {
  let node = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node, keyNode, found: false };
      keyNode = pair.key as Node;
      node = (pair.value as Node | null) ?? keyNode;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      keyNode = null;
      node = node.items[seg] as Node;
    } else {
      return { node, keyNode, found: false };
    }
  }
  return { node, keyNode, found: true };
}

function locate(doc: Document, path: readonly PropertyKey[], key: boolean | undefined, pos: (o: number) => Position): Position {
  const w = walk(doc, path);
  // A missing key is reported at the key that holds its mapping (`letter:`), else at the mapping;
  // an empty value (`needed_by:` and nothing after it) at its key.
  const empty = isScalar(w.node) && w.node.range && w.node.range[0] === w.node.range[1];
  const target = (key || !w.found || empty) && w.keyNode ? w.keyNode : w.node;
  return target?.range ? pos(target.range[0]) : { line: 1, col: 1 };
}
