/**
 * The people area end to end over HTTP on the local platform (real handlers, real SDK, embedded
 * DynamoDB and SMTP): nomination → invitation e-mail → activation → approval → only one's own
 * reviews; expired, reused and replaced links; hand-over and deactivation taking effect at once;
 * naming deadlines of every participating State; the expert limit.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resetClock, setNow } from '#shared/clock.ts';
import { apiClient, useLocalPlatform } from '../support/local-aws.ts';
import { peopleFixtures, profile } from '../support/people.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  await seedReview({ state: 'assigned' });
  // A second review CIV takes part in (as a reviewer): a CIV person nominated for the first must not see it.
  await seedReview({
    reviewedState: 'GHA',
    seats: [{ reviewer: 'CIV', instruments: ['UNTOC', 'TIP'], reason: 'same-group' }],
    reviewerStates: ['CIV'],
    state: 'assigned',
  });
});
afterAll(async () => {
  resetClock();
  await platform.stop();
});
const call = apiClient(platform);
/** Calls with a directory person's token (signed once: it keeps working only as long as the directory says). */
const asPerson = async (personId: string) => {
  const token = await platform.tokenFor(personId);
  return (method: string, path: string, body?: unknown) =>
    fetch(`${platform.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
};

const REVIEW = 'C2026.CIV';
const fx = peopleFixtures(platform, call);
const { linkIn, inviteAndActivate, approve } = fx;
const nominate = (people: unknown[]) => fx.nominate('CIV', people);

let first = '';

describe('nomination, invitation, activation and approval', () => {
  it('records a nomination, e-mails a link, activates, and opens only the nominated review once approved', async () => {
    const { people } = await nominate([
      { profile: profile('Awa Koné', 'awa@justice.ci'), role: 'focal-point', reviewId: REVIEW },
    ]);
    first = people[0]?.personId ?? '';
    expect((await call('secretariat-1', 'GET', `/people/${first}`)).json.status).toBe('registered');

    const token = await inviteAndActivate(first, 'awa@justice.ci');
    const mail = platform.mail.find((m) => m.to.includes('awa@justice.ci'));
    expect(mail?.subject).toBe('Your invitation to the review platform');

    const me = await asPerson(first);
    // Activated but not approved: signed in, and no review at all.
    expect((await me('GET', '/me/reviews?cycleId=C2026')).json.reviews).toEqual([]);
    expect((await me('GET', `/reviews/${REVIEW}`)).status).toBe(404);

    const approved = await approve(first);
    expect(approved.person.status).toBe('approved');
    // The person changed name and language at activation: the approval shows it against the nomination.
    expect(approved.differences.map((d: { field: string }) => d.field).sort()).toEqual(['language', 'name']);

    const reviews = (await me('GET', '/me/reviews?cycleId=C2026')).json.reviews;
    // Only the review of the nomination, not C2026.GHA which CIV also takes part in.
    expect(reviews.map((r: { reviewId: string }) => r.reviewId)).toEqual([REVIEW]);
    const review = await call('secretariat-1', 'GET', `/reviews/${REVIEW}`);
    expect(review.json.contacts.CIV.focalPoint).toBe(first);

    // The link was single-use.
    const again = await call(null, 'POST', '/invitations/lookup', { body: { token } });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('INVITATION_USED');
    expect(again.json.error.message).toMatch(/already used/);
  });

  it('refuses an expired link with a clear message, and a re-sent link replaces the earlier one', async () => {
    const { people } = await nominate([
      { profile: profile('Yao Kouassi', 'yao@justice.ci'), role: 'expert', reviewId: REVIEW },
    ]);
    const id = people[0]?.personId ?? '';
    await call('secretariat-1', 'POST', '/invitations', { body: { personId: id } });
    const oldToken = linkIn('yao@justice.ci');
    setNow(new Date(Date.now() + 11 * 86_400_000));
    try {
      const expired = await call(null, 'POST', '/invitations/lookup', { body: { token: oldToken } });
      expect(expired.status).toBe(410);
      expect(expired.json.error.code).toBe('INVITATION_EXPIRED');
      expect(expired.json.error.message).toMatch(/expired on \d{4}-\d{2}-\d{2}.*secretariat/);
      const notActivated = await call(null, 'POST', '/invitations/activation', {
        body: { token: oldToken, profile: { name: 'Yao', title: '', institution: '', language: 'en' } },
      });
      expect(notActivated.status).toBe(410);
    } finally {
      resetClock();
    }
    const resent = await call('secretariat-1', 'POST', '/invitations', { body: { personId: id } });
    expect(resent.status).toBe(201);
    const replaced = await call(null, 'POST', '/invitations/lookup', { body: { token: oldToken } });
    expect(replaced.json.error.code).toBe('INVITATION_REPLACED');
    const fresh = await call(null, 'POST', '/invitations/lookup', {
      body: { token: linkIn('yao@justice.ci') },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json.name).toBe('Yao Kouassi');
    const forged = await call(null, 'POST', '/invitations/lookup', {
      body: { token: `${oldToken.split('.')[0]}.forged-secret` },
    });
    expect(forged.json.error.code).toBe('INVITATION_INVALID');
  });

  it('hands a focal point over: the old one loses access at once, the new one takes the seat', async () => {
    const oldMe = await asPerson(first);
    expect((await oldMe('GET', `/reviews/${REVIEW}`)).status).toBe(200);
    const { people } = await nominate([
      {
        profile: profile('Mariam Traoré', 'mariam@justice.ci'),
        role: 'focal-point',
        reviewId: REVIEW,
        replaces: first,
      },
    ]);
    const second = people[0]?.personId ?? '';
    await inviteAndActivate(second, 'mariam@justice.ci');
    await approve(second);
    // Same token as before: the directory now says the role ended.
    expect((await oldMe('GET', `/reviews/${REVIEW}`)).status).toBe(404);
    expect((await oldMe('GET', '/me/reviews?cycleId=C2026')).json.reviews).toEqual([]);
    const newMe = await asPerson(second);
    expect((await newMe('GET', `/reviews/${REVIEW}`)).status).toBe(200);
    expect((await call('secretariat-1', 'GET', `/reviews/${REVIEW}`)).json.contacts.CIV.focalPoint).toBe(
      second,
    );
    const history = await call('secretariat-1', 'GET', `/people/${first}/history`);
    expect(history.json.entries.map((e: { action: string }) => e.action)).toEqual([
      'nomination.record',
      'invitation.send',
      'person.activate',
      'person.approve',
      'person.replaced',
    ]);
    const old = await call('secretariat-1', 'GET', `/people/${first}`);
    expect(old.json.roles[0]).toMatchObject({ endedBecause: 'replaced', replacedBy: second });

    // Deactivation: the new focal point's token stops working at once, and the seat is freed.
    const off = await call('secretariat-1', 'POST', `/people/${second}/deactivation`, {
      body: { reason: 'left the ministry' },
    });
    expect(off.status).toBe(200);
    const refused = await newMe('GET', '/me/reviews?cycleId=C2026');
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toMatch(/deactivated/);
    expect(
      (await call('secretariat-1', 'GET', `/reviews/${REVIEW}`)).json.contacts.CIV.focalPoint,
    ).toBeUndefined();
  });
});

describe('who may do what in the directory', () => {
  it('keeps nominations, invitations and approvals to the secretariat, and profiles to their State', async () => {
    expect(
      (
        await call('civ-focal', 'POST', '/nominations', {
          body: {
            state: 'CIV',
            noteReference: 'x',
            noteDate: '2026-01-01',
            people: [{ profile: profile('X', 'x@y.ci'), role: 'expert', reviewId: null }],
          },
        })
      ).status,
    ).toBe(403);
    expect((await call('civ-focal', 'POST', '/invitations', { body: { personId: first } })).status).toBe(403);
    expect((await call('civ-focal', 'GET', '/nominations')).status).toBe(403);
    expect((await call(null, 'GET', '/people')).status).toBe(401);
    // Own State's people: visible; another State's: not found.
    expect((await call('civ-focal', 'GET', `/people/${first}`)).status).toBe(200);
    expect((await call('bra-expert', 'GET', `/people/${first}`)).status).toBe(404);
    const listed = await call('bra-expert', 'GET', '/people');
    expect(listed.json.people).toEqual([]);
    // The person themself (even after a hand-over) reads their own profile.
    expect((await (await asPerson(first))('GET', `/people/${first}`)).status).toBe(200);
  });

  it('refuses a nomination naming a review the State has no part in, naming the field', async () => {
    const res = await call('secretariat-1', 'POST', '/nominations', {
      body: {
        state: 'BRA',
        noteReference: 'NV/1',
        noteDate: '2026-01-20',
        people: [{ profile: profile('B', 'b@x.br'), role: 'expert', reviewId: REVIEW }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/body\.people: BRA takes no part in review C2026\.CIV/);
  });

  it('refuses a second person with the same e-mail address', async () => {
    const res = await call('secretariat-1', 'POST', '/people', {
      body: { profile: profile('Dup', 'awa@justice.ci'), role: 'observer' },
    });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toMatch(/body\.email/);
  });
});

describe('naming deadlines and the expert limit', () => {
  it('lists every participating State that missed a naming deadline, reviewing States included', async () => {
    setNow(new Date('2026-03-01T00:00:00.000Z'));
    try {
      const res = await call('secretariat-1', 'GET', '/cycles/C2026/overdue');
      expect(res.status, res.text).toBe(200);
      const entry = res.json.reviews.find((r: { reviewId: string }) => r.reviewId === REVIEW);
      const late = entry.namingOverdue.map((o: { state: string; kind: string }) => `${o.state}:${o.kind}`);
      expect(late).toEqual(
        expect.arrayContaining(['GHA:focal-point', 'GHA:experts', 'TUR:focal-point', 'TUR:experts']),
      );
    } finally {
      resetClock();
    }
  });

  it('refuses more experts than the policy allows, naming the setting', async () => {
    const experts = Array.from({ length: 16 }, (_, i) => `expert-${i}`);
    const res = await call('secretariat-1', 'PUT', `/reviews/${REVIEW}/contacts`, {
      body: { state: 'CIV', experts },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/at most 15 per State \(policy MAX_EXPERTS_PER_STATE\)/);
  });
});

const handedOver = { leaving: '', arriving: '' };

describe('hand-over of notifications', () => {
  it("passes the leaving focal point's pending and unread notifications of the review on to the successor, audited", async () => {
    const { enqueue, outboxPut, outboxItemsOf, deliverToMailbox } = await import('#shared/repos/outbox.ts');
    const { listMailbox } = await import('#shared/repos/notifications.ts');
    const OTHER = 'C2026.GHA';
    const nominated = await fx.nominate('CIV', [
      { profile: profile('Koffi Aka', 'koffi@justice.ci'), role: 'focal-point', reviewId: OTHER },
    ]);
    const leaving = nominated.people[0]?.personId ?? '';
    handedOver.leaving = leaving;
    await inviteAndActivate(leaving, 'koffi@justice.ci');
    await approve(leaving);

    const scope = (reviewId: string) => ({
      reviewId,
      reviewedState: 'GHA',
      reviewerStates: ['CIV'],
      contacts: {},
    });
    const queue = async (reviewId: string, text: string, dueAt: Date) => {
      const puts = outboxPut({
        kind: 'response',
        review: scope(reviewId),
        audience: { to: 'users', subs: [leaving] },
        text,
        now: new Date(),
        dueAt,
      });
      expect(await enqueue(puts)).toBe(1);
      return puts[0]?.Put.Item.outboxId as string;
    };
    // Delivered but not read yet.
    const seenId = await queue(OTHER, 'delivered, unread', new Date());
    const [seen] = await outboxItemsOf(seenId);
    if (!seen) throw new Error('no item');
    expect(
      await deliverToMailbox(leaving, 'immediate', 'Unread', [seen], new Date(), 'mailbox'),
    ).not.toBeNull();
    // Pending (a digest tomorrow), for the review handed over and for one that is not.
    const pendingId = await queue(OTHER, 'pending', new Date(Date.now() + 86_400_000));
    const elsewhereId = await queue('C2026.ELSEWHERE', 'not handed over', new Date(Date.now() + 86_400_000));

    const successor = await fx.nominate('CIV', [
      {
        profile: profile('Aya Bamba', 'aya@justice.ci'),
        role: 'focal-point',
        reviewId: OTHER,
        replaces: leaving,
      },
    ]);
    const arriving = successor.people[0]?.personId ?? '';
    handedOver.arriving = arriving;
    await inviteAndActivate(arriving, 'aya@justice.ci');
    await approve(arriving);

    expect((await outboxItemsOf(pendingId)).map((i) => [i.recipient, i.status, i.text])).toEqual([
      [arriving, 'pending', 'pending'],
    ]);
    expect((await outboxItemsOf(elsewhereId)).map((i) => i.recipient)).toEqual([leaving]);
    const box = await listMailbox([arriving], { limit: 10 });
    expect(box.map((m) => [m.subject, m.recipient, m.items.map((i) => i.text)])).toEqual([
      ['Unread', arriving, ['delivered, unread']],
    ]);
    const history = await call('secretariat-1', 'GET', `/people/${leaving}/history`);
    const moves = history.json.entries.filter(
      (e: { action: string }) => e.action === 'notification.hand-over',
    );
    expect(moves).toHaveLength(2);
    for (const m of moves) expect(m.details.to).toBe(arriving);
    expect(
      moves
        .map((m: { details: Record<string, unknown> }) => m.details.outboxId ?? m.details.messageId)
        .sort(),
    ).toEqual([pendingId, box[0]?.messageId].sort());
  });
});

describe('the contact picker', () => {
  it("offers a State's approved focal points and experts and its accounts, to the secretariat and that State only", async () => {
    const list = async (sub: string | null, state = 'CIV') => {
      const res = await call(sub, 'GET', `/states/${state}/contact-candidates`);
      return {
        status: res.status,
        json: res.json,
        names: (res.json.candidates ?? []).map((c: { name: string }) => c.name),
      };
    };
    const secretariat = await list('secretariat-1');
    expect(secretariat.status, JSON.stringify(secretariat.json)).toBe(200);
    const byId = new Map(
      secretariat.json.candidates.map((c: { personId: string }) => [c.personId, c] as const),
    );
    // Approved and in office (the successor of the hand-over above): from the directory.
    expect(byId.get(handedOver.arriving)).toMatchObject({ role: 'focal-point', source: 'directory' });
    // The demo accounts of CIV (the local identity provider).
    expect(byId.get('civ-expert')).toMatchObject({ role: 'expert', source: 'account' });
    // Not offered: people replaced (no role left), deactivated, or not approved yet.
    const directory = (await call('secretariat-1', 'GET', '/people?state=CIV')).json.people as {
      personId: string;
      status: string;
    }[];
    const notOffered = [
      first,
      handedOver.leaving,
      ...directory.filter((p) => p.status !== 'approved').map((p) => p.personId),
    ];
    expect(notOffered.length).toBeGreaterThanOrEqual(4);
    for (const id of notOffered) expect(byId.has(id), id).toBe(false);
    expect([...secretariat.names].sort((a: string, b: string) => a.localeCompare(b))).toEqual(
      secretariat.names,
    );

    expect((await list('civ-focal')).names).toEqual(secretariat.names);
    // Another State's people see none of them; signed out is 401; a malformed State names the field.
    expect(await list('bra-expert')).toMatchObject({ status: 200, names: [] });
    expect((await list(null)).status).toBe(401);
    // In AWS the accounts are those recorded from verified tokens, found by State.
    const { recordPerson, recordedAccounts } = await import('#shared/repos/people.ts');
    await recordPerson({
      kind: 'user',
      sub: 'cognito-sub-1',
      role: 'expert',
      state: 'CIV',
      name: 'Recorded',
    });
    expect(await recordedAccounts('CIV')).toContainEqual({
      sub: 'cognito-sub-1',
      name: 'Recorded',
      role: 'expert',
      state: 'CIV',
    });
    expect((await recordedAccounts('GHA')).map((a) => a.sub)).not.toContain('cognito-sub-1');
    const bad = await list('secretariat-1', 'civ');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/iso3/);
  });
});
