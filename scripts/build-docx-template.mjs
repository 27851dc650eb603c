// Saves the DOCX template (src/writers/docx-template.ts: the parts every letter shares, made with the
// docx library) to dist/docx-template.json, with its fixed parts already deflated, so that writing
// a DOCX loads no docx and deflates only the letter's own parts. Run after tsc: everything comes
// from dist/writers/, the code that would otherwise do it at run time, so the two never disagree
// (tested); the file is keyed by the styles it was made from.
import { renameSync, writeFileSync } from 'node:fs';
import * as docx from 'docx';
import { makeTemplate, templateKey } from '../dist/writers/docx-template.js';
import { deflatePart } from '../dist/writers/docx-zip.js';

const out = 'dist/docx-template.json';
const template = await makeTemplate(docx);
const deflated = {};
for (const [name, text] of Object.entries(template.fixed)) {
  const d = deflatePart(text);
  deflated[name] = { crc: d.crc, size: d.size, data: Buffer.from(d.data).toString('base64') };
}
// Written aside and renamed: a CLI run at the same moment sees the old file or the new, never half.
writeFileSync(`${out}.${process.pid}.tmp`, JSON.stringify({ key: templateKey(), template, deflated }));
renameSync(`${out}.${process.pid}.tmp`, out);
