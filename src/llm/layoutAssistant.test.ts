/**
 * Caption → two stages → layout, against the scripted local server: every scripted answer, both
 * transports, and what the requests carry (the paper's format; the default pack's vocabulary).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_CAPTION, SCRIPTS, startFakeChatServer, type FakeChatServer } from '../../e2e/support/fakeChatServer';
import { DEFAULT_PACK_FOLDER, readPackVocabularySource } from '../../scripts/layoutPack';
import { parseLayoutJson, serializeLayoutJson } from '../layout/layoutJson';
import { LLM_CANVAS_SIZE } from '../layout/llmFormat';
import { MAX_CENTER, MAX_RADIUS } from '../layout/limits';
import { parseEndpointConfig, type EndpointConfig } from './endpointConfig';
import { suggestLayout, type SuggestProgress } from './layoutAssistant';
import { STAGE1_HEADING, STAGE2_HEADING } from './layoutPrompts';
import { packVocabulary, type PackVocabulary } from './packVocabulary';

let server: FakeChatServer;
let vocabulary: PackVocabulary | undefined;

beforeAll(async () => {
  server = await startFakeChatServer();
  vocabulary = packVocabulary(await readPackVocabularySource(DEFAULT_PACK_FOLDER));
});
afterAll(() => server.close());

function config(model: string): EndpointConfig {
  const result = parseEndpointConfig({ baseUrl: server.baseUrl, model, timeoutMs: 20_000 });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.config;
}

const px = (n: number) => n / LLM_CANVAS_SIZE;

describe.each([true, false])('suggestLayout (stream: %s)', (stream) => {
  it('good answer: three blobs with the scripted geometry and descriptions, nothing rejected', async () => {
    const outcome = await suggestLayout({ config: config('good'), caption: SCRIPT_CAPTION, context: { vocabulary }, stream });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { document, rejected, notes } = outcome.layout;
    expect(rejected).toEqual([]);
    expect(notes).toEqual([]);
    expect(document.caption).toBe(SCRIPT_CAPTION);
    expect(document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval with yellow stripes', 'a green spot with white dots']);
    const [ball, oval, spot] = document.blobs;
    expect([ball?.cx, ball?.cy, ball?.a, ball?.b, ball?.theta]).toEqual([px(150), px(300), px(120), px(110), 0]);
    expect(oval?.theta).toBeCloseTo((30 * Math.PI) / 180, 12);
    expect(spot?.theta).toBeCloseTo((150 * Math.PI) / 180, 12);
    // The result is Layout JSON that the codec (and so `npm run generate`) accepts unchanged.
    const reread = parseLayoutJson(serializeLayoutJson(document));
    expect(reread.ok && reread.warnings).toEqual([]);
  });

  it('malformed lines: usable ones kept, the rest listed with the reason, clamps and angle noted', async () => {
    const outcome = await suggestLayout({ config: config('malformed'), caption: SCRIPT_CAPTION, stream });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { document, rejected, notes } = outcome.layout;
    expect(document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a brown patch with yellow dots']);
    expect(rejected.map((r) => [r.part, r.line])).toEqual([
      [1, 2],
      [1, 3],
      [1, 4],
    ]);
    expect(rejected[0]?.reason).toMatch(/major-radius: must be a number of px, got "big"/);
    expect(rejected[1]?.reason).toMatch(/missing cx/);
    expect(rejected[2]?.reason).toMatch(/no \{…\}/);
    const patch = document.blobs[1];
    expect(patch?.a).toBe(MAX_RADIUS);
    expect(patch?.cx).toBe(MAX_CENTER);
    expect(notes.join('\n')).toMatch(/answer 1, line 5: angle 270 is outside 0–180; it is the same ellipse as angle 90/);
    expect(notes.join('\n')).toMatch(/answer 1, line 5: major-radius 900px is outside the editable range; changed to 768px/);
    // Stage 2 was shown only the usable lines.
    const stage2 = outcome.transcript.stage2Prompt ?? '';
    expect(stage2).toContain('Layout:\nball {major-radius: 120px');
    expect(stage2).not.toContain('major-radius: big');
  });

  it('extra prose, fences and bullets around the lines are ignored', async () => {
    const outcome = await suggestLayout({ config: config('prose'), caption: SCRIPT_CAPTION, stream });
    expect(outcome.ok && outcome.layout.document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval with yellow stripes']);
    expect(outcome.ok && outcome.layout.rejected).toEqual([]);
  });

  it('fewer descriptions than objects: the last object keeps its name, with a note', async () => {
    const outcome = await suggestLayout({ config: config('fewer'), caption: SCRIPT_CAPTION, stream });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.layout.document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval with yellow stripes', 'spot']);
    expect(outcome.layout.notes.join('\n')).toMatch(/2 description\(s\) for 3 objects/);
  });

  it('a stream cut in stage 2 is an error; the partial layout is offered, not applied', async () => {
    const outcome = await suggestLayout({ config: config('drop-stage2'), caption: SCRIPT_CAPTION, stream });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.stage).toBe(2);
    expect(outcome.error.kind).toBe('stream-cut');
    expect(outcome.partial.document.blobs).toHaveLength(3);
    // Streaming delivered the first description before the cut; a cut JSON body delivers none.
    expect(outcome.partial.document.blobs[0]?.description).toBe(stream ? 'a red ball' : 'ball');
  });
});

describe('streaming previews', () => {
  it('grow line by line and never contain a half-arrived line', async () => {
    const previews: SuggestProgress[] = [];
    // `gated` holds the answer after two lines until we have seen them.
    await suggestLayout({
      config: config('gated'),
      caption: SCRIPT_CAPTION,
      onProgress: (p) => {
        previews.push(p);
        if (p.preview.document.blobs.length === 2) server.openGate();
      },
    });
    const stage1Counts = previews.filter((p) => p.stage === 1).map((p) => p.preview.document.blobs.length);
    expect(stage1Counts).toContain(2);
    expect(stage1Counts.at(-1)).toBe(3);
    for (let i = 1; i < stage1Counts.length; i++) expect(stage1Counts[i]).toBeGreaterThanOrEqual(stage1Counts[i - 1] ?? 0);
    for (const p of previews) expect(p.preview.rejected).toEqual([]);
    expect(previews.some((p) => p.stage === 2)).toBe(true);
  });

  it('a stream dropped in stage 1 leaves the one complete line as the partial layout', async () => {
    const outcome = await suggestLayout({ config: config('drop'), caption: SCRIPT_CAPTION });
    expect(!outcome.ok && outcome.stage).toBe(1);
    expect(!outcome.ok && outcome.partial.document.blobs.length).toBe(1);
  });
});

describe('what the requests carry', () => {
  it('the paper format in stage 1, the layout in stage 2, and for the default pack its vocabulary', async () => {
    if (!vocabulary) throw new Error('the default pack has a closed vocabulary');
    const before = server.chatRequests().length;
    await suggestLayout({ config: config('good'), caption: SCRIPT_CAPTION, context: { vocabulary } });
    const [stage1, stage2] = server.chatRequests().slice(before).map((r) => r.body?.messages?.at(-1)?.content ?? '');
    expect(stage1?.startsWith(STAGE1_HEADING)).toBe(true);
    expect(stage1).toContain('{major-radius: ?px; minor-radius: ?px; cx: ?px; cy: ?px; angle: ?}');
    expect(stage1).toMatch(/512×512/);
    expect(stage1).toContain(`Caption: ${SCRIPT_CAPTION}`);
    expect(stage2?.startsWith(STAGE2_HEADING)).toBe(true);
    expect(stage2).toContain(`Layout:\n${SCRIPTS.good?.stage1 ?? ''}\nDescriptions:`);
    expect(stage2).toContain(`Colours: ${vocabulary.colours.join(', ')}.`);
    expect(stage2).toContain(`Words: ${vocabulary.words.join(', ')}.`);
  });

  it('an edited stage-1 prompt is sent as edited', async () => {
    const before = server.chatRequests().length;
    await suggestLayout({ config: config('good'), caption: SCRIPT_CAPTION, stage1Prompt: `${STAGE1_HEADING}\nmy own words` });
    expect(server.chatRequests()[before]?.body?.messages?.at(-1)?.content).toBe(`${STAGE1_HEADING}\nmy own words`);
  });
});
