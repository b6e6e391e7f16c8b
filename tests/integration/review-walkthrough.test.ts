/**
 * One review, from assignment to publication, driven through the HTTP API of the embedded
 * platform: acknowledgements and contacts (reviews), the list of observations (dialogue), the
 * summary agreement and publication (summaries). The self-assessment submission (which needs a
 * complete questionnaire per instrument) and the secretariat's desk-review and dialogue steps go
 * through the generic `POST /reviews/{reviewId}/transitions`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '#shared/domain/audit.ts';
import { REVIEW_STATES } from '#shared/domain/workflow.ts';
import type { ReviewView } from '#shared/http/routes/reviews.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview } from '../support/reviews.ts';

const platform = await useLocalPlatform(async () => {
  // The registry of States parties (the summaries name the State), then the review.
  await seedLocal();
  await seedReview({ cycleId: 'WALK', state: 'assigned' });
});
afterAll(() => platform.stop());
// Loaded after the platform has set the environment (the logger reads the configuration once).
const { deliverOutbox } = await import('#shared/use-cases/reviews/scheduled.ts');

const REVIEW = 'WALK.CIV';

const call = async (sub: string, method: string, path: string, body?: unknown, ifMatch?: string) => {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await platform.tokenFor(sub)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    etag: res.headers.get('etag') ?? undefined,
    body: (await res.json()) as Record<string, unknown>,
  };
};

const review = async (): Promise<ReviewView> =>
  (await call('secretariat-1', 'GET', `/reviews/${REVIEW}`)).body as unknown as ReviewView;

const advance = async (transition: string) => {
  const { version } = await review();
  return call('secretariat-1', 'POST', `/reviews/${REVIEW}/transitions`, { transition }, String(version));
};

describe('a review walked through every workflow state over HTTP', () => {
  const visited: string[] = [];

  it('starts assigned, with both reviewing States shown as not having acknowledged', async () => {
    const r = await review();
    visited.push(r.state);
    expect(r.state).toBe('assigned');
    expect(r.missingAcknowledgements).toEqual(['GHA', 'TUR']);
    const overdue = await call('secretariat-1', 'GET', '/cycles/WALK/overdue');
    expect(overdue.body.reviews).toMatchObject([
      { reviewId: REVIEW, missingAcknowledgements: ['GHA', 'TUR'] },
    ]);
  });

  it('records the acknowledgement of each reviewing State once', async () => {
    expect((await call('tur-focal', 'POST', `/reviews/${REVIEW}/acknowledgements`)).status).toBe(201);
    const again = await call('tur-focal', 'POST', `/reviews/${REVIEW}/acknowledgements`);
    expect(again.status).toBe(200);
    expect((await call('gha-focal', 'POST', `/reviews/${REVIEW}/acknowledgements`)).status).toBe(201);
    const r = await review();
    expect(r.missingAcknowledgements).toEqual([]);
    expect(r.acknowledgements.TUR?.by).toBe('tur-focal');
  });

  it('moves to contacts-named once the reviewed State has named its focal point and an expert', async () => {
    const onlyFocal = await call('civ-focal', 'PUT', `/reviews/${REVIEW}/contacts`, { experts: [] });
    expect(onlyFocal.status).toBe(200);
    expect(onlyFocal.body.state).toBe('assigned');
    const named = await call('civ-focal', 'PUT', `/reviews/${REVIEW}/contacts`, { experts: ['civ-expert'] });
    expect(named.status).toBe(200);
    const r = named.body as unknown as ReviewView;
    visited.push(r.state);
    expect(r.state).toBe('contacts-named');
    expect(r.contacts.CIV).toEqual({ focalPoint: 'civ-focal', experts: ['civ-expert'] });
    expect(r.deadlines.filter((d) => d.metAt).map((d) => d.kind)).toEqual(['focal-point', 'experts']);
    for (const [sub, expert] of [
      ['tur-focal', 'tur-expert'],
      ['gha-focal', 'gha-expert'],
    ] as const) {
      expect((await call(sub, 'PUT', `/reviews/${REVIEW}/contacts`, { experts: [expert] })).status).toBe(200);
    }
  });

  it('refuses a transition from the wrong state with 409 and the current state', async () => {
    const r = await review();
    const res = await call(
      'secretariat-1',
      'POST',
      `/reviews/${REVIEW}/transitions`,
      { transition: 'start-dialogue' },
      String(r.version),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: { code: 'CONFLICT', details: { current: { state: 'contacts-named', version: r.version } } },
    });
    // Steps with content of their own are not the generic endpoint's to take.
    const publish = await call(
      'secretariat-1',
      'POST',
      `/reviews/${REVIEW}/transitions`,
      { transition: 'publish' },
      String(r.version),
    );
    expect(publish.status).toBe(400);
    expect(JSON.stringify(publish.body)).toContain('/summaries/combined/publication');
  });

  it('refuses a stale If-Match with 412 and the current version', async () => {
    const r = await review();
    const res = await call(
      'secretariat-1',
      'POST',
      `/reviews/${REVIEW}/transitions`,
      { transition: 'submit-self-assessment' },
      `"${r.version - 1}"`,
    );
    expect(res.status).toBe(412);
    expect(res.body).toMatchObject({
      error: { details: { current: { state: r.state, version: r.version } } },
    });
  });

  it('opens the feedback deadline when the self-assessment is submitted', async () => {
    const res = await advance('submit-self-assessment');
    expect(res.status).toBe(200);
    const r = res.body as unknown as ReviewView;
    visited.push(r.state);
    expect(r.state).toBe('self-assessment-submitted');
    const feedback = r.deadlines.find((d) => d.kind === 'feedback');
    expect(feedback?.metAt).toBeUndefined();
    expect(r.deadlines.find((d) => d.kind === 'self-assessment')?.metAt).toBeDefined();
  });

  it('lets the secretariat extend the feedback deadline, recording who, when and why', async () => {
    const before = (await review()).deadlines.find((d) => d.kind === 'feedback');
    const to = new Date(Date.parse(before?.due ?? '') + 30 * 86_400_000).toISOString();
    const res = await call('secretariat-1', 'POST', `/reviews/${REVIEW}/deadlines/feedback/extensions`, {
      to,
      reason: 'translation of the answers',
    });
    expect(res.status).toBe(201);
    const after = (res.body as unknown as ReviewView).deadlines.find((d) => d.kind === 'feedback');
    expect(after?.due).toBe(to);
    expect(after?.extensions).toEqual([
      { from: before?.due, to, by: 'secretariat-1', reason: 'translation of the answers' },
    ]);
  });

  it('passes through desk review to the dialogue', async () => {
    for (const t of ['start-desk-review', 'start-dialogue']) {
      const res = await advance(t);
      expect(res.status, t).toBe(200);
      visited.push(String(res.body.state));
    }
  });

  it('reaches observations-agreed when every State confirms the agreed list of observations', async () => {
    const created = await call('tur-expert', 'POST', `/reviews/${REVIEW}/observations`, {
      article: 'TIP.5',
      kind: 'challenge',
      text: 'Trafficking for forced criminality is not expressly criminalised.',
    });
    expect(created.status).toBe(201);
    const agreed = await call(
      'civ-focal',
      'POST',
      `/reviews/${REVIEW}/observations/${String(created.body.id)}/responses`,
      { action: 'agree' },
      created.etag,
    );
    expect(agreed.status).toBe(200);
    for (const sub of ['civ-focal', 'gha-focal', 'tur-focal']) {
      const res = await call(sub, 'POST', `/reviews/${REVIEW}/observations/confirmations`, {});
      expect(res.status, sub).toBe(200);
    }
    const r = await review();
    visited.push(r.state);
    expect(r.state).toBe('observations-agreed');
  });

  it('goes on to an agreed summary and its publication through the summary endpoints', async () => {
    const draft = await call('secretariat-1', 'POST', `/reviews/${REVIEW}/summaries/combined`);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const documentVersion = draft.body.documentVersion;
    const agreed = await call('civ-focal', 'POST', `/reviews/${REVIEW}/summaries/combined/agreement`, {
      documentVersion,
    });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    visited.push((await review()).state);
    const published = await call(
      'secretariat-1',
      'POST',
      `/reviews/${REVIEW}/summaries/combined/publication`,
      {
        // Agreeing re-renders the documents as agreed: a new document version.
        documentVersion: agreed.body.documentVersion,
      },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    visited.push((await review()).state);
    expect(visited).toEqual([...REVIEW_STATES]);
  });

  it('keeps an append-only audit log of every change, readable page by page by the secretariat', async () => {
    const first = await call('secretariat-1', 'GET', `/reviews/${REVIEW}/audit?limit=5`);
    expect(first.status).toBe(200);
    const entries = [...(first.body.entries as AuditEntry[])];
    let cursor = first.body.cursor as string | undefined;
    while (cursor) {
      const page = await call('secretariat-1', 'GET', `/reviews/${REVIEW}/audit?limit=5&cursor=${cursor}`);
      entries.push(...(page.body.entries as AuditEntry[]));
      cursor = page.body.cursor as string | undefined;
    }
    const final = await review();
    // Every version of the review has exactly one entry (other areas add entries about their own objects).
    const ofReview = entries.filter((e) => e.object === `review/${REVIEW}`);
    expect(ofReview.map((e) => e.version)).toEqual(
      Array.from({ length: final.version - 1 }, (_, i) => i + 2),
    );
    expect([...entries].sort((a, b) => a.at.localeCompare(b.at))).toEqual(entries);
    const ours = new Set([
      'assignment.acknowledge',
      'contacts.name',
      'workflow.transition',
      'deadline.extend',
    ]);
    expect(ofReview.map((e) => e.action).filter((a) => ours.has(a))).toEqual([
      'assignment.acknowledge',
      'assignment.acknowledge',
      'contacts.name',
      'contacts.name',
      'contacts.name',
      'contacts.name',
      'workflow.transition',
      'deadline.extend',
      'workflow.transition',
      'workflow.transition',
    ]);
    expect(entries[0]).toMatchObject({ actor: 'tur-focal', role: 'focal-point', object: `review/${REVIEW}` });
    expect((await call('civ-focal', 'GET', `/reviews/${REVIEW}/audit`)).status).toBe(403);
  });

  it('tells the parties about each step in their mailbox, as they asked to be told', async () => {
    const prefs = await call('civ-expert', 'PUT', '/me/notification-preferences', {
      'state-changed': 'immediate',
    });
    expect(prefs.body).toMatchObject({ 'state-changed': 'immediate', comment: 'daily-digest' });
    await deliverOutbox(new Date());
    const inbox = await call('civ-expert', 'GET', '/me/notifications');
    const messages = inbox.body.messages as { mode: string; items: { text: string }[]; unread: boolean }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.mode).toBe('immediate');
    expect(messages[0]?.items.map((i) => i.text)).toContain(
      `Review ${REVIEW} moved from desk-review to dialogue.`,
    );
    expect(messages[0]?.unread).toBe(true);
    // civ-focal keeps the default daily digest: nothing yet, the items wait for the digest hour.
    expect(((await call('civ-focal', 'GET', '/me/notifications')).body.messages as unknown[]).length).toBe(0);
  });
});
