/**
 * Edit/reload fuzzing (issue #20 §7): random edit sequences, each ended by a reload or a closed
 * tab at a random moment (pagehide fires, and any IndexedDB write still in flight is lost with
 * the page). The next start must load a valid document (0 corrupt loads) that holds every edit
 * made more than 500 ms before the page went away — with a working rescue copy, and with a full
 * localStorage. CI runs a fixed small budget; `npm run bench:fuzz` runs 1 000 (BLOBGEN_FUZZ_RUNS).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { layoutBodySchema } from '../layout/layoutSchema';
import { loadStoredDocument, startAutosave, type KeyValueStorage, type RescueStorage } from './autosave';
import { addBlob, removeBlob, setCaption, updateBlob } from './documentEdits';
import { getDocument } from './documentStore';
import { applyCoalescedEdit, applyEdit, resetDocument } from './history';
import { storedDocumentCodec } from './storedDocumentCodec';

const RUNS = Number(process.env.BLOBGEN_FUZZ_RUNS ?? 60);
const MAX_LOSS_MS = 500;

/** IndexedDB as the page sees it: a write lands `latency` ms after it starts, unless the page is gone first. */
function pageStorage(data: Map<string, unknown>, latencies: number[]) {
  let alive = true;
  let n = 0;
  const storage: KeyValueStorage = {
    get: (key) => Promise.resolve(structuredClone(data.get(key))),
    set: (key, value) =>
      new Promise((resolve) => {
        const copy = structuredClone(value);
        setTimeout(() => {
          if (!alive) return; // torn down with the page: never resolves, never lands
          data.set(key, copy);
          resolve();
        }, latencies[n++ % latencies.length] ?? 0);
      }),
  };
  return { storage, kill: () => (alive = false) };
}

function localStorageLike(data: Map<string, string>, full: boolean): RescueStorage {
  return {
    read: () => (data.has('rescue') ? (JSON.parse(data.get('rescue') ?? '') as unknown) : undefined),
    write: (value) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set('rescue', JSON.stringify(value));
    },
    clear: () => void data.delete('rescue'),
  };
}

type Edit = { kind: 'caption'; text: string } | { kind: 'type'; text: string } | { kind: 'add' } | { kind: 'move'; index: number; cx: number } | { kind: 'delete'; index: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('caption' as const), text: fc.string({ unit: 'grapheme', maxLength: 30 }) }),
  fc.record({ kind: fc.constant('type' as const), text: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('add' as const) }),
  fc.record({ kind: fc.constant('move' as const), index: fc.nat(10), cx: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('delete' as const), index: fc.nat(10) }),
);

let nextId = 0;
function apply(step: Edit): void {
  const blobs = getDocument().blobs;
  switch (step.kind) {
    case 'caption':
      return applyEdit(setCaption(step.text));
    case 'type':
      return applyCoalescedEdit('caption', setCaption(getDocument().caption + step.text));
    case 'add':
      return applyEdit(addBlob({ id: `f${String(nextId++)}`, cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: 'x' }));
    case 'move': {
      const blob = blobs[step.index % Math.max(1, blobs.length)];
      return blob ? applyEdit(updateBlob(blob.id, { cx: step.cx })) : undefined;
    }
    case 'delete': {
      const blob = blobs[step.index % Math.max(1, blobs.length)];
      return blob ? applyEdit(removeBlob(blob.id)) : undefined;
    }
  }
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('edit/reload fuzz', () => {
  it(`${String(RUNS)} random edit sequences, each cut by a reload or a closed tab: 0 corrupt loads, ≤ ${String(MAX_LOSS_MS)} ms lost`, async () => {
    let corrupt = 0;
    let worstLossMs = 0;
    let worstWithRescueMs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ wait: fc.integer({ min: 0, max: 700 }), step: edit }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 800 }),
        fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.constantFrom('reload', 'closed tab'),
        async (steps, tail, latencies, localStorageFull, _ending) => {
          const idb = new Map<string, unknown>();
          const local = new Map<string, string>();
          resetDocument({ caption: '', blobs: [] });
          const page = pageStorage(idb, latencies);
          const window = new EventTarget();
          const handle = startAutosave({ storage: page.storage, codec: storedDocumentCodec, eventTarget: window, rescue: localStorageLike(local, localStorageFull) });
          const history: { at: number; json: string }[] = [{ at: 0, json: JSON.stringify(getDocument()) }];
          let now = 0;
          for (const { wait, step } of steps) {
            await vi.advanceTimersByTimeAsync(wait);
            now += wait;
            apply(step);
            history.push({ at: now, json: JSON.stringify(getDocument()) });
          }
          await vi.advanceTimersByTimeAsync(tail);
          now += tail;
          // A reload and a closed tab both fire pagehide; then the page and its pending writes are gone.
          window.dispatchEvent(new Event('pagehide'));
          page.kill();
          handle.stop();
          await vi.runAllTimersAsync();

          const outcome = await loadStoredDocument({ get: (key) => Promise.resolve(idb.get(key)), set: () => Promise.resolve() }, storedDocumentCodec, localStorageLike(local, localStorageFull));
          if (outcome.kind === 'problem' || (outcome.kind === 'loaded' && !layoutBodySchema.safeParse(outcome.document).success)) {
            corrupt++;
            return false;
          }
          const loaded = JSON.stringify(outcome.kind === 'loaded' ? outcome.document : { caption: '', blobs: [] });
          // The newest state that came back; every edit after it was lost.
          let matched = -1;
          for (let i = history.length - 1; i >= 0; i--) {
            if (history[i]?.json === loaded) {
              matched = i;
              break;
            }
          }
          expect(matched).toBeGreaterThanOrEqual(0);
          const firstLost = history[matched + 1];
          const lossMs = firstLost ? now - firstLost.at : 0;
          worstLossMs = Math.max(worstLossMs, lossMs);
          if (!localStorageFull) worstWithRescueMs = Math.max(worstWithRescueMs, lossMs);
          return lossMs <= MAX_LOSS_MS;
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`edit/reload fuzz: ${String(RUNS)} sequences, ${String(corrupt)} corrupt loads, worst loss ${String(worstLossMs)} ms (localStorage full), ${String(worstWithRescueMs)} ms (with the rescue copy)`);
    expect(corrupt).toBe(0);
  });
});
