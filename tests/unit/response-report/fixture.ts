/**
 * A small questionnaire and six States' answers whose report was counted by hand (the table in
 * report.test.ts). GTM is a member that never submitted; BLZ submitted twice.
 */
import {
  type QuestionnaireDefinition,
  QuestionnaireDefinitionSchema,
} from '#shared/domain/questionnaire/index.ts';
import type { IndexedSubmission, ReportMember } from '#shared/domain/response-report/index.ts';

export const DEF: QuestionnaireDefinition = QuestionnaireDefinitionSchema.parse({
  id: 'test-tip',
  version: 1,
  instrument: 'TIP',
  title: 'Test questionnaire',
  clusters: [
    {
      number: 1,
      name: 'Criminalization and jurisdiction',
      articles: [
        {
          id: 'TIP.5',
          title: 'Criminalization',
          fourP: ['prosecution'],
          sdgTargets: ['8.7'],
          questions: [
            { id: 'TIP.5.q1', type: 'yes-no-partly', prompt: 'Criminalized?', required: true },
            { id: 'TIP.5.q2', type: 'legislation', prompt: 'Cite the law.', required: false },
            { id: 'TIP.5.q3', type: 'statistics', prompt: 'Convictions.', required: false },
          ],
        },
      ],
    },
    {
      number: 2,
      name: 'Prevention',
      articles: [
        {
          id: 'TIP.9',
          title: 'Prevention',
          fourP: ['prevention', 'partnership'],
          sdgTargets: ['5.2'],
          questions: [
            { id: 'TIP.9.q1', type: 'yes-no-partly', prompt: 'Action plan?', required: true },
            { id: 'TIP.9.q2', type: 'text', prompt: 'Describe it.', required: false },
            {
              id: 'TIP.9.q3',
              type: 'yes-no-partly',
              prompt: 'Child-specific measures?',
              required: true,
              sdgTargets: ['16.2'],
            },
            { id: 'TIP.9.q4', type: 'attachments', prompt: 'Attach the plan.', required: false },
          ],
        },
      ],
    },
  ],
});

export const MEMBERS: ReportMember[] = [
  { iso3: 'BLZ', name: 'Belize' },
  { iso3: 'CAN', name: 'Canada' },
  { iso3: 'CRI', name: 'Costa Rica' },
  { iso3: 'DOM', name: 'Dominican Republic' },
  { iso3: 'SLV', name: 'El Salvador' },
  { iso3: 'GTM', name: 'Guatemala' },
];

const SHERLOC = 'https://sherloc.unodc.org/cld/legislation/blz/trafficking_act.html';

const sub = (
  iso3: string,
  version: number,
  submittedAt: string,
  answers: Record<string, unknown>,
): IndexedSubmission => ({
  iso3,
  cycleId: 'C1',
  reviewId: `C1.${iso3}`,
  version,
  submittedAt,
  questionnaireId: 'test-tip',
  questionnaireVersion: 1,
  due: '2026-03-31T00:00:00.000Z',
  answers,
  attachmentNames: { 'att-1': 'National action plan.pdf' },
});

/** BLZ's first version (before it criminalized), then every State's current one. */
export const BLZ_V1 = sub('BLZ', 1, '2026-01-10T00:00:00.000Z', {
  'TIP.5.q1': 'no',
  'TIP.9.q1': 'no',
  'TIP.9.q3': 'no',
});

export const SUBMISSIONS: IndexedSubmission[] = [
  BLZ_V1,
  sub('BLZ', 2, '2026-02-10T00:00:00.000Z', {
    'TIP.5.q1': 'yes',
    'TIP.5.q2': [{ title: 'Trafficking in Persons (Prohibition) Act', url: SHERLOC }],
    'TIP.5.q3': [
      { value: 4, year: 2022 },
      { value: 6, year: 2023 },
    ],
    'TIP.9.q1': 'no',
    'TIP.9.q2': 'Plan 2020',
    'TIP.9.q3': 'yes',
    'TIP.9.q4': ['att-1'],
  }),
  sub('CAN', 1, '2026-02-20T00:00:00.000Z', {
    'TIP.5.q1': 'yes',
    'TIP.5.q2': [{ title: 'Criminal Code', article: 's. 279.01' }],
    'TIP.5.q3': [{ value: 10, year: 2023 }],
    'TIP.9.q1': 'partly',
    'TIP.9.q2': '   ',
    'TIP.9.q3': 'yes',
  }),
  sub('CRI', 1, '2026-03-05T00:00:00.000Z', {
    'TIP.5.q1': 'no',
    'TIP.5.q2': [],
    'TIP.9.q1': 'no',
    'TIP.9.q2': 'NAP',
    'TIP.9.q3': 'yes',
  }),
  sub('DOM', 1, '2026-01-30T00:00:00.000Z', {
    'TIP.5.q1': 'partly',
    'TIP.5.q2': [{ title: 'Trafficking in Persons (Prohibition) Act', url: SHERLOC }],
    'TIP.5.q3': [{ value: 1, year: 2021 }],
    'TIP.9.q1': 'yes',
    'TIP.9.q3': 'no',
  }),
  sub('SLV', 1, '2026-02-28T00:00:00.000Z', {
    'TIP.5.q1': 'yes',
    'TIP.5.q2': [{ title: 'Ley Especial contra la Trata de Personas' }],
    'TIP.5.q3': [{ value: 3, year: 2023 }],
    'TIP.9.q1': 'no',
    'TIP.9.q2': 'text',
    'TIP.9.q3': 'yes',
  }),
];
