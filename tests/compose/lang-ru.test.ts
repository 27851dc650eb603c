// Russian letters under the KG law (templates/ru): Kyrgyz comes first among the law's languages but
// has no templates, so the letter is in Russian, with a warning; every kind read back from PDF,
// DOCX and Markdown; the appeal to the ЦИК as a Bishkek lawyer files it (dative address, the
// articles read in Law No. 217, the route to court, uncertain facts worded as estimates).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { root, tempDir } from '../helpers.js';
import { bodyText, draftAll, kindSpec } from './lang-shared.js';
import { describeLanguage } from './lang-suite.js';

describeLanguage({
  code: 'ru',
  law: 'KG',
  fixture: 'kg-cec',
  earlier: 'earlier_request: { reference: АВ/ЗИ/2027/003, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }',
  lawName: 'Закон Кыргызской Республики «О праве на доступ к информации»',
  date: '12 апреля 2027 года',
  salutation: 'Уважаемый господин Председатель',
  closing: 'С уважением,',
  reference: 'Исх. № АВ/ЗИ/2027/021',
  pageLabel: (page, pages) => `Страница ${page} из ${pages}`,
  warns: 'KG takes filings in ky, ru, but oedr has no letter templates for "ky" yet, so the letter is in "ru"',
  kinds: {
    'foi-request': [
      'Правовое основание: Закон Кыргызской Республики «О праве на доступ к информации».',
      'Обладатель информации: Центральная комиссия по выборам и проведению референдумов Кыргызской Республики.',
      // No holiday calendar for KG: no date is computed, and the letter says so without one.
      'Ответ просим предоставить в кратчайший срок, в пределах срока, установленного законом.',
      '(целое число, напр. 1 250)',
    ],
    'data-request': [
      'Почему это важно',
      'закреплённое в статьях 19 и 25 Международного пакта о гражданских и политических правах.',
      '«свободу искать, получать и распространять всякого рода информацию и идеи»',
      'просим рассматривать это письмо как запрос на информацию. Правовое основание: Закон Кыргызской Республики «О праве на доступ к информации».',
    ],
    'follow-up': [
      '1 февраля 2027 года мы, Общественное объединение «Открытые выборы», обратились к Вам',
      'Благодарим за Ваш ответ от 20 февраля 2027 года. В нём нам отказано в предоставлении информации',
      'Запрошенные данные:',
    ],
    appeal: [
      // The ЦИК has no higher body: the complaint goes to its Chairperson, named in the dative.
      'Председателю Центральной комиссии по выборам и проведению референдумов Кыргызской Республики',
      'Жалоба на решение, действие или бездействие обладателя информации',
      'Правовое основание: Закон Кыргызской Республики «О праве на доступ к информации» (далее — Закон), пункт 1 части 5 статьи 2 Закона.',
      'Предмет обжалования: отказ в предоставлении информации.',
      '20 февраля 2027 года мы получили ответ; его содержание: отказ в предоставлении информации.',
    ],
  },
  readingCopyMark: "Translation for the requester's records; the letter sent is in Russian.",
  copyOfEnglishMark: 'Перевод для документации заявителя; направленное письмо составлено на английском языке.',
  checkFollowUp: {
    csv: 'uik_no,turnout_pct\n1001,63.4\n1002,n/a\n',
    says: [
      'Благодарим за данные, предоставленные по нашему запросу', 'Мы проверили файл на соответствие запросу', 'Ещё раз благодарим за помощь.',
      'Разделитель полей. Мы просили: разделитель полей — точка с запятой (";"). Разделитель полей в файле — запятая (",").',
      'Отсутствующие столбцы: ballots_received.',
    ],
  },
});

const REFUSED = 'earlier_request: { reference: АВ/ЗИ/2027/003, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20, refusal: { ground: personal-data, provision: статья 8 Закона } }';
const SILENT = 'earlier_request: { reference: АВ/ЗИ/2027/003, sent_on: 2027-02-01, response: none }';

describe('the KG appeal to the ЦИК, as a Bishkek lawyer would sign it', () => {
  const tmp = tempDir();
  afterAll(() => tmp.done());
  const subject = (yaml: string) => yaml.replace(/subject: .*/, 'subject: Жалоба на отказ в предоставлении информации');

  /** The appeal (or, named follow-up…, the follow-up) drafted with `earlier`, read back as PDF (without footers), DOCX and Markdown text; `args` go to `draft`. */
  async function appeal(name: string, earlier: string, ...args: string[]) {
    const file = kindSpec(tmp.path, 'letters/kg-cec', name.startsWith('follow-up') ? 'follow-up' : 'appeal', { stem: name, extra: earlier, edit: subject });
    const d = await draftAll(file, join(tmp.path, name), '--annex', ...args);
    return { md: d.raw.md, texts: { pdf: await bodyText(d.files.pdf), docx: d.docx, md: d.md } };
  }

  it('addresses the Chairperson in the dative, names the ЦИК once, and opens with its heading, not a salutation', async () => {
    const { md, texts } = await appeal('refused', REFUSED);
    // The address block: the post in the dative, then the address; the ЦИК's name is not said twice.
    const block = md.split('12 апреля 2027 года\n\n')[1]!.split('\n\n')[0]!.split('\\\n');
    expect(block).toEqual(['Председателю Центральной комиссии по выборам и проведению референдумов Кыргызской Республики', 'ул. Пушкина, 78', 'г. Бишкек, 720040', 'info@shailoo.example']);
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).toContain('Председателю Центральной комиссии по выборам и проведению референдумов Кыргызской Республики');
      expect(text, format).not.toContain('Председатель Центральной');
      // Named once more, as the holder of the information, and nowhere else.
      expect(text.split('Центральная комиссия по выборам и проведению референдумов Кыргызской Республики').length - 1, format).toBe(1);
      for (const salutation of ['Уважаемые дамы и господа', 'Уважаемый господин Председатель']) expect(text, format).not.toContain(salutation);
    }
  });

  it('cites the articles read in Law No. 217, answers the refusal with art. 8(1), asks to review it, and names the route: the court', async () => {
    const { texts } = await appeal('refused', REFUSED);
    for (const [format, text] of Object.entries(texts)) {
      for (const want of [
        'Правовое основание: Закон Кыргызской Республики «О праве на доступ к информации» (далее — Закон), пункт 1 части 5 статьи 2 Закона.',
        'Согласно части 1 статьи 8 Закона, право на доступ к информации может быть ограничено только законом и только в той мере, в какой это необходимо',
        'Просим пересмотреть отказ от 20 февраля 2027 года и предоставить указанную выше информацию',
        'Если жалоба не будет удовлетворена или останется без ответа, мы оставляем за собой право обратиться в суд.',
      ]) expect(text, `${format}: ${want}`).toContain(want);
      // No public-interest override in Law No. 217 (CLD's Note): the letter does not argue one.
      expect(text, format).not.toContain('общественный интерес к их раскрытию');
    }
  });

  it('words the low-confidence response period as an estimate when no answer came, and as a fact once the registry is sure', async () => {
    const { texts } = await appeal('silent', SILENT);
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).toContain('Насколько нам известно, Закон отводит на ответ 10 рабочих дней со дня получения запроса.');
      expect(text, format).toContain('Закон обязывает обладателя информации ответить на запрос в установленный срок');
      expect(text, format).toContain('мы оставляем за собой право обратиться в суд.');
      expect(text, format).not.toContain('статьи 8'); // nothing was refused: no restriction to answer
    }
    // The same row, sure of its period and unsure of art. 8(1): the period is stated, the article left out.
    const kg = (parse(readFileSync(join(root, 'laws/laws.yaml'), 'utf8')) as { laws: Record<string, unknown>[] }).laws.find((l) => l.code === 'KG')!;
    const laws = join(tmp.path, 'kg-sure.yaml');
    writeFileSync(laws, stringify({ laws: [{ ...kg, confidence: 'medium', restriction_test: { ...(kg.restriction_test as object), confidence: 'low' } }] }));
    // The follow-up says the same, and names the law it was asked under.
    const followUp = await appeal('follow-up', SILENT);
    for (const [format, text] of Object.entries(followUp.texts)) {
      expect(text, format).toContain('(правовое основание: Закон Кыргызской Республики «О праве на доступ к информации»; наш исх. № АВ/ЗИ/2027/003)');
      expect(text, format).toContain('Насколько нам известно, закон отводит на ответ 10 рабочих дней со дня получения запроса.');
    }
    const sure = await appeal('sure', SILENT, '--laws', laws);
    const refused = await appeal('sure-refused', REFUSED, '--laws', laws);
    for (const format of ['pdf', 'docx', 'md'] as const) {
      expect(sure.texts[format], format).toContain('Закон отводит на ответ 10 рабочих дней со дня получения запроса.');
      expect(sure.texts[format], format).not.toContain('Насколько нам известно');
      expect(refused.texts[format], format).not.toContain('Согласно части 1 статьи 8 Закона');
    }
  });
});
