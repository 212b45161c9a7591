import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SegmentTokenizer } from '../engine/segmentTokens';
import { parseManifest } from '../runtime/pack/manifestSchema';
import { describePack } from './packDescription';

const packRoot = new URL('../../', import.meta.url);
const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, packRoot), 'utf8'));
const describeFolder = (folder: string) => describePack(parseManifest(readJson(`${folder}/manifest.json`)), { stub: true });

describe('describePack', () => {
  it('an SD-1.x pack: CLIP framing with its own pad id, negative caption, CFG, its samplers, TAESD previews', () => {
    const d = describeFolder('test-packs/sd1-tiny');
    expect(d.tokenizer).toMatchObject({ maxTokens: 77, framing: { kind: 'clip', bosTokenId: 49406, eosTokenId: 49407, padTokenId: 49407 } });
    expect(d.conditioning).toEqual({ mode: 'training-free', negativeCaption: true, guidance: 'cfg' });
    expect(d.samplers).toEqual(['dpmpp-2m-karras', 'euler', 'euler-ancestral', 'dpmpp-2m', 'ddim']);
    expect(d.defaults).toEqual({ steps: 25, guidance: 7.5, sampler: 'dpmpp-2m-karras' });
    expect(d.image).toEqual({ width: 128, height: 128 });
    expect(d.previewDecoder).toBe(true);
  });

  it('an SD-2.x pack pads with 0; an LCM pack has no negative caption and takes guidance as an embedding', () => {
    expect(describeFolder('test-packs/sd2-tiny').tokenizer.framing).toEqual({ kind: 'clip', bosTokenId: 49406, eosTokenId: 49407, padTokenId: 0 });
    const lcm = describeFolder('test-packs/lcm-tiny');
    expect(lcm.conditioning).toEqual({ mode: 'training-free', negativeCaption: false, guidance: 'embedding' });
    expect(lcm.samplers).toEqual(['lcm']);
    expect(lcm.previewDecoder).toBe(false);
  });

  it('a pack without CFG and without a guidance embedding (SD-Turbo) does not use guidance', () => {
    const manifest = readJson('test-packs/sd2-tiny/manifest.json') as { conditioning: Record<string, unknown>; scheduler: Record<string, unknown> };
    const turbo = { ...manifest, conditioning: { ...manifest.conditioning, classifierFreeGuidance: false, negativeCaption: false }, scheduler: { ...manifest.scheduler, type: 'euler', samplers: ['euler'], timestepSpacing: 'trailing' } };
    expect(describePack(parseManifest(turbo), {}).conditioning.guidance).toBe('none');
  });

  it('our trained pack keeps the [CLS] framing and every sampler but LCM', () => {
    const d = describeFolder('public/models/blobgen-tiny-shapes');
    expect(d.tokenizer.framing).toEqual({ kind: 'cls' });
    expect(d.conditioning).toEqual({ mode: 'trained-blob', negativeCaption: false, guidance: 'cfg' });
    expect(d.samplers).not.toContain('lcm');
    expect(d.samplers[0]).toBe(d.defaults.sampler);
    // What it can paint, for the layout assistant's prompt and the editor's placeholders.
    const manifest = readJson('public/models/blobgen-tiny-shapes/manifest.json') as { domain: { summary: string } };
    expect(d.summary).toBe(manifest.domain.summary);
    expect(d.maxBlobs).toBe(6);
  });

  it('the described framing builds the engine tokenizer that cuts a long caption at 75 word tokens', () => {
    const d = describePack(parseManifest(readJson('test-packs/sd1-tiny/manifest.json')), readJson('test-packs/sd1-tiny/tokenizer.json') as object);
    const tokenizer = new SegmentTokenizer(d.tokenizer.vocabulary, d.tokenizer.maxTokens, d.tokenizer.framing);
    const long = Array.from({ length: 90 }, (_, i) => `word${i % 10}`).join(' ');
    const cut = tokenizer.cut(long);
    expect(tokenizer.wordBudget).toBe(75);
    expect(cut.wordTokens).toBeGreaterThan(75);
    expect(cut.keptWordTokens).toBe(75);
    expect(tokenizer.wordIds(long.slice(0, cut.keptChars)).length).toBeLessThanOrEqual(75);
  });
});
