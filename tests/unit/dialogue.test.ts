import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCommentEvent,
  applyEntryAction,
  articleInfo,
  type Comment,
  type CommentEvent,
  type CounterBucket,
  checkAnchor,
  checkFinalisation,
  checkReply,
  commentingOpen,
  countComments,
  counterDelta,
  countsFor,
  type Entry,
  emptyList,
  observationsOpen,
  repliesNarrowedWith,
  type Visibility,
} from '#shared/domain/dialogue.ts';
import { REVIEW_STATES } from '#shared/domain/workflow.ts';

const at = { by: 'tur-expert', now: '2026-03-01T10:00:00.000Z' };

const comment = (over: Partial<Comment> = {}): Comment => ({
  reviewId: 'C2026.CIV',
  commentId: '00000000001abcdefabcdef',
  anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
  type: 'clarification-request',
  visibility: 'all',
  text: 'Please cite the provision that criminalizes attempt.',
  status: 'open',
  responseCount: 0,
  authorSub: 'tur-expert',
  authorName: 'Mehmet',
  authorState: 'TUR',
  version: 1,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});

const entry = (over: Partial<Entry> = {}): Entry => ({
  reviewId: 'C2026.CIV',
  id: 'obs0000000001',
  article: 'TIP.5',
  kind: 'challenge',
  text: 'Attempt is not criminalized.',
  status: 'draft',
  history: [],
  version: 1,
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
  ...over,
});

const apply = (c: Comment, e: CommentEvent) => {
  const out = applyCommentEvent(c, e, at);
  if (!out.ok) throw new Error(out.reason);
  return out.next;
};

describe('the comment status machine', () => {
  it('moves an open comment to answered on a response and counts the response', () => {
    const next = apply(comment(), { kind: 'respond' });
    expect(next).toMatchObject({ status: 'answered', responseCount: 1, version: 2 });
  });

  it('resolves an answered comment and reopens it as answered, an unanswered one as open', () => {
    const resolved = apply(apply(comment(), { kind: 'respond' }), { kind: 'resolve' });
    expect(resolved.status).toBe('resolved');
    expect(apply(resolved, { kind: 'reopen' }).status).toBe('answered');
    expect(apply(apply(comment(), { kind: 'resolve' }), { kind: 'reopen' }).status).toBe('open');
  });

  it('refuses responses to resolved comments and to comments hidden from the reviewed State', () => {
    expect(applyCommentEvent(comment({ status: 'resolved' }), { kind: 'respond' }, at).ok).toBe(false);
    expect(applyCommentEvent(comment({ visibility: 'reviewers' }), { kind: 'respond' }, at).ok).toBe(false);
  });

  it('keeps a deleted comment as it is: no edit, response or status change', () => {
    const deleted = apply(comment(), { kind: 'delete' });
    expect(deleted.deletedAt).toBe(at.now);
    for (const e of [
      { kind: 'edit', text: 'x' },
      { kind: 'respond' },
      { kind: 'resolve' },
      { kind: 'delete' },
    ] as const)
      expect(applyCommentEvent(deleted, e, at).ok).toBe(false);
  });

  it('will not hide a comment from the reviewed State once it has responded', () => {
    const answered = apply(comment(), { kind: 'respond' });
    const out = applyCommentEvent(answered, { kind: 'edit', visibility: 'reviewers' }, at);
    expect(out.ok).toBe(false);
    expect(apply(comment(), { kind: 'edit', visibility: 'reviewers' }).visibility).toBe('reviewers');
  });

  it('refuses a public reply to a reviewers-only comment', () => {
    expect(checkReply(comment({ visibility: 'reviewers' }), 'all').ok).toBe(false);
    expect(checkReply(comment({ visibility: 'reviewers' }), 'reviewers').ok).toBe(true);
    expect(checkReply(comment(), 'reviewers').ok).toBe(true);
  });
});

describe('a reply is never shown to more people than its parent, whatever is edited', () => {
  const id = (i: number) => `c${String(i).padStart(8, '0')}`;
  /** A thread as the API builds it: comment i replies to an earlier one, never wider than it. */
  const threads = fc
    .array(fc.record({ up: fc.nat(), all: fc.boolean(), answered: fc.boolean(), deleted: fc.boolean() }), {
      minLength: 1,
      maxLength: 12,
    })
    .map((specs) => {
      const out: Comment[] = [];
      specs.forEach((x, i) => {
        const parent = i === 0 || x.up % 3 === 0 ? undefined : out[x.up % i];
        const visibility: Visibility = x.all && parent?.visibility !== 'reviewers' ? 'all' : 'reviewers';
        out.push(
          comment({
            commentId: id(i),
            ...(parent ? { parentId: parent.commentId } : {}),
            visibility,
            responseCount: visibility === 'all' && x.answered ? 1 : 0,
            ...(x.deleted ? { deletedAt: at.now, deletedBy: 'tur-expert' } : {}),
          }),
        );
      });
      return out;
    });
  const holds = (all: readonly Comment[]) => {
    const byId = new Map(all.map((c) => [c.commentId, c]));
    return all.every(
      (c) => !(c.visibility === 'all' && c.parentId && byId.get(c.parentId)?.visibility === 'reviewers'),
    );
  };

  it('holds after any sequence of visibility edits, in both directions, with their replies carried along', () => {
    fc.assert(
      fc.property(threads, fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 20 }), (start, edits) => {
        let all = start;
        expect(holds(all)).toBe(true);
        for (const [pick, widen] of edits) {
          const c = all[pick % all.length] as Comment;
          const visibility: Visibility = widen ? 'all' : 'reviewers';
          const parent = all.find((x) => x.commentId === c.parentId);
          const out = applyCommentEvent(c, { kind: 'edit', visibility, ...(parent ? { parent } : {}) }, at);
          const thread = repliesNarrowedWith(c, visibility, all, at);
          if (!out.ok || !thread.ok) continue;
          const changed = new Map([
            [c.commentId, out.next],
            ...thread.replies.map((r) => [r.before.commentId, r.after] as const),
          ]);
          all = all.map((x) => changed.get(x.commentId) ?? x);
          expect(holds(all)).toBe(true);
        }
      }),
    );
  });

  it('refuses to widen a reply beyond its reviewers-only parent, and allows it under a public one', () => {
    const reply = comment({ parentId: 'p0000000001', visibility: 'reviewers' });
    const widen = (parent: Visibility) =>
      applyCommentEvent(reply, { kind: 'edit', visibility: 'all', parent: { visibility: parent } }, at);
    expect(widen('reviewers')).toMatchObject({ ok: false, reason: expect.stringMatching(/^visibility: /) });
    expect(widen('all').ok).toBe(true);
  });

  it('narrows every public reply below a narrowed comment (deleted and resolved ones too), and nothing else', () => {
    const root = comment({ commentId: id(0) });
    const thread = [
      root,
      comment({ commentId: id(1), parentId: id(0) }),
      comment({ commentId: id(2), parentId: id(1), status: 'resolved' }),
      comment({ commentId: id(3), parentId: id(0), deletedAt: at.now }),
      comment({ commentId: id(4), parentId: id(0), visibility: 'reviewers' }),
      comment({ commentId: id(5) }),
    ];
    const out = repliesNarrowedWith(root, 'reviewers', thread, at);
    if (!out.ok) throw new Error(out.reason);
    expect(out.replies.map((r) => r.before.commentId)).toEqual([id(1), id(3), id(2)]);
    expect(out.replies.every((r) => r.after.visibility === 'reviewers' && r.after.version === 2)).toBe(true);
    expect(repliesNarrowedWith(root, 'all', thread, at)).toEqual({ ok: true, replies: [] });
  });

  it('refuses to narrow a thread when the reviewed State responded to one of its replies', () => {
    const root = comment({ commentId: id(0) });
    const thread = [root, comment({ commentId: id(1), parentId: id(0), responseCount: 1 })];
    expect(repliesNarrowedWith(root, 'reviewers', thread, at)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^visibility: /),
    });
  });
});

describe('the comment counters', () => {
  const events = fc.constantFrom<CommentEvent>(
    { kind: 'respond' },
    { kind: 'resolve' },
    { kind: 'reopen' },
    { kind: 'delete' },
    { kind: 'edit', visibility: 'reviewers' },
    { kind: 'edit', visibility: 'all' },
  );

  it('always equal the counts recomputed from the comments, whatever happens to them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(9), events), { maxLength: 80 }),
        fc.array(fc.constantFrom<'all' | 'reviewers'>('all', 'reviewers'), { minLength: 10, maxLength: 10 }),
        (steps, visibilities) => {
          const comments = visibilities.map((visibility, i) =>
            comment({ commentId: `c${String(i).padStart(10, '0')}`, visibility }),
          );
          const counters: Partial<Record<CounterBucket, number>> = {};
          const add = (d: Partial<Record<CounterBucket, number>>) => {
            for (const [k, v] of Object.entries(d) as [CounterBucket, number][])
              counters[k] = (counters[k] ?? 0) + v;
          };
          for (const c of comments) add(counterDelta(undefined, c));
          for (const [i, e] of steps) {
            const before = comments[i];
            if (!before) continue;
            const out = applyCommentEvent(before, e, at);
            if (!out.ok) continue;
            add(counterDelta(before, out.next));
            comments[i] = out.next;
          }
          const expected = countComments(comments);
          for (const k of Object.keys({ ...counters, ...expected }) as CounterBucket[])
            expect(counters[k] ?? 0).toBe(expected[k] ?? 0);
        },
      ),
    );
  });

  it('show the reviewed State only the comments visible to all', () => {
    const buckets = { 'all.open': 2, 'reviewers.open': 5, 'all.resolved': 1, 'reviewers.deleted': 3 };
    expect(countsFor(buckets, ['all'])).toEqual({ open: 2, answered: 0, resolved: 1, deleted: 0, total: 3 });
    expect(countsFor(buckets, ['reviewers', 'all'])).toEqual({
      open: 7,
      answered: 0,
      resolved: 1,
      deleted: 3,
      total: 8,
    });
  });
});

describe('comment anchors', () => {
  it('accept a question of the anchored article of an instrument under review', () => {
    expect(
      checkAnchor({ instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 }, [
        'UNTOC',
        'TIP',
      ]),
    ).toEqual({
      ok: true,
    });
  });

  it('refuse an instrument outside the review, a question of another article and an unknown question', () => {
    expect(
      checkAnchor({ instrument: 'SOM', article: 'SOM.6', submissionVersion: 1 }, ['UNTOC', 'TIP']).ok,
    ).toBe(false);
    expect(
      checkAnchor({ instrument: 'TIP', article: 'TIP.6', questionId: 'TIP.5.q1', submissionVersion: 1 }, [
        'TIP',
      ]).ok,
    ).toBe(false);
    expect(
      checkAnchor({ instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q99', submissionVersion: 1 }, [
        'TIP',
      ]).ok,
    ).toBe(false);
    expect(
      checkAnchor({ instrument: 'TIP', article: 'UNTOC.5', submissionVersion: 1 }, ['TIP', 'UNTOC']).ok,
    ).toBe(false);
  });

  it('know the title, cluster and four Ps of a questionnaire article', () => {
    expect(articleInfo('TIP.5')).toMatchObject({ article: 'TIP.5', cluster: expect.any(Number) });
    expect(articleInfo('TIP.999')).toBeUndefined();
  });
});

describe('when the dialogue is open', () => {
  it('allows comments from submission until the summary is agreed, observations during desk review and dialogue', () => {
    const commenting = REVIEW_STATES.filter((s) => commentingOpen(s).ok);
    expect(commenting).toEqual([
      'self-assessment-submitted',
      'desk-review',
      'dialogue',
      'observations-agreed',
    ]);
    expect(REVIEW_STATES.filter((s) => observationsOpen(s).ok)).toEqual(['desk-review', 'dialogue']);
  });
});

describe('entries of the list of observations', () => {
  const step = (e: Entry, a: Parameters<typeof applyEntryAction>[1], by = 'civ-focal') => {
    const out = applyEntryAction(e, a, { by, now: at.now });
    if (!out.ok) throw new Error(out.reason);
    return out.next;
  };

  it('are agreed by the reviewed State, with a history line per step', () => {
    const agreed = step(entry(), { action: 'agree' });
    expect(agreed).toMatchObject({ status: 'agreed', version: 2 });
    expect(agreed.history.map((h) => [h.action, h.by, h.status])).toEqual([['agree', 'civ-focal', 'agreed']]);
  });

  it('go amended → agreed when the reviewers accept the new text of the reviewed State', () => {
    const amended = step(entry(), { action: 'amend', text: 'Attempt is partly criminalized.' });
    expect(amended).toMatchObject({ status: 'amended', text: 'Attempt is partly criminalized.' });
    const accepted = step(amended, { action: 'accept-amendment' }, 'tur-expert');
    expect(accepted).toMatchObject({ status: 'agreed', text: 'Attempt is partly criminalized.' });
  });

  it('go disputed → draft when the reviewers revise, and keep the dispute reason in the history', () => {
    const disputed = step(entry(), { action: 'dispute', reason: 'Article 4 of the Penal Code covers it.' });
    expect(disputed).toMatchObject({ status: 'disputed', reason: 'Article 4 of the Penal Code covers it.' });
    const revised = step(
      disputed,
      { action: 'revise', text: 'Attempt is covered generally; no specific rule.' },
      'tur-expert',
    );
    expect(revised).toMatchObject({ status: 'draft', reason: undefined, version: 3 });
    expect(revised.history.map((h) => h.reason ?? null)).toEqual([
      'Article 4 of the Penal Code covers it.',
      null,
    ]);
  });

  it('refuse out-of-order steps: accepting an amendment that was not made, agreeing twice', () => {
    expect(applyEntryAction(entry(), { action: 'accept-amendment' }, at).ok).toBe(false);
    expect(applyEntryAction(entry({ status: 'agreed' }), { action: 'agree' }, at).ok).toBe(false);
    expect(applyEntryAction(entry({ status: 'withdrawn' }), { action: 'revise', text: 'x' }, at).ok).toBe(
      false,
    );
  });

  it('take the title, cluster and four Ps of a new article when revised to it', () => {
    const moved = step(entry(), { action: 'revise', article: 'TIP.6' }, 'tur-expert');
    expect(moved).toMatchObject({ article: 'TIP.6', articleTitle: articleInfo('TIP.6')?.title });
  });
});

describe('finalisation of the list of observations', () => {
  const parties = { reviewedState: 'CIV', reviewerStates: ['GHA', 'TUR'] };
  const list = (confirmed: string[], version = 4) => ({
    ...emptyList('C2026.CIV'),
    version,
    confirmations: Object.fromEntries(confirmed.map((s) => [s, { by: s, at: at.now, listVersion: 4 }])),
  });

  it('needs every live entry agreed and every party confirming the current version', () => {
    const entries = [entry({ status: 'agreed' }), entry({ id: 'obs0000000002', status: 'withdrawn' })];
    expect(checkFinalisation(entries, list(['CIV', 'GHA', 'TUR']), parties, false).complete).toBe(true);
    expect(checkFinalisation(entries, list(['CIV', 'TUR']), parties, false)).toMatchObject({
      complete: false,
      awaiting: ['GHA'],
    });
  });

  it('treats a confirmation of an earlier version of the list as missing', () => {
    const entries = [entry({ status: 'agreed' })];
    expect(checkFinalisation(entries, list(['CIV', 'GHA', 'TUR'], 5), parties, false).awaiting).toEqual([
      'CIV',
      'GHA',
      'TUR',
    ]);
  });

  it('accepts an off-platform agreement instead of confirmations, but never unagreed or no entries', () => {
    expect(checkFinalisation([entry({ status: 'agreed' })], list([]), parties, true).complete).toBe(true);
    expect(checkFinalisation([entry({ status: 'disputed' })], list([]), parties, true)).toMatchObject({
      complete: false,
      notAgreed: ['obs0000000001'],
    });
    expect(checkFinalisation([], list([]), parties, true).complete).toBe(false);
  });
});
