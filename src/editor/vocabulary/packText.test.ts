/**
 * The default pack's shipped text (examples, placeholders) checked against the pack's own files:
 * every word must be one its tokenizer knows. And open-vocabulary packs get no marks and no menu.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { captionPlaceholder, descriptionPlaceholder } from '../../layout/examples/packPlaceholders';
import { packExamples } from '../../layout/examples/packExamples';
import { parseLayoutJsonValue } from '../../layout/layoutJson';
import { findUnknownWords } from '../../layout/vocabularyCheck';
import { packVocabulary, type PackVocabulary } from '../../llm/packVocabulary';

const folder = 'public/models/blobgen-tiny-shapes';
const manifest = JSON.parse(readFileSync(`${folder}/manifest.json`, 'utf8')) as {
  name: string;
  description: string;
  domain: { summary: string; colors: { name: string; rgb: number[] }[] };
};
const tokenizerJson = JSON.parse(readFileSync(`${folder}/tokenizer.json`, 'utf8')) as object;

function defaultPack(): PackVocabulary {
  const vocabulary = packVocabulary({
    name: manifest.name,
    description: manifest.description,
    summary: manifest.domain.summary,
    tokenizer: { vocabulary: tokenizerJson, framing: { kind: 'cls' } },
    colours: Object.fromEntries(manifest.domain.colors.map((c) => [c.name, c.rgb])),
  });
  if (!vocabulary) throw new Error('the default pack should have a closed vocabulary');
  return vocabulary;
}

/** The text between “ and ” in a placeholder: the part that suggests what to type. */
function quoted(placeholder: string): string {
  const match = /“([^”]+)”/.exec(placeholder);
  if (!match?.[1]) throw new Error(`no quoted example in ${placeholder}`);
  return match[1];
}

describe('the default pack’s examples', () => {
  const pack = defaultPack();
  const examples = packExamples(pack.packName);

  it('ships a few, each a valid layout with no repairs', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      const result = parseLayoutJsonValue(example.layout);
      expect(result.ok, example.id).toBe(true);
      if (!result.ok) continue;
      expect(result.warnings, example.id).toEqual([]);
      expect(result.document.blobs.length).toBeGreaterThan(0);
      expect(result.document.caption).toBe(example.sampleCaption);
      expect(result.document.blobs.map((blob) => blob.description)).toContain(example.sampleDescription);
    }
  });

  it('uses only words the pack’s tokenizer knows, and colours it has', () => {
    for (const example of examples) {
      const result = parseLayoutJsonValue(example.layout);
      if (!result.ok) throw new Error(example.id);
      for (const text of [result.document.caption, ...result.document.blobs.map((blob) => blob.description)]) {
        expect(findUnknownWords(text, pack), text).toEqual([]);
        expect(pack.colours.some((colour) => text.split(/\W+/).includes(colour)), text).toBe(true);
      }
    }
  });
});

describe('placeholders', () => {
  it('quote only words the default pack knows', () => {
    const pack = defaultPack();
    for (const placeholder of [captionPlaceholder(pack), descriptionPlaceholder(pack)]) {
      expect(findUnknownWords(quoted(placeholder), pack), placeholder).toEqual([]);
    }
    // The old hint is exactly what this guards against.
    expect(findUnknownWords('a cosy living room at dusk', pack).map((mark) => mark.word)).toEqual(['cosy', 'living', 'room', 'dusk']);
  });

  it('name the words of a closed pack that ships no examples', () => {
    const pack = { ...defaultPack(), packName: 'some-other-pack' };
    expect(packExamples(pack.packName)).toEqual([]);
    expect(captionPlaceholder(pack)).toContain('in words some-other-pack knows (red, orange, yellow, green, …)');
  });

  it('stay plain English with no word list (before the pack is known), and even then suit the default pack', () => {
    expect(findUnknownWords(quoted(captionPlaceholder(undefined)), defaultPack())).toEqual([]);
    expect(descriptionPlaceholder(undefined)).toBe('What this region shows: colour, texture, style, object');
  });
});

describe('open-vocabulary (CLIP) packs', () => {
  it('have no word list, so nothing is marked and no examples are offered', () => {
    const clip = packVocabulary({
      name: 'sd-turbo',
      tokenizer: { vocabulary: tokenizerJson, framing: { kind: 'clip' } },
    });
    expect(clip).toBeUndefined();
    expect(findUnknownWords('a grey ball', clip)).toEqual([]);
    expect(packExamples('sd-turbo')).toEqual([]);
  });
});
