// YAML to plain data with source positions. Always the YAML 1.2 core schema, even under a
// `%YAML 1.1` directive, so `NO` stays a string and 0755 is not octal.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../errors.js';

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

const codeRules: Record<string, string> = {
  DUPLICATE_KEY: 'duplicate-key',
  MULTIPLE_DOCS: 'multiple-documents',
  TAG_RESOLVE_FAILED: 'unknown-tag',
};

export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { schema: 'core', lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const pos = (offset: number): Position => lineCounter.linePos(offset);
  const diagnostics: Diagnostic[] = [];
  const report = (rule: string, message: string, offset: number) =>
    diagnostics.push({ severity: 'error', rule, message, file, ...pos(offset) });

  for (const e of [...doc.errors, ...doc.warnings]) {
    const message = e.code === 'MULTIPLE_DOCS'
      ? 'the file holds more than one YAML document (a second `---`); put one request in each file'
      : e.code === 'DUPLICATE_KEY' ? 'this key appears twice in the same mapping; keep one'
        : yamlMessage(e.message);
    report(codeRules[e.code] ?? 'yaml-syntax', message, e.pos[0]);
  }
  visit(doc, (_key, node: unknown) => {
    if (!(isScalar(node) || isMap(node) || isSeq(node))) return;
    if (node.tag && !coreTags.has(node.tag) && node.range) {
      report('unknown-tag', `the tag ${node.tag} is not allowed; write plain YAML values`, node.range[0]);
    }
  });

  let data: unknown = null;
  if (diagnostics.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      report('alias-limit', 'too many alias expansions (more than 100): the file looks like an alias bomb', 0);
      void e;
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

interface Walked { node: Node | null; keyNode: Node | null; found: boolean }

function walk(doc: Document, path: readonly PropertyKey[]): Walked {
  let node = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
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
  // A missing key is reported at the key that holds its mapping (`letter:`), else at the mapping.
  const target = (key || !w.found) && w.keyNode ? w.keyNode : w.node;
  return target?.range ? pos(target.range[0]) : { line: 1, col: 1 };
}
