// Ukrainian letters under the UA law (templates/uk): every kind in Ukrainian by default, read back
// from PDF, DOCX and Markdown; the appeal goes to the addressee the statute names (art. 23).
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { draftKind, UNANSWERED } from './lang-shared.js';
import { describeLanguage } from './lang-suite.js';

describeLanguage({
  code: 'uk',
  law: 'UA',
  fixture: 'ua-cec',
  earlier: 'earlier_request: { reference: ВВ/ЗІ/2027/001, sent_on: 2027-02-01, response: refused, response_date: 2027-02-20 }',
  lawName: 'Закон України «Про доступ до публічної інформації»',
  date: '12 квітня 2027 року',
  salutation: 'Шановний пане Голово',
  closing: 'З повагою,',
  reference: 'Наш вихідний номер: ВВ/ЗІ/2027/014',
  pageLabel: (page, pages) => `Сторінка ${page} з ${pages}`,
  kinds: {
    'foi-request': [
      'Правова підстава: Закон України «Про доступ до публічної інформації».',
      'Розпорядник інформації: Центральна виборча комісія.',
      // 5 working days from Monday 12 April 2027 (art. 20).
      'не пізніше ніж протягом 5 робочих днів з дня отримання запиту, як того вимагає закон (тобто до 19 квітня 2027 року',
      '(ціле число, напр. 1 250)',
      'Просимо надати інформацію в електронній формі електронною поштою на адресу',
    ],
    'data-request': [
      'Чому це важливо',
      'закріплене у статтях 19 і 25 Міжнародного пакту про громадянські і політичні права, а також у статті 10 Конвенції про захист прав людини і основоположних свобод',
      '«свободу шукати, одержувати і поширювати будь-яку інформацію та ідеї»',
      'просимо розглядати цей лист як запит на інформацію. Правова підстава: Закон України «Про доступ до публічної інформації».',
    ],
    'follow-up': [
      '1 лютого 2027 року ми, Громадська організація «Відкриті вибори», звернулися до Вас',
      'Дякуємо за Вашу відповідь від 20 лютого 2027 року. У ній нам відмовлено в задоволенні запиту',
      'Запитані дані:',
    ],
    appeal: [
      // Dative in the address block (ДСТУ 4163:2020); a скарга opens with its heading, not a salutation.
      'Голові Центральної виборчої комісії',
      'Просимо забезпечити надання нам зазначеної вище інформації',
      'Скарга на рішення, дії чи бездіяльність розпорядника інформації',
      'Предмет оскарження: відмова в задоволенні запиту на інформацію.',
      '20 лютого 2027 року ми отримали відповідь; її зміст: відмова в задоволенні запиту на інформацію.',
    ],
  },
  readingCopyMark: "Translation for the requester's records; the letter sent is in Ukrainian.",
  copyOfEnglishMark: 'Переклад для документації запитувача; надісланий лист складено англійською мовою.',
  checkFollowUp: {
    csv: 'District,station_no,turnout_pct\n223,800123,63.4\n224,800124,n/a\n',
    says: [
      'Дякуємо за дані, надані на наш запит', 'Ми перевірили файл на відповідність запиту', 'Ще раз дякуємо за допомогу.',
      'Роздільник полів. Ми просили: роздільник полів — крапка з комою (";"). Роздільник полів у файлі — кома (",").',
      'Відсутні стовпці: ballots_received.',
      'Значення, що цьому не відповідають: 2, наприклад рядок 2 ("63.4") і рядок 3 ("n/a").',
      'Стовпці з іншими назвами: "District" замість "district_no".',
    ],
  },
});

describe('the Ukrainian follow-up after silence', () => {
  const tmp = tempDir();
  afterAll(() => tmp.done());
  it('says the silence will be challenged as the law provides, not that the head of the body it writes to is a "next instance"', async () => {
    // Art. 23's first step is the head of the body, whom this letter already addresses («Шановний
    // пане Голово»); a Kyiv reader found «до наступної інстанції … (Голові …)» wrong in law and in case.
    const d = await draftKind(tmp.path, 'letters/ua-cec', 'follow-up', { extra: UNANSWERED });
    for (const text of [d.pdf, d.docx, d.md]) {
      expect(text).toContain('Якщо відповіді не буде, ми будемо змушені оскаржити ненадання інформації на запит у порядку, встановленому законом, чого хотіли б уникнути.');
      expect(text).not.toContain('наступної інстанції');
    }
  });
});
