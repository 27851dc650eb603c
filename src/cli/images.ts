// Reads and checks the pictures a spec names (logo, letterhead, signatures) for `draft`: each file
// relative to the YAML file that names it (the spec or its profile), each problem an error at that
// value's line and column, and each file's bytes hashed so the manifest covers them.
import { readFileSync } from 'node:fs';
import { besides, type SourceFile } from '../spec/profile.js';
import type { Diagnostic } from '../errors.js';
import { formatPath } from '../errors.js';
import { sha256 } from '../hash.js';
import { checkImage } from '../images.js';
import type { LetterImages } from '../compose/frame.js';
import type { RequestSpec } from '../spec/schema.js';
import type { ParsedYaml } from '../spec/yaml.js';

export interface ReadImages {
  images: LetterImages;
  sources: SourceFile[];
  diagnostics: Diagnostic[];
}

type Picture = { file: string; alt?: string };

export function readLetterImages(spec: RequestSpec, yaml: ParsedYaml, specFile: string): ReadImages {
  const out: ReadImages = { images: {}, sources: [], diagnostics: [] };
  const rq = spec.requester;
  const read = (pic: Picture | undefined, path: (string | number)[], alt: string) => {
    if (!pic) return undefined;
    const at = yaml.locate([...path, 'file']);
    const file = besides(at.file ?? specFile, pic.file);
    const where = { severity: 'error' as const, rule: 'image', file: at.file ?? specFile, line: at.line, col: at.col, path: formatPath([...path, 'file']) };
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      out.diagnostics.push({ ...where, message: `cannot read the image "${pic.file}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}` });
      return undefined;
    }
    const image = checkImage(bytes, pic.alt ?? alt);
    if (typeof image === 'string') {
      out.diagnostics.push({ ...where, message: `the image "${pic.file}" cannot be used: ${image}` });
      return undefined;
    }
    if (!out.sources.some((s) => s.file === file)) out.sources.push({ file, sha256: sha256(bytes) });
    return image;
  };
  const logo = read(rq.logo, ['requester', 'logo'], '');
  const letterhead = read(rq.letterhead, ['requester', 'letterhead'], '');
  const signatures = [
    read(rq.signatory.signature, ['requester', 'signatory', 'signature'], `Signature of ${rq.signatory.name}`),
    ...rq.co_signers.map((c, i) => read(c.signatory?.signature, ['requester', 'co_signers', i, 'signatory', 'signature'], `Signature of ${c.signatory?.name ?? c.organisation}`)),
  ];
  out.images = {
    ...(logo ? { logo } : {}),
    ...(letterhead ? { letterhead } : {}),
    ...(signatures.some(Boolean) ? { signatures } : {}),
  };
  return out;
}
