/** Answers to every required question of an instrument's questionnaire (`no` avoids the conditional citations). */
import { questionnaireForInstrument, questionsOf } from '#shared/domain/questionnaire/index.ts';
import type { Instrument } from '#shared/domain/types.ts';

export const completeAnswers = (instrument: Instrument): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const { question } of questionsOf(questionnaireForInstrument(instrument))) {
    if (!question.required) continue;
    if (question.type === 'yes-no-partly') out[question.id] = 'no';
    else if (question.type === 'text') out[question.id] = 'Answered offline.';
    else if (question.type === 'legislation') out[question.id] = [{ title: 'Code pénal' }];
    else if (question.type === 'statistics') out[question.id] = [{ value: 1, year: 2024 }];
  }
  return out;
};
