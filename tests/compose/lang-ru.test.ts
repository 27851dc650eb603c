// Russian letters under the KG law (templates/ru): Kyrgyz comes first among the law's languages but
// has no templates, so the letter is in Russian, with a warning; every kind read back from PDF,
// DOCX and Markdown; the appeal goes to the higher body the registry names.
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
      // The ЦИК has no higher body: the registry routes the complaint to its Chairperson.
      'Председатель Центральной комиссии по выборам и проведению референдумов Кыргызской Республики',
      'Жалоба на решение, действие или бездействие обладателя информации',
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
