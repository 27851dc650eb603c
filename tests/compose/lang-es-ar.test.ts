// The Spanish and Arabic letters as the Mexican and Tunisian lawyers asked for them, read back from
// the PDF (unpdf) and the DOCX (mammoth): the country's letter frame (place before date, subject
// label, «P r e s e n t e», the appeal's addressee as the statute names it), Tunisian and Jordanian
// month names, the regional treaty the country is party to, an appeal that claims to be in time
// only by the period itself, and a Latin reference inside Arabic text drawn in reading order.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getDocumentProxy } from 'unpdf';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { draftAll, squeeze } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());

const spanish = { place: 'Ciudad de México', org: 'Observatorio Ciudadano Electoral, A.C.', institution: 'Instituto Nacional Electoral', subject: 'Solicitud de resultados por casilla' };
const arabic = { place: 'تونس', org: 'مرصد شفافية الانتخابات', institution: 'الهيئة العليا المستقلة للانتخابات', subject: 'مطلب نفاذ إلى نتائج الانتخابات' };

/** A one-dataset spec under `law`, written in the law's language (none given), as `kind`. */
function spec(name: string, law: string, kind: string, date: string, words: typeof spanish, extra = ''): string {
  const file = join(tmp.path, `${name}.yaml`);
  writeFileSync(file, `oedr: 1
letter: { kind: ${kind}, date: ${date}, place: ${words.place}, reference: TMF/FOI/2027/007, subject: ${words.subject} }
requester:
  organisation: ${words.org}
  address: "Calle 1\\nCiudad"
  email: info@observatorio.example
  signatory: { name: Mariana López, title: Coordinadora }
recipient: { institution: ${words.institution}, address: "Calle 2\\nCiudad", email: t@ine.example, level: national, country: ${law} }
law: ${law}
datasets:
  - title: Resultados por casilla
    description: Los votos de cada casilla.
    category: election-results
    format: csv
    granularity: polling-station
delivery: { channel: email, details: info@observatorio.example }
${extra}`);
  return file;
}

/** `spec` drafted as PDF, DOCX and Markdown into `out-<its name>`, read back. */
const draft = (spec: string) => draftAll(spec, join(tmp.path, `out-${basename(spec, '.yaml')}`));

describe('Mexican letters', () => {
  it('write the recurso de revisión as a Mexican lawyer would: addressee, Presente, heading, folio, petition, closing', async () => {
    const earlier = 'earlier_request: { folio: "330031427000123", sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }';
    const { pdf, docx } = await draft(spec('mx-appeal', 'MX', 'appeal', '2027-03-01', spanish, earlier));
    for (const text of [pdf, docx]) {
      for (const want of ['Ciudad de México, a 1 de marzo de 2027', 'C. Titular del Órgano Interno de Control del Instituto Nacional Electoral', 'P r e s e n t e',
        'Asunto: Solicitud de resultados por casilla', 'RECURSO DE REVISIÓN', 'con número de folio 330031427000123', 'Acto que se recurre:',
        'PRIMERO.— Tener por interpuesto el presente recurso de revisión', 'SEGUNDO.— Revocar la respuesta impugnada y ordenar al Instituto Nacional Electoral', 'Por lo expuesto y fundado', 'Medio para recibir notificaciones: info@observatorio.example',
        'artículo 6o., apartado A, de la Constitución Política de los Estados Unidos Mexicanos', 'a) Participar en la dirección de los asuntos públicos', 'Claude Reyes']) expect(text).toContain(want);
      for (const wrong of ['Atentamente,', 'A quien corresponda']) expect(text).not.toContain(wrong);
      expect(text).not.toMatch(/(?<!\p{L})(a|de) el /u);
      expect(text).toMatch(/Atentamente /);
    }
  });

  it('write Colombian and Argentine letters with their own frame and route', async () => {
    const co = spec('co-appeal', 'CO', 'appeal', '2027-03-01', { ...spanish, place: 'Bogotá D.C.', institution: 'Registraduría Nacional del Estado Civil' },
      'earlier_request: { sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }');
    const c = await draft(co);
    for (const want of ['Bogotá D.C., 1 de marzo de 2027', 'RECURSO DE REPOSICIÓN', 'El funcionario que expidió la decisión', 'de la Registraduría Nacional del Estado Civil', 'SEGUNDO.— Revocar la decisión recurrida y, en su lugar, entregar',
      'los artículos 74 y 76 del Código de Procedimiento Administrativo', 'Atentamente,']) expect(c.pdf).toContain(want);
    const ar = spec('ar-foi', 'AR', 'foi-request', '2027-04-12', { ...spanish, place: 'Buenos Aires', institution: 'Dirección Nacional Electoral' });
    const a = await draft(ar);
    for (const want of ['Buenos Aires, 12 de abril de 2027', 'con fundamento en la Ley 27.275', 'en posesión de la Dirección Nacional Electoral']) expect(a.docx).toContain(want);
    expect(a.docx).not.toContain('P r e s e n t e');
  });
});

describe('Tunisian and Jordanian letters', () => {
  const refused = (date: string) => `earlier_request: { reference: TMF/FOI/2027/001, sent_on: 2027-02-01, response: refused, response_date: ${date} }`;

  it('write the Tunisian appeal with Tunisian months, «غرة», the place first and الفصل 30, in time by the period itself', async () => {
    const { pdf, docx, raw } = await draft(spec('tn-appeal', 'TN', 'appeal', '2027-03-01', arabic, refused('2027-02-20')));
    for (const text of [pdf, docx]) {
      for (const want of ['تونس في غرة مارس 2027', 'السيد رئيس الهيكل المعني', 'الموضوع: مطلب نفاذ', 'طبقا لأحكام الفصل 30 من القانون الأساسي عدد 22 لسنة 2016', 'بتاريخ غرة فيفري 2027',
        'نتقدم، باسم مرصد شفافية الانتخابات،', 'تقدم هذه الرسالة في الأجل القانوني', 'المعطيات', 'الميثاق الإفريقي لحقوق الإنسان والشعوب', 'وتفضلوا بقبول فائق عبارات التقدير والاحترام.']) {
        expect(squeeze(text)).toContain(squeeze(want));
      }
      for (const wrong of ['فبراير', 'تطلب مرصد', 'الميثاق العربي']) expect(text).not.toContain(wrong);
    }
    expect(raw.md).toContain('بالسيدة/بالسيد');
  });

  it('do not claim the appeal is in time when only a weekend moved the last day on', async () => {
    // 21 February + 20 calendar days is Saturday 13 March; the limit rolls to Monday 15 March.
    const { raw: { md } } = await draft(spec('tn-late', 'TN', 'appeal', '2027-03-15', arabic, refused('2027-02-21')));
    expect(md).not.toContain('في الأجل القانوني');
    const { raw: { md: early } } = await draft(spec('tn-early', 'TN', 'appeal', '2027-03-12', arabic, refused('2027-02-21')));
    expect(early).toContain('تقدم هذه الرسالة في الأجل القانوني');
  });

  it('draw a Latin reference in brackets inside Arabic text in reading order, right to left', async () => {
    const { files } = await draft(spec('tn-bidi', 'TN', 'appeal', '2027-03-01', arabic, refused('2027-02-20')));
    const doc = await getDocumentProxy(new Uint8Array(readFileSync(files.pdf)));
    const items = (await (await doc.getPage(1)).getTextContent()).items.flatMap((i) => ('str' in i && i.str.trim() ? [{ s: i.str, x: i.transform[4] as number, y: i.transform[5] as number }] : []));
    const ref = items.find((i) => i.s === 'TMF/FOI/2027/001')!;
    const line = items.filter((i) => Math.abs(i.y - ref.y) < 1);
    const x = (s: string) => line.find((i) => i.s === s)!.x;
    // Right to left: "(" then «مرجعنا» then the reference then ")".
    expect(x('(')).toBeGreaterThan(x('مرجعنا'));
    expect(x('مرجعنا')).toBeGreaterThan(ref.x);
    expect(ref.x).toBeGreaterThan(x(')'));
  });

  it('name the step a letter can still rely on: the Tunisian تظلم (INAI closed in 2025), the Jordanian complaint under المادة 17', async () => {
    const { raw: { md } } = await draft(spec('tn-follow', 'TN', 'follow-up', '2027-03-01', arabic, 'earlier_request: { sent_on: 2027-02-01 }'));
    expect(md).toContain('فقد نضطر إلى تقديم تظلم طبقا لأحكام الفصل 30 من القانون الأساسي عدد 22 لسنة 2016');
    expect(md).not.toContain('هيئة النفاذ إلى المعلومة طبقا');
    const { raw: { md: jo } } = await draft(spec('jo-appeal', 'JO', 'appeal', '2027-03-01', { ...arabic, place: 'عمّان' }, refused('2027-02-20')));
    expect(jo).toContain('**شكوى طبقا لأحكام المادة 17 من قانون ضمان حق الحصول على المعلومات رقم 47 لسنة 2007**');
    expect(jo).toContain('السيد رئيس مجلس المعلومات');
  });

  it('write Jordanian letters with Levantine month names and the Arab Charter, which Jordan is party to', async () => {
    const { pdf, docx } = await draft(spec('jo-data', 'JO', 'data-request', '2027-04-12', { ...arabic, place: 'عمّان' }));
    for (const text of [pdf, docx]) {
      const squeezed = squeeze(text);
      for (const want of ['عمّان في 12 نيسان 2027', 'المادة 32 من الميثاق العربي لحقوق الإنسان', 'يضمن هذا الميثاق الحق في الإعلام']) expect(squeezed).toContain(squeeze(want));
      expect(text).not.toContain('الميثاق الإفريقي');
      expect(text).not.toContain('أفريل');
    }
  });
});
