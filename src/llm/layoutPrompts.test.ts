import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLlmLayout } from '../layout/llmFormat';
import { DEFAULT_PACK_FOLDER, readPackVocabularySource } from '../../scripts/layoutPack';
import { captionSimilarity, retrieveExamples } from './exampleRetrieval';
import { IN_CONTEXT_EXAMPLES } from './inContextExamples';
import { buildCopyPrompt, buildStage1Prompt, buildStage2Prompt, chooseExamples, EXAMPLES_PER_PROMPT, objectLine, STAGE1_HEADING, STAGE2_HEADING, usableExamples } from './layoutPrompts';
import { packVocabulary } from './packVocabulary';

const defaultVocabulary = async () => {
  const vocabulary = packVocabulary(await readPackVocabularySource(DEFAULT_PACK_FOLDER));
  if (!vocabulary) throw new Error('the default pack should have a closed vocabulary');
  return vocabulary;
};

describe("the default pack's own limits in the prompt", () => {
  it("states what the pack paints (its domain summary) and its blob limit, not the app's", async () => {
    const manifest = JSON.parse(readFileSync(`${DEFAULT_PACK_FOLDER}/manifest.json`, 'utf8')) as { domain: { summary: string }; conditioning: { maxBlobs: number } };
    const prompt = buildStage1Prompt('a red ball', { vocabulary: await defaultVocabulary() });
    expect(prompt).toContain(`About the image generator (draw only what it can make): ${manifest.domain.summary}`);
    expect(prompt).toContain(`- at most ${String(manifest.conditioning.maxBlobs)} objects;`);
  });
});

describe('shipped in-context examples', () => {
  it('are valid lines of the paper format: integer px on the 512 canvas, angle in [0, 180]', () => {
    for (const example of IN_CONTEXT_EXAMPLES) {
      for (const object of example.objects) {
        for (const value of [object.majorRadius, object.minorRadius, object.cx, object.cy, object.angle]) expect(Number.isInteger(value)).toBe(true);
        expect(object.angle).toBeGreaterThanOrEqual(0);
        expect(object.angle).toBeLessThanOrEqual(180);
        expect(object.majorRadius).toBeGreaterThanOrEqual(object.minorRadius);
        for (const c of [object.cx, object.cy]) expect(c >= 0 && c <= 512).toBe(true);
      }
      const parsed = parseLlmLayout(example.objects.map(objectLine).join('\n'));
      expect(parsed.rejected).toEqual([]);
      expect(parsed.document.blobs).toHaveLength(example.objects.length);
    }
  });
});

describe('retrieval', () => {
  it('scores shared content words and ignores stop words', () => {
    expect(captionSimilarity('a red ball', 'the red ball')).toBe(1);
    expect(captionSimilarity('a red ball', 'a dog in a park')).toBe(0);
    expect(captionSimilarity('blue stripes', 'striped blue')).toBe(1);
  });

  it('puts the most similar example last and is deterministic on ties', () => {
    const chosen = retrieveExamples('a dog playing with a frisbee', IN_CONTEXT_EXAMPLES, 2);
    expect(chosen.at(-1)?.caption).toMatch(/dog catching a frisbee/);
    expect(retrieveExamples('zzz', IN_CONTEXT_EXAMPLES, 3)).toEqual(retrieveExamples('zzz', IN_CONTEXT_EXAMPLES, 3));
  });
});

describe('stage prompts', () => {
  it('stage 1 states the paper format, the canvas, the angle range and "prefer large objects", then the caption', () => {
    const prompt = buildStage1Prompt('a cat on a sofa');
    expect(prompt.startsWith(STAGE1_HEADING)).toBe(true);
    expect(prompt).toContain('name {major-radius: ?px; minor-radius: ?px; cx: ?px; cy: ?px; angle: ?}');
    expect(prompt).toContain('512×512');
    expect(prompt).toContain('from 0 to 180');
    expect(prompt).toContain('prefer large objects');
    expect(prompt.trimEnd().endsWith('Caption: a cat on a sofa')).toBe(true);
    expect(prompt.match(/^Caption: /gm)).toHaveLength(EXAMPLES_PER_PROMPT + 1);
    // Open vocabulary: no word list.
    expect(prompt).not.toContain('Words:');
  });

  it('stage 2 shows the layout lines it describes and asks for one description each', () => {
    const lines = ['cat {major-radius: 90px; minor-radius: 50px; cx: 230px; cy: 290px; angle: 170}'];
    const prompt = buildStage2Prompt('a cat on a sofa', lines);
    expect(prompt.startsWith(STAGE2_HEADING)).toBe(true);
    expect(prompt.trimEnd().endsWith(`Layout:\n${lines[0] ?? ''}\nDescriptions:`)).toBe(true);
    expect(prompt).toContain('name {a short sentence');
  });

  it('for the default (closed-vocabulary) pack, lists its colours and words and shows only examples it can say', async () => {
    const vocabulary = await defaultVocabulary();
    expect(vocabulary.colours).toContain('red');
    for (const word of ['striped', 'dotted', 'checkered', 'oval', 'background']) expect(vocabulary.words).toContain(word);
    expect(vocabulary.words.some((w) => w.startsWith('[') || w.startsWith('#'))).toBe(false);

    const stage2 = buildStage2Prompt('a red ball', [], { vocabulary });
    expect(stage2).toContain(`Colours: ${vocabulary.colours.join(', ')}.`);
    expect(stage2).toContain(`Words: ${vocabulary.words.join(', ')}.`);
    const known = new Set(vocabulary.words);
    for (const example of chooseExamples('a red ball', { vocabulary })) {
      for (const object of example.objects) for (const w of object.description.split(' ')) expect(known.has(w)).toBe(true);
    }
    expect(usableExamples(IN_CONTEXT_EXAMPLES, vocabulary).length).toBeLessThan(IN_CONTEXT_EXAMPLES.length);
    expect(buildCopyPrompt('a red ball', { vocabulary })).toContain(`Words: ${vocabulary.words.join(', ')}.`);
  });
});
