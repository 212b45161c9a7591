/**
 * 1,000 fuzzed messages from the (allowed) host page into the widget: random kinds, payloads,
 * ids and sizes, wrong versions, non-objects, binary data. Nothing may crash or throw uncaught in
 * either frame, the layout must not change, and the widget must still generate afterwards.
 * Messages are drawn with fast-check from a fixed seed (reproducible).
 */
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { validateLayoutBody } from '../src/layout/layoutValidation';
import { COMMAND_KINDS, parseCommand } from '../src/embed/protocol/commands';
import { ALLOWED_HOST_ORIGIN } from './support/embedHostOrigin';
import { serveEmbedHost } from './support/serveEmbedHost';
import { hostGetLayout, mountWidget, openHost, watchErrors } from './support/embedWidget';
import { LAYOUT } from './support/studioGeneration';

test.setTimeout(600_000);

const FUZZ_SEED = 17;
const MESSAGE_COUNT = 1000;

const site = serveEmbedHost();

/** Messages the page builds itself (binary data and very large values do not travel well through page.evaluate). */
type Special = { special: 'arraybuffer' | 'blob' | 'hugeString' | 'hugeArray' | 'deep'; size: number; kind: string };

const anyKind = fc.oneof(
  fc.constantFrom(...COMMAND_KINDS, 'ready', 'reply', 'result', 'error', 'destroy', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'GENERATE', 'setlayout'),
  fc.string({ maxLength: 80 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const anyVersion = fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, fc.constantFrom(0, 2, -1, 1.5, '1', 'one', null, true, [1], { v: 1 }, 1e308), fc.jsonValue({ maxDepth: 1 }));
const anyId = fc.option(fc.oneof(fc.nat(), fc.string({ maxLength: 100 }), fc.constantFrom(-1, 1.5, '', null, { id: 1 }, [1], 2 ** 60)), { nil: undefined });
const blobish = fc.record(
  { id: fc.oneof(fc.string({ maxLength: 80 }), fc.nat()), cx: fc.double(), cy: fc.double(), a: fc.double(), b: fc.double(), theta: fc.double(), description: fc.string({ maxLength: 600 }) },
  { requiredKeys: [] },
);
const layoutish = fc.oneof(
  fc.record({ caption: fc.oneof(fc.string({ maxLength: 600 }), fc.jsonValue({ maxDepth: 1 })), blobs: fc.oneof(fc.array(blobish, { maxLength: 70 }), fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] }),
  fc.jsonValue({ maxDepth: 3 }),
);
const anyPayload = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ layout: layoutish }),
  fc.record({ seed: fc.jsonValue({ maxDepth: 1 }), steps: fc.oneof(fc.integer(), fc.double(), fc.string()), guidance: fc.double() }, { requiredKeys: [] }),
  fc.constant(undefined),
);
const envelope = fc.record({ blobgen: anyVersion, kind: anyKind, id: anyId, payload: anyPayload }, { requiredKeys: ['blobgen'] });
const special: fc.Arbitrary<Special> = fc.record({
  special: fc.constantFrom('arraybuffer', 'blob', 'hugeString', 'hugeArray', 'deep'),
  size: fc.constantFrom(1, 1_000, 100_000, 2_000_000),
  kind: fc.constantFrom(...COMMAND_KINDS),
});
const message = fc.oneof(
  { weight: 8, arbitrary: envelope },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: special.map((s) => ({ __special: s })) },
);

/**
 * A fuzzed message that happens to be a valid state-changing command (a well-formed setLayout, or
 * a generate) is turned into a wrong-version one: the test is about hostile input, and a valid
 * command is allowed to change the layout or start a generation. The real parser decides.
 */
function neutralise(candidate: unknown): unknown {
  const parsed = parseCommand(candidate);
  if (parsed.outcome !== 'command') return candidate;
  const { kind, payload } = parsed.command;
  const changesState = kind === 'generate' || (kind === 'setLayout' && validateLayoutBody((payload as { layout: unknown }).layout).ok);
  return changesState ? { ...(candidate as object), blobgen: 2 } : candidate;
}

test('1,000 fuzzed messages: no crash, no uncaught error in either frame, layout unchanged, and a generate afterwards works', async ({ page }) => {
  const messages = fc.sample(message, { seed: FUZZ_SEED, numRuns: MESSAGE_COUNT }).map(neutralise);
  expect(messages).toHaveLength(MESSAGE_COUNT);
  const wrongVersions = messages.filter((m) => typeof m === 'object' && m !== null && 'blobgen' in m && (m as { blobgen: unknown }).blobgen !== 1).length;
  console.log(`fuzz: ${String(messages.length)} messages (seed ${String(FUZZ_SEED)}), ${String(wrongVersions)} with a wrong version`);

  await openHost(page, ALLOWED_HOST_ORIGIN);
  expect(await mountWidget(page, { layout: LAYOUT })).toMatchObject({ ok: true });
  const errors = await watchErrors(page);
  const before = await hostGetLayout(page);
  expect(before).toEqual({ caption: LAYOUT.caption, blobs: LAYOUT.blobs });

  const answers = await page.evaluate(
    async ({ app, messages }) => {
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="BlobGEN layout widget"]')?.contentWindow;
      if (!frame) throw new Error('no widget frame');
      const got: { kind: string; id?: unknown; name?: string; message?: string }[] = [];
      window.addEventListener('message', (event) => {
        if (event.source !== frame) return;
        const d = event.data as { kind: string; id?: unknown; payload?: { name?: string; message?: string } };
        if (d.kind !== 'resize') got.push({ kind: d.kind, id: d.id, name: d.payload?.name, message: d.payload?.message });
      });
      const build = (s: { special: string; size: number; kind: string }): unknown => {
        const payload =
          s.special === 'arraybuffer'
            ? new ArrayBuffer(s.size)
            : s.special === 'blob'
              ? new Blob([new Uint8Array(s.size)])
              : s.special === 'hugeString'
                ? 'x'.repeat(s.size)
                : s.special === 'hugeArray'
                  ? Array.from({ length: Math.min(s.size, 200_000) }, (_, i) => ({ cx: i }))
                  : JSON.parse('{"a":'.repeat(Math.min(s.size, 300)) + '1' + '}'.repeat(Math.min(s.size, 300)));
        return { blobgen: 1, kind: s.kind, id: `special-${s.special}-${String(s.size)}`, payload: s.kind === 'setLayout' ? { layout: payload } : payload };
      };
      for (const m of messages) {
        const special = typeof m === 'object' && m !== null && '__special' in m ? (m as { __special: { special: string; size: number; kind: string } }).__special : null;
        frame.postMessage(special ? build(special) : m, app);
      }
      // Wait until the widget has gone quiet (no answer for a second).
      let seen = -1;
      while (seen !== got.length) {
        seen = got.length;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      return got;
    },
    { app: site.appOrigin, messages },
  );

  const byKind = answers.reduce<Record<string, number>>((acc, a) => ({ ...acc, [a.kind]: (acc[a.kind] ?? 0) + 1 }), {});
  console.log(`fuzz: answers by kind ${JSON.stringify(byKind)}`);
  expect(answers.length).toBeGreaterThan(500);
  // Every refusal is typed with the engine's error name and says what is supported.
  const refusals = answers.filter((a) => a.kind === 'error');
  expect(refusals.length).toBeGreaterThan(400);
  expect(new Set(refusals.map((r) => r.name))).toEqual(new Set(['InvalidRequestError']));
  expect(refusals.filter((r) => /not supported; this widget speaks version 1/.test(r.message ?? '')).length).toBeGreaterThan(50);
  expect(refusals.filter((r) => /supports hello, getLayout, setLayout, generate, cancel/.test(r.message ?? '')).length).toBeGreaterThan(50);
  expect(answers.filter((a) => a.kind === 'result' || a.kind === 'layoutchange')).toEqual([]);

  expect(await hostGetLayout(page)).toEqual(before);
  expect(await errors()).toEqual([]);

  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { __widget: { generate(o: unknown): Promise<{ png: Blob; width: number; height: number }> } }).__widget.generate({ seed: 3, steps: 2 });
    return { type: r.png.type, size: r.png.size, width: r.width, height: r.height };
  });
  expect(result).toMatchObject({ type: 'image/png', width: 64, height: 64 });
  expect(result.size).toBeGreaterThan(100);
  expect(await errors()).toEqual([]);
});
