/** A small spreadsheet definition (TIP, English and French) built cell by cell, for the upload tests. */
import { QUESTION_COLUMNS, type SheetRows } from '#shared/domain/questionnaire/index.ts';

const HEADER = [
  ...QUESTION_COLUMNS,
  'prompt.en',
  'help.en',
  'prompt.fr',
  'help.fr',
  'options.fr',
  'article_title.fr',
  'cluster_name.fr',
] as const;
export type Cells = Partial<Record<(typeof HEADER)[number], string>>;

export const META: SheetRows = [
  ['key', 'value'],
  ['id', 'untoc-tip'],
  ['instrument', 'TIP'],
  ['title', 'Self-assessment questionnaire: Trafficking in Persons Protocol'],
  ['title.fr', 'Questionnaire d’auto-évaluation : Protocole relatif à la traite des personnes'],
  ['languages', 'en, fr'],
  ['wording', 'adopted'],
  ['note', 'Test definition'],
];

const YNP_FR = 'Oui | Non | En partie';

/** Rows 2.. of the Questions sheet: valid as given. */
export const VALID_ROWS: Cells[] = [
  {
    cluster: '1',
    cluster_name: 'Criminalization and jurisdiction',
    'cluster_name.fr': 'Incrimination et compétence',
    article: 'TIP.5',
    article_title: 'Criminalization',
    'article_title.fr': 'Incrimination',
    four_ps: 'prosecution',
    article_sdg: '16.2',
    id: 'TIP.5.q1',
    type: 'yes-no-partly',
    required: 'yes',
    'prompt.en': 'Has your country criminalized trafficking in persons?',
    'prompt.fr': 'Votre pays a-t-il incriminé la traite des personnes ?',
    'options.fr': YNP_FR,
  },
  {
    cluster: '1',
    article: 'TIP.5',
    id: 'TIP.5.q2',
    type: 'legislation',
    required: 'no',
    required_if: 'TIP.5.q1 = yes|partly',
    max_items: '5',
    'prompt.en': 'Please cite the law.',
    'help.en': 'Title, article and a link.',
    'prompt.fr': 'Veuillez citer la loi.',
    'help.fr': 'Titre, article et lien.',
  },
  {
    cluster: '2',
    cluster_name: 'Prevention, technical assistance, protection and other measures',
    cluster_name_unconfirmed: 'yes',
    article: 'TIP.6',
    article_title: 'Assistance to and protection of victims',
    cluster_unconfirmed: 'yes',
    four_ps: 'protection, partnership',
    id: 'TIP.6.q1',
    type: 'yes-no-partly',
    options: 'yes|no',
    required: 'yes',
    sdg: '5.2',
    'prompt.en': 'Are victims offered shelter?',
    'prompt.fr': 'Un hébergement est-il offert aux victimes ?',
    'options.fr': 'Oui | Non',
  },
];

export const rowsOf = (rows: readonly Cells[]): SheetRows => [
  [...HEADER],
  ...rows.map((r) => HEADER.map((h) => r[h] ?? '')),
];
