import {
  type QuestionnaireDefinition,
  type QuestionnaireDefinitionInput,
  QuestionnaireDefinitionSchema,
} from '#shared/domain/questionnaire/index.ts';

/** A small questionnaire with one question of each type and one conditional requirement. */
export const FIXTURE_INPUT: QuestionnaireDefinitionInput = {
  id: 'test-tip',
  version: 3,
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
          questions: [
            { id: 'TIP.5.q1', type: 'yes-no-partly', prompt: 'Is trafficking criminalized?', required: true },
            {
              id: 'TIP.5.q2',
              type: 'legislation',
              prompt: 'Cite the law.',
              required: false,
              requiredIf: { question: 'TIP.5.q1', answerIn: ['yes', 'partly'] },
              maxItems: 3,
            },
            {
              id: 'TIP.5.q3',
              type: 'statistics',
              prompt: 'Convictions per year.',
              required: false,
              unit: 'convictions',
              minYear: 2000,
              maxYear: 2030,
            },
          ],
        },
      ],
    },
    {
      number: 2,
      name: 'Prevention',
      nameUnconfirmed: true,
      articles: [
        {
          id: 'TIP.9',
          title: 'Prevention of trafficking in persons',
          titleUnconfirmed: true,
          fourP: ['prevention', 'partnership'],
          questions: [
            {
              id: 'TIP.9.q1',
              type: 'text',
              prompt: 'Describe the action plan.',
              required: true,
              maxLength: 20,
            },
            { id: 'TIP.9.q2', type: 'attachments', prompt: 'Attach it.', required: false, maxItems: 2 },
          ],
        },
      ],
    },
  ],
};

export const FIXTURE: QuestionnaireDefinition = QuestionnaireDefinitionSchema.parse(FIXTURE_INPUT);
