/**
 * The layout of data/states-parties.json: one State (or organization, or history entry) per line so
 * that a change to one fact is a one-line diff in review.
 */
import type { ReferenceData } from '../types.ts';

const lines = (items: readonly unknown[]) => items.map((i) => `    ${JSON.stringify(i)}`).join(',\n');

export const serializeReferenceData = (data: ReferenceData): string => {
  const { history, ...meta } = data.meta;
  const metaJson = JSON.stringify(meta, null, 2).replace(/\n}$/, '').replace(/\n/g, '\n  ');
  return [
    '{',
    `  "meta": ${metaJson},`,
    `    "history": [${history.length ? `\n  ${lines(history).replace(/\n/g, '\n  ')}\n    ` : ''}]`,
    '  },',
    '  "organizations": [',
    lines(data.organizations),
    '  ],',
    '  "states": [',
    lines(data.states),
    '  ]',
    '}',
    '',
  ].join('\n');
};
