import { describe, expect, it } from 'vitest';
import { excerptOf, foldText, matchesAll, queryWords } from '#shared/domain/search.ts';

describe('search matching', () => {
  it('ignores case, accents and the kind of apostrophe, and wants every word', () => {
    expect(foldText('Côte d’Ivoire  TÜRKİYE')).toBe("cote d'ivoire turkiye");
    const words = queryWords("cote D'IVOIRE");
    expect(matchesAll(words, 'Review of Côte d’Ivoire')).toBe(true);
    expect(matchesAll(queryWords('ivoire ghana'), 'Côte d’Ivoire', 'Ghana')).toBe(true);
    expect(matchesAll(queryWords('ivoire brazil'), 'Côte d’Ivoire', 'Ghana')).toBe(false);
    expect(matchesAll([], 'anything')).toBe(false);
  });

  it('cuts a long text around the first word found, marking the cuts', () => {
    const text = `${'Préambule '.repeat(30)}the offence of trafficking is in article 12 ${'and more '.repeat(30)}`;
    const ex = excerptOf(text, queryWords('TRAFFICKING'));
    expect(ex.startsWith('…')).toBe(true);
    expect(ex.endsWith('…')).toBe(true);
    expect(ex).toContain('the offence of trafficking is in article 12');
    expect(ex.length).toBeLessThanOrEqual(162);
    expect(excerptOf('Short text.', ['short'])).toBe('Short text.');
  });
});
