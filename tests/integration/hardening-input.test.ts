import { afterAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '#shared/http/errors.ts';
import { loadAllComments } from '#shared/repos/comments.ts';
import { seedLocal } from '../../scripts/local/seed.ts';
import { useLocalPlatform } from '../support/local-aws.ts';
import { seedReview, seedSubmittedVersion } from '../support/reviews.ts';

const DIALOGUE_REVIEW = 'C2026.CIV';
const DRAFT_REVIEW = 'C2026.GHA';

const platform = await useLocalPlatform(async () => {
  await seedLocal();
  // One review in dialogue (comments), with a submitted version 1 to anchor comments on.
  await seedReview({ state: 'dialogue' });
  await seedSubmittedVersion(DIALOGUE_REVIEW, 'TIP');
  // One review still drafting its self-assessment (Ghana reviewed by Côte d'Ivoire and Türkiye).
  await seedReview({
    reviewedState: 'GHA',
    seats: [
      { reviewer: 'CIV', instruments: ['UNTOC', 'TIP'], reason: 'same-group' },
      { reviewer: 'TUR', instruments: ['UNTOC', 'TIP'], reason: 'other-group' },
    ],
    reviewerStates: ['CIV', 'TUR'],
  });
});
afterAll(() => platform.stop());

const tokens = new Map<string, string>();
const tokenOf = async (sub: string) => {
  let t = tokens.get(sub);
  if (!t) {
    t = await platform.tokenFor(sub);
    tokens.set(sub, t);
  }
  return t;
};

/** Sends raw bytes, so bodies can be exactly as hostile as intended. */
const raw = async (
  sub: string,
  method: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => {
  const res = await fetch(`${platform.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokenOf(sub)}`, ...headers },
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
};

const jsonCall = (
  sub: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) => raw(sub, method, path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });

/** The response is a JSON error with this status and code whose message contains `mentions`. */
const expectError = (
  res: { status: number; contentType: string; text: string },
  status: number | number[],
  code?: string,
  mentions?: string,
) => {
  expect(Array.isArray(status) ? status : [status], res.text.slice(0, 300)).toContain(res.status);
  expect(res.contentType).toContain('application/json');
  const { error } = ErrorBodySchema.parse(JSON.parse(res.text));
  if (code) expect(error.code).toBe(code);
  expect(error.message.trim().length).toBeGreaterThan(0);
  if (mentions) expect(error.message).toContain(mentions);
  return error;
};

const COMMENTS = `/reviews/${DIALOGUE_REVIEW}/comments`;
const DRAFT = `/reviews/${DRAFT_REVIEW}/self-assessments/TIP/draft`;
const ATTACHMENTS = `/reviews/${DRAFT_REVIEW}/self-assessments/TIP/attachments`;
const comment = (text = 'Please clarify article 5.') => ({
  anchor: { instrument: 'TIP', article: 'TIP.5', questionId: 'TIP.5.q1', submissionVersion: 1 },
  type: 'clarification-request',
  visibility: 'all',
  text,
});
const commentCount = async () => (await loadAllComments(DIALOGUE_REVIEW)).comments.length;

describe('oversized bodies', () => {
  it('answers 413 naming the limit for a comment over its 64 KiB limit, and stores nothing', async () => {
    const before = await commentCount();
    const res = await jsonCall('tur-expert', 'POST', COMMENTS, comment('x'.repeat(70 * 1024)));
    const error = expectError(res, 413, 'PAYLOAD_TOO_LARGE', 'body');
    expect(error.details).toEqual({ limit: 64 * 1024 });
    expect(await commentCount()).toBe(before);
  });

  it('answers 413 for a draft import over its 512 KiB limit', async () => {
    const body = {
      questionnaireId: 'untoc-tip',
      questionnaireVersion: 1,
      answers: { x: 'y'.repeat(600 * 1024) },
    };
    expectError(
      await jsonCall('gha-expert', 'POST', `/reviews/${DRAFT_REVIEW}/self-assessments/TIP/import`, body, {
        'if-match': '0',
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('answers 413 at the gateway for a body over the 10 MB API limit, before any handler runs', async () => {
    const res = await raw('tur-expert', 'POST', COMMENTS, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers 400 naming the field for a comment text longer than allowed but within the byte limit', async () => {
    const res = await jsonCall('tur-expert', 'POST', COMMENTS, comment('é'.repeat(20_000)));
    expectError(res, [400, 413], undefined, 'body');
  });
});

describe('malformed JSON', () => {
  it('answers 400 JSON_TOO_DEEP for nesting beyond 32 levels', async () => {
    const deep = JSON.stringify({ answers: JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`) });
    expectError(
      await raw('gha-expert', 'PATCH', DRAFT, deep, { 'content-type': 'application/json', 'if-match': '0' }),
      400,
      'JSON_TOO_DEEP',
    );
  });

  it('answers 400 without a server error for 30 000 nested arrays (no stack overflow)', async () => {
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    expectError(await raw('tur-expert', 'POST', COMMENTS, deep), 400);
  });

  it.each([
    ['a truncated object', '{"text": "a'],
    ['trailing garbage', '{"text": "a"} x'],
    ['NaN', '{"text": NaN}'],
    ['single quotes', "{'text': 'a'}"],
    ['a lone UTF-16 surrogate escape', '{"text": "\\ud800'],
  ])('answers 400 INVALID_JSON for %s', async (_name, body) => {
    expectError(await raw('tur-expert', 'POST', COMMENTS, body), 400, 'INVALID_JSON', 'body');
  });

  it.each([
    ['a 0xFF byte', Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d])],
    [
      'an overlong encoding of "/"',
      Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]),
    ],
    ['an encoded surrogate (CESU-8)', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22])],
    ['a truncated multi-byte sequence', Buffer.from([0x22, 0xe2, 0x82, 0x22])],
  ])('answers 400 INVALID_UTF8 for invalid UTF-8: %s', async (_name, body) => {
    expectError(await raw('tur-expert', 'POST', COMMENTS, body), 400, 'INVALID_UTF8', 'UTF-8');
  });

  it('answers 400 BODY_REQUIRED when a route that takes a body gets none', async () => {
    expectError(await raw('tur-expert', 'POST', COMMENTS, undefined, {}), 400, 'BODY_REQUIRED', 'body');
  });

  it('does not let __proto__ or constructor keys pollute objects, and refuses them as unknown fields', async () => {
    const body = `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, ${JSON.stringify(comment()).slice(1)}`;
    const res = await raw('tur-expert', 'POST', COMMENTS, body);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('wrong content types', () => {
  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['a JSON look-alike', 'application/json-patch+json'],
    ['XML', 'application/xml'],
  ])('answers 415 for %s', async (_name, contentType) => {
    const res = await raw('tur-expert', 'POST', COMMENTS, JSON.stringify(comment()), {
      'content-type': contentType,
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
  });

  it('answers 415 when the content type is missing', async () => {
    const res = await raw('tur-expert', 'POST', COMMENTS, JSON.stringify(comment()), {});
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts application/json in any case and with a charset (the control)', async () => {
    const res = await raw('tur-expert', 'POST', COMMENTS, JSON.stringify(comment('Content type control')), {
      'content-type': 'Application/JSON; charset=UTF-8',
    });
    expect(res.status).toBe(201);
  });
});

describe('traversal and control characters in names, ids and keys', () => {
  it.each([
    ['a parent-directory path', '../../etc/passwd'],
    ['a Windows path', '..\\..\\boot.ini'],
    ['a NUL byte', 'law\u0000.pdf'],
    ['a newline', 'law\n.pdf'],
    ['DEL', 'law\u007f.pdf'],
    ['a blank name', '   '],
  ])(
    'refuses an attachment named with %s (400 naming body.name), with no upload ticket',
    async (_name, name) => {
      const res = await jsonCall('gha-expert', 'POST', ATTACHMENTS, {
        name,
        contentType: 'application/pdf',
        size: 100,
      });
      expectError(res, 400, 'VALIDATION_FAILED', 'body.name');
    },
  );

  it.each([
    ['a right-to-left override (a .bat shown as .txt)', 'report\u202etxt.bat'],
    ['a left-to-right override', 'law\u202d.pdf'],
    ['a right-to-left isolate', 'law\u2067.pdf'],
    ['a zero-width space', 'law\u200b.pdf'],
    ['a byte-order mark', 'law\ufeff.pdf'],
    ['a soft hyphen', 'law\u00ad.pdf'],
    ['a left-to-right mark', 'law\u200e.pdf'],
    ['a line separator', 'law\u2028.pdf'],
  ])('refuses an attachment named with %s (400 naming body.name)', async (_what, name) => {
    const res = await jsonCall('gha-expert', 'POST', ATTACHMENTS, {
      name,
      contentType: 'application/pdf',
      size: 100,
    });
    const error = expectError(res, 400, 'VALIDATION_FAILED', 'body.name');
    expect(error.message).toContain('formatting');
  });

  it('keeps a name of dots and unicode as metadata only: the storage key is our id, not the name', async () => {
    const name = '..  FDP ñ 𝔘 עברית.pdf';
    const res = await jsonCall('gha-expert', 'POST', ATTACHMENTS, {
      name,
      contentType: 'application/pdf',
      size: 100,
    });
    expect(res.status).toBe(201);
    const ticket = JSON.parse(res.text) as {
      attachment: { attachmentId: string; name: string };
      upload: { url: string };
    };
    expect(ticket.attachment.name).toBe(name);
    expect(ticket.attachment.attachmentId).toMatch(/^[A-Za-z0-9_-]+$/);
    const key = new URL(ticket.upload.url).pathname;
    expect(key).toContain(`/uploads/`);
    expect(key.endsWith(`/${ticket.attachment.attachmentId}`)).toBe(true);
    expect(key).not.toContain('..');
    expect(decodeURIComponent(key)).not.toContain('FDP');
  });

  it.each([
    ['a parent-directory key', '../../TIP.5.q1'],
    ['a NUL byte', 'TIP.5.q1\u0000'],
    ['a prototype key', '__proto__'],
    ['an unknown question', 'TIP.99.q99'],
  ])('refuses a draft answer keyed by %s and leaves the draft unchanged', async (_name, key) => {
    const before = JSON.parse((await raw('gha-expert', 'GET', DRAFT, undefined, {})).text) as {
      version: number;
    };
    const body = `{"answers": {${JSON.stringify(key)}: "yes"}}`;
    const res = await raw('gha-expert', 'PATCH', DRAFT, body, {
      'content-type': 'application/json',
      'if-match': String(before.version),
    });
    expectError(res, [400, 422]);
    const after = JSON.parse((await raw('gha-expert', 'GET', DRAFT, undefined, {})).text) as {
      version: number;
    };
    expect(after.version).toBe(before.version);
  });

  it.each([
    ['a traversal', '..%2F..%2Fcycles'],
    ['an encoded NUL', 'C2026.CIV%00'],
    ['a CRLF', 'C2026.CIV%0D%0AX-Injected:%201'],
    ['an encoded backslash', '..%5C..%5C'],
  ])('refuses a review id containing %s (400 naming path.reviewId)', async (_name, id) => {
    const res = await raw('tur-expert', 'GET', `/reviews/${id}/comments`, undefined, {});
    expectError(res, 400, 'VALIDATION_FAILED', 'path.reviewId');
  });

  it('refuses a comment anchored on a question id with traversal or control characters, without a server error', async () => {
    for (const questionId of ['../../x', 'TIP.5.q1\u0000', '\u001b[2J']) {
      const body = { ...comment(), anchor: { ...comment().anchor, questionId } };
      const res = await jsonCall('tur-expert', 'POST', COMMENTS, body);
      expect(res.status, questionId).toBeLessThan(500);
      if (res.status >= 400) expectError(res, res.status);
    }
  });

  it.each([
    ['too short', 'abc'],
    ['with a slash', 'key/../../other'],
    ['with spaces', 'key with spaces!!'],
    ['too long', 'k'.repeat(200)],
  ])('refuses an Idempotency-Key %s (400 naming the header), storing nothing', async (_name, key) => {
    const before = await commentCount();
    const res = await jsonCall('tur-expert', 'POST', COMMENTS, comment(), { 'idempotency-key': key });
    expectError(res, 400, 'VALIDATION_FAILED', 'idempotency-key');
    expect(await commentCount()).toBe(before);
  });

  it('refuses query values that are not numbers or are out of range, naming the parameter', async () => {
    for (const limit of ['1e309', '-1', 'NaN', '1.5', '101', 'ten']) {
      const res = await raw(
        'tur-expert',
        'GET',
        `${COMMENTS}?limit=${encodeURIComponent(limit)}`,
        undefined,
        {},
      );
      expect(res.status, limit).toBe(400);
      expectError(res, 400, 'VALIDATION_FAILED', 'query.limit');
    }
    const unknown = await raw('tur-expert', 'GET', `${COMMENTS}?evil=1`, undefined, {});
    expectError(unknown, 400, 'VALIDATION_FAILED', 'query');
  });

  it('does not let a __proto__ query parameter pollute objects or fail the request', async () => {
    const res = await raw('tur-expert', 'GET', `${COMMENTS}?__proto__=1&constructor=x`, undefined, {});
    expect(res.status).toBeLessThan(500);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>)['1']).toBeUndefined();
  });
});
