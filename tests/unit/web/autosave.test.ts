/**
 * The questionnaire's autosave rules (web/src/autosave.ts) against a fake server that validates
 * like the real one: one refused answer never holds back the others, a row just added is not
 * sent, a refused answer is sent again only once it is edited, and a 412 (stale version) keeps the edits.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api.ts';
import { DraftSaver, type SaverState, withoutEmptyRows } from '../../../web/src/autosave.ts';

type Answers = Record<string, unknown>;

/** Stores patches; refuses statistics years before 1990 with the server's issue paths. */
const fakeServer = () => {
  const stored: Answers = {};
  const sent: Answers[] = [];
  let version = 0;
  let conflictNext = false;
  const send = async (patch: Answers, ifMatch: number) => {
    sent.push(patch);
    if (conflictNext) {
      conflictNext = false;
      throw new ApiError(412, 'PRECONDITION_FAILED', 'draft changed', [], null);
    }
    if (ifMatch !== version) throw new ApiError(412, 'PRECONDITION_FAILED', 'stale', [], null);
    const issues = Object.entries(patch).flatMap(([id, v]) =>
      Array.isArray(v)
        ? v.flatMap((row, i) =>
            typeof row?.year !== 'number' || row.year < 1990
              ? [{ path: `body.answers.${id}[${i}].year`, message: 'year must be ≥ 1990' }]
              : [],
          )
        : [],
    );
    if (issues.length) throw new ApiError(400, 'VALIDATION', 'answers are not valid', issues, { issues });
    Object.assign(stored, patch);
    version += 1;
    return { version, updatedAt: '2026-12-01T10:00:00.000Z', completeness: { missing: [] } };
  };
  return { stored, sent, send, conflict: () => (conflictNext = true) };
};

const saverOn = (server: ReturnType<typeof fakeServer>) => {
  const states: SaverState[] = [];
  const saver = new DraftSaver(server.send, 0, null, (s) => states.push(s));
  return { saver, states };
};

describe('autosave of a draft', () => {
  it('saves the valid answers of a batch even when another answer of it is refused', async () => {
    const server = fakeServer();
    const { saver } = saverOn(server);
    saver.edit('TIP.5.q7', [{ value: 12, year: 1985 }]);
    saver.edit('TIP.5.q10', 'The offence is in the Penal Code.');
    await saver.flush();
    expect(server.stored).toEqual({ 'TIP.5.q10': 'The offence is in the Penal Code.' });
    expect(saver.current.status).toBe('invalid');
    expect(saver.current.rejected).toEqual(['TIP.5.q7']);
    expect(saver.messagesFor('answers.TIP.5.q7[0].year')).toEqual(['year must be ≥ 1990']);
    expect(saver.current.lastSavedAt?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(saver.unsaved).toBe(true);
  });

  it('does not send a refused answer again until it is edited, and clears it once saved', async () => {
    const server = fakeServer();
    const { saver } = saverOn(server);
    saver.edit('TIP.5.q7', [{ value: 12, year: 1985 }]);
    await saver.flush();
    saver.edit('TIP.5.q1', 'yes');
    await saver.flush();
    expect(server.sent.at(-1)).toEqual({ 'TIP.5.q1': 'yes' });
    expect(saver.current.status).toBe('invalid');
    saver.edit('TIP.5.q7', [{ value: 12, year: 2021 }]);
    await saver.flush();
    expect(server.stored['TIP.5.q7']).toEqual([{ value: 12, year: 2021 }]);
    expect(saver.current).toMatchObject({ status: 'saved', rejected: [] });
    expect(saver.messagesFor('answers.TIP.5.q7')).toEqual([]);
    expect(saver.unsaved).toBe(false);
  });

  it('does not send a row that was just added and is still empty', async () => {
    const server = fakeServer();
    const { saver } = saverOn(server);
    saver.edit('TIP.5.q7', [{ value: 3, year: 2020 }, {}, { value: undefined, year: undefined, label: '' }]);
    await saver.flush();
    expect(server.sent).toEqual([{ 'TIP.5.q7': [{ value: 3, year: 2020 }] }]);
    expect(saver.current.status).toBe('saved');
  });

  it('keeps only trailing empty rows out, so issue indices stay those of the rows shown', () => {
    expect(withoutEmptyRows([{}, { year: 2020 }, {}])).toEqual([{}, { year: 2020 }]);
    expect(withoutEmptyRows('text')).toBe('text');
  });

  it('keeps every edit after a stale-version refusal (412) and says so', async () => {
    const server = fakeServer();
    const { saver } = saverOn(server);
    server.conflict();
    saver.edit('TIP.5.q1', 'no');
    await saver.flush();
    expect(saver.current.status).toBe('conflict');
    expect(saver.unsaved).toBe(true);
    expect(server.stored).toEqual({});
  });
});
