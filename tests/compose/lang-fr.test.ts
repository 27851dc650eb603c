// Letters in French: under CA with letter.language fr (Canada takes en and fr) and under TN, whose
// bodies tolerate French, `oedr draft` writes every kind in French (templates/fr), read back from
// the PDF (unpdf), the DOCX (mammoth) and the Markdown: the law by its French title, « Le 12 avril
// 2027 », the closing that repeats the salutation, the complaint to the Commissaire à l'information
// (art. 30); an English CA letter keeps its English names; a reading copy; the same bytes twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { checkTseDelivery, draftAll, draftKind, expectIn, expectPageLabels, expectSameBytes, kindSpec, readingCopy, templateFiles, wordKeys } from './lang-shared.js';

const tmp = tempDir();
afterAll(() => tmp.done());
/** The fixture as `kind`, `extra` YAML appended, `edit` applied, drafted with `args`. */
const draft = (kind: string, extra = '', args: string[] = [], edit?: (yaml: string) => string) => draftKind(tmp.path, 'languages/ca-elections-fr', kind, { extra, edit }, ...args);

const REFUSED = 'earlier_request: { reference: ODE/AI/2027/009, sent_on: 2027-03-01, response: refused, response_date: 2027-03-26, refusal: { ground: personal-data, provision: "le paragraphe 19(1) de la Loi" } }';
const NO_ANSWER = 'earlier_request: { reference: ODE/AI/2027/009, sent_on: 2027-02-01, response: none }';
const CLOSING = "Veuillez agréer, Monsieur, l'expression de nos salutations distinguées.";
const TN = 'Loi organique n° 2016-22 du 24 mars 2016, relative au droit d\'accès à l\'information';
/** The CA fixture sent to Tunisia's electoral authority instead (French is tolerated there). */
const toTunisia = (s: string) => s.replace('law: CA', 'law: TN').replace('registered_in: CA', 'registered_in: TN').replace(/ {2}standing:.*\n/, '')
  .replace('institution: Élections Canada', 'institution: Instance supérieure indépendante pour les élections (ISIE)');

describe('letters in French (CA, TN)', () => {
  it('writes a filing to Elections Canada in French: the Act by its French title, the date line, vedette, salutation and closing, the fee', async () => {
    const d = await draft('foi-request');
    expectIn(d, [
      'Le 12 avril 2027', 'Monsieur Jean-François Bélanger Coordonnateur de l\'accès à l\'information', 'Objet : Demande d\'accès à l\'information',
      'Notre référence : ODE/AI/2027/021', 'Monsieur,', 'personne morale (Canada), demande, en vertu de la Loi sur l\'accès à l\'information, la communication des documents suivants',
      'Les droits à verser au moment de la demande, soit 5 $ (alinéa 7(1)a) du Règlement sur l\'accès à l\'information), ont été acquittés : paiement en ligne par le portail AIPRP du gouvernement du Canada.',
      'au plus tard, dans le délai prévu par la loi, soit 30 jours civils suivant la réception (le 12 mai 2027', 'le point-virgule (";") comme séparateur de champs', CLOSING,
    ]);
    // Canadian typography: a no-break space before the colon.
    expect(readFileSync(d.files.md, 'utf8')).toContain('Objet\u00a0: ');
    expectPageLabels(d, (p, n) => `Page ${p} de ${n}`);
  });

  it('writes a data request, a follow-up and a complaint to the Commissaire à l\'information under art. 30', async () => {
    const data = await draft('data-request');
    expectIn(data, ['sollicite de votre institution un ensemble de données', 'énoncés aux articles 19 et 25 du Pacte international relatif aux droits civils et politiques',
      '« la liberté de rechercher, de recevoir et de répandre des informations et des idées de toute espèce »', CLOSING]);
    const follow = await draft('follow-up', NO_ANSWER);
    expectIn(follow, ['Le 1er février 2027, nous vous avons écrit (notre référence ODE/AI/2027/009)', 'ce délai a expiré le 3 mars 2027. Nous n\'avons reçu aucun avis de prorogation.',
      'Faute de réponse, nous pourrions saisir le Commissaire à l\'information en vertu de l\'article 30 de la Loi sur l\'accès à l\'information,', 'vous prions d\'agréer, Monsieur, l\'expression de nos salutations distinguées.']);
    const appeal = await draft('appeal', REFUSED);
    expectIn(appeal, ['Le Commissaire à l\'information Notre référence', 'Madame, Monsieur,', 'Plainte en vertu de l\'article 30 de la Loi sur l\'accès à l\'information',
      'conteste la suite donnée par l\'institution, Élections Canada, à notre demande du 1er mars 2027 (notre référence ODE/AI/2027/009), à savoir le refus',
      'L\'institution a invoqué le paragraphe 19(1) de la Loi.', 'Nous agissons dans le délai prescrit : la loi accorde 60 jours civils, soit jusqu\'au 25 mai 2027.',
      'Nous vous prions d\'ordonner à l\'institution de communiquer les documents', 'observation générale n° 34 (2011)', 'Veuillez agréer, Madame, Monsieur, l\'expression de nos salutations distinguées.']);
    for (const d of [data, follow, appeal]) expectPageLabels(d, (p, n) => `Page ${p} de ${n}`);
  });

  it('writes the place of writing as Canadian letters do: « Montréal, le 12 avril 2027 »', async () => {
    const d = await draft('foi-request', '', [], (s) => s.replace('  date: 2027-04-12\n', '  date: 2027-04-12\n  place: Montréal\n'));
    expectIn(d, ['Montréal, le 12 avril 2027']);
  });

  it('keeps an English letter under CA in English, with the complaint provision as the English Act cites it', async () => {
    const d = await draft('appeal', REFUSED, [], (s) => s.replace('language: fr', 'language: en'));
    expect(d.md).toContain('Complaint under s. 30 of the Access to Information Act');
    expect(d.md).not.toContain('Loi sur');
  });

  it('writes a Tunisian filing in French when asked, naming the law by its French title, not the Arabic one', async () => {
    const d = await draft('foi-request', '', [], toTunisia);
    expectIn(d, [`demande, en vertu de la ${TN}, la communication`, 'comme l\'exige l\'article 9.', 'soit 20 jours civils suivant la réception', CLOSING]);
    expect(d.md).not.toMatch(/[\u0600-\u06ff]/u);
    const appeal = await draft('appeal', NO_ANSWER, [], toTunisia);
    expectIn(appeal, [`en vertu de l'article 30 de la ${TN}`, 'Madame, Monsieur,']);
  });

  it('lists the differences `oedr check` found in French, with a space between thousands', async () => {
    const d = await checkTseDelivery(tmp.path, 'fr', 'Mme Marie Lavoie');
    expectIn(d, ['Le 1er septembre 2027', 'Madame Marie Lavoie', 'Madame,', 'Les données transmises en réponse à notre demande du 1er mars 2027',
      'Séparateur de champs. Nous avions demandé des champs séparés par des virgules (","). Les champs sont séparés par des points-virgules (";").',
      'Noms des colonnes. Nous avions demandé ces colonnes, sous ces noms exacts : secao, candidato, votos. Colonnes nommées autrement : "Secao" au lieu de "secao".',
      'Valeurs qui n\'en sont pas : 1, par exemple ligne 3 ("muitos").', "nous vous prions d'agréer, Madame, l'expression de nos salutations distinguées."]);
    // The thousands: a no-break space, as Canadian French writes numbers.
    expect(readFileSync(d.files.md, 'utf8')).toContain('Lignes sans valeur\u00a0: 1\u00a0204 (lignes 4, 5, 6, 7, 8, … (1\u00a0204 en tout)).');
    for (const english of ['We asked for', 'Fields are separated', 'in all', 'line 3']) expect(d.md).not.toContain(english);
  });

  it('writes a reading copy in English, marked on every page as a translation of the French letter', async () => {
    const { copy } = await readingCopy(kindSpec(tmp.path, 'languages/ca-elections-fr', 'foi-request'), join(tmp.path, 'copy'));
    const mark = "Translation for the requester's records; the letter sent is in French.";
    for (const page of copy.pages) expect(page).toContain(mark);
    expect(copy.docx).toContain(mark);
    expect(copy.pdf).toContain('under the Access to Information Act');
  });

  it('gives the same bytes for the same input', async () => {
    await expectSameBytes(kindSpec(tmp.path, 'languages/ca-elections-fr', 'appeal', { extra: NO_ANSWER }), tmp.path);
  });

  it('has every word the English templates have, and every template and partial', () => {
    const fr = new Set(wordKeys('fr'));
    expect(wordKeys('en').filter((k) => !fr.has(k))).toEqual([]);
    expect(templateFiles('fr')).toEqual(templateFiles('en'));
  });
});
