/** Test fixture: a revised cluster 1 of the TIP questionnaire, as the secretariat would upload it. */
import { loadQuestionnaire, type QuestionnaireDefinition } from '#shared/domain/questionnaire/index.ts';

/** Cluster 1 of the shipped TIP questionnaire, revised: one question reworded, one removed, one added, French texts for two. */
export const revisedCluster1 = (): QuestionnaireDefinition => {
  const shipped = structuredClone(loadQuestionnaire('untoc-tip'));
  const cluster = shipped.clusters[0];
  const article = cluster?.articles.find((a) => a.id === 'TIP.5');
  if (!cluster || !article) throw new Error('TIP cluster 1 has no article 5');
  const [first, ...rest] = article.questions;
  if (!first) throw new Error('no TIP.5.q1');
  article.questions = [
    {
      ...first,
      prompt: `${first.prompt} (adopted text)`,
      texts: {
        fr: {
          prompt: 'Votre pays a-t-il incriminé la traite ?',
          options: { yes: 'Oui', no: 'Non', partly: 'En partie' },
        },
      },
    },
    ...rest.filter((q) => q.id !== 'TIP.5.q3' && q.requiredIf?.question !== 'TIP.5.q3'),
    {
      id: 'TIP.5.q90',
      type: 'text',
      prompt: 'Describe any reform under way.',
      required: false,
      maxLength: 2000,
      texts: { fr: { prompt: 'Décrivez toute réforme en cours.' } },
    },
  ];
  cluster.names = { fr: 'Incrimination et compétence' };
  return { ...shipped, wording: 'adopted', clusters: [cluster] };
};
