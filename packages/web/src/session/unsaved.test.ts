import { describe, expect, it } from 'vitest';
import { sessionPhase, warningLeadMs } from './expiry';
import { forgetUnsavedInput, keepUnsavedInput, readUnsavedInput, recordKey, registerUnsavedValues } from './unsaved';

/** localStorage's interface over a Map (the unit tier runs in Node). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const PAGE = '/monitoring/report?period=2026-11';
const PUT = { method: 'PUT', path: '/monitoring/reporting/indicators/i1/2026-11', body: { value: '12.5', note: '' } };

describe('unsaved input kept when the session ends', () => {
  it('keeps the failed request and the page values per user and page, and only that user reads them back', () => {
    const store = memoryStorage();
    let drafts = { i1: { value: '12.5', note: '' } };
    const unregister = registerUnsavedValues('indicators', () => drafts);
    keepUnsavedInput('u1', PAGE, PUT, store);
    drafts = { i1: { value: '99', note: 'later' } };
    // The countdown's own keep after the failed save must not lose the request.
    keepUnsavedInput('u1', PAGE, null, store);
    unregister();
    const r = readUnsavedInput('u1', PAGE, store);
    expect(r).toMatchObject({ userId: 'u1', page: PAGE, request: PUT, values: { indicators: { i1: { value: '99', note: 'later' } } } });
    expect(readUnsavedInput('u2', PAGE, store)).toBeNull();
    expect(readUnsavedInput('u1', '/monitoring/report', store)).toBeNull();
  });

  it('keeps nothing when there is nothing to keep, and forgets what was restored or discarded', () => {
    const store = memoryStorage();
    expect(keepUnsavedInput('u1', PAGE, null, store)).toBeNull();
    expect(store.length).toBe(0);
    keepUnsavedInput('u1', PAGE, PUT, store);
    forgetUnsavedInput('u1', PAGE, undefined, store);
    expect(store.getItem(recordKey('u1', PAGE))).toBeNull();
  });

  it('drops records older than a week and records that are not ours', () => {
    const store = memoryStorage();
    keepUnsavedInput('u1', PAGE, PUT, store, new Date('2026-11-01T00:00:00Z'));
    expect(readUnsavedInput('u1', PAGE, store, new Date('2026-11-09T00:00:00Z'))).toBeNull();
    store.setItem(recordKey('u1', PAGE), 'not json');
    expect(readUnsavedInput('u1', PAGE, store)).toBeNull();
  });
});

describe('the idle countdown', () => {
  it('warns two minutes ahead, or a third of a short timeout', () => {
    expect(warningLeadMs(30 * 60_000)).toBe(120_000);
    expect(warningLeadMs(5 * 60_000)).toBe(100_000);
  });

  it('is active, then warning, then expired', () => {
    const idle = 30 * 60_000;
    expect(sessionPhase(1_000_000, 1_000_000 - 10 * 60_000, idle)).toEqual({ kind: 'active', warnInMs: 8 * 60_000 });
    expect(sessionPhase(1_000_000, 1_000_000 - 60_000, idle)).toEqual({ kind: 'warning', remainingMs: 60_000 });
    expect(sessionPhase(1_000_000, 1_000_000, idle)).toEqual({ kind: 'expired' });
  });
});
