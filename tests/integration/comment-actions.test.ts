/**
 * `actions` on each comment: what the caller may do on it now, as the web UI offers it. Each
 * listed action is then taken through the API and accepted; an action not listed is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ cycleId: 'C2040', state: 'dialogue' });
  await seedSubmittedVersion('C2040.CIV', 'TIP', 1);
});
afterAll(() => platform.stop());
const call = apiClient(platform);
const C = '/reviews/C2040.CIV/comments';

const actionsOf = async (who: string, commentId: string): Promise<string[]> => {
  const r = await call(who, 'GET', `${C}?limit=100`);
  expect(r.status).toBe(200);
  return r.json.comments.find((c: { commentId: string }) => c.commentId === commentId)?.actions;
};

describe('the actions listed on a comment', () => {
  it('follow the author, the side and the comment’s status, and the API accepts what is listed', async () => {
    const posted = await call('tur-expert', 'POST', C, {
      body: {
        anchor: { instrument: 'TIP', article: 'TIP.5', submissionVersion: 1 },
        type: 'clarification-request',
        visibility: 'all',
        text: 'Which provision criminalizes attempt?',
      },
    });
    expect(posted.status).toBe(201);
    const id = posted.json.commentId;
    expect(await actionsOf('tur-expert', id)).toEqual(['edit', 'delete', 'resolve', 'reply']);
    expect(await actionsOf('gha-expert', id)).toEqual(['resolve', 'reply']);
    expect(await actionsOf('civ-expert', id)).toEqual(['respond']);
    expect(await actionsOf('secretariat-1', id)).toEqual(['delete']);

    // Not listed for GHA: editing another expert's comment is refused.
    const foreign = await call('gha-expert', 'PATCH', `${C}/${id}`, {
      body: { text: 'x' },
      headers: { 'if-match': '1' },
    });
    expect(foreign.status).toBe(403);
    const edited = await call('tur-expert', 'PATCH', `${C}/${id}`, {
      body: { text: 'Which article criminalizes attempt?' },
      headers: { 'if-match': '1' },
    });
    expect(edited.status).toBe(200);
    const resolved = await call('gha-expert', 'POST', `${C}/${id}/status`, { body: { action: 'resolve' } });
    expect(resolved.status).toBe(200);
    expect(await actionsOf('tur-expert', id)).toEqual(['delete', 'reopen', 'reply']);
    // A resolved comment takes no response: not listed, and refused.
    expect(await actionsOf('civ-expert', id)).toEqual([]);
    const response = await call('civ-expert', 'POST', `${C}/${id}/responses`, { body: { text: 'Art. 4.' } });
    expect(response.status).toBe(409);
    const reopened = await call('tur-expert', 'POST', `${C}/${id}/status`, { body: { action: 'reopen' } });
    expect(reopened.status).toBe(200);
    expect(await actionsOf('civ-expert', id)).toEqual(['respond']);
  });
});
