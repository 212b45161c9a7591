/**
 * The prompts of the paper's two-stage in-context layout generation (BlobGEN §2.3, App. A.3):
 * stage 1 asks for one ellipse per object in the CSS-like format on a 512×512 canvas, stage 2
 * for one description per object; both show shipped examples (the most similar by caption). A
 * closed-vocabulary pack adds its words. docs/llm-layouts.md prints these prompts.
 */
import { LLM_CANVAS_SIZE } from '../layout/llmFormat';
import { MAX_BLOBS } from '../layout/limits';
import type { ChatMessage } from './chatCompletionClient';
import { retrieveExamples } from './exampleRetrieval';
import { IN_CONTEXT_EXAMPLES, type ExampleObject, type LayoutExample } from './inContextExamples';
import type { PackVocabulary } from './packVocabulary';

/** First line of each stage's prompt (also how a scripted test server tells the stages apart). */
export const STAGE1_HEADING = 'Stage 1 of 2: object layout.';
export const STAGE2_HEADING = 'Stage 2 of 2: object descriptions.';
export const COPY_PROMPT_HEADING = 'Image layout in two parts: objects, then descriptions.';

export const SYSTEM_PROMPT = 'You plan the layout of images for an image generator. You answer only in the exact line format you are asked for.';

/** How many shipped examples a prompt shows. */
export const EXAMPLES_PER_PROMPT = 4;

export const FORMAT_LINE = 'name {major-radius: ?px; minor-radius: ?px; cx: ?px; cy: ?px; angle: ?}';

const size = String(LLM_CANVAS_SIZE);

export function objectLine(object: ExampleObject): string {
  return `${object.name} {major-radius: ${String(object.majorRadius)}px; minor-radius: ${String(object.minorRadius)}px; cx: ${String(object.cx)}px; cy: ${String(object.cy)}px; angle: ${String(object.angle)}}`;
}

export function descriptionLine(object: ExampleObject): string {
  return `${object.name} {${object.description}}`;
}

/** Everything about a prompt except the caption's own text. */
export interface PromptContext {
  vocabulary?: PackVocabulary | undefined;
  /** Shipped examples by default; a test or a pack could bring its own. */
  examples?: readonly LayoutExample[];
  /** false: always the first EXAMPLES_PER_PROMPT examples (no retrieval). */
  retrieve?: boolean;
  maxObjects?: number;
}

function wordsOf(sentence: string): string[] {
  return sentence.toLowerCase().match(/\p{L}[\p{L}'-]*/gu) ?? [];
}

/** For a closed vocabulary, only examples whose descriptions it can say (so the model copies usable words). */
export function usableExamples(examples: readonly LayoutExample[], vocabulary: PackVocabulary | undefined): readonly LayoutExample[] {
  if (!vocabulary) return examples;
  const known = new Set(vocabulary.words);
  const usable = examples.filter((example) => example.objects.every((object) => wordsOf(object.description).every((w) => known.has(w))));
  return usable.length > 0 ? usable : examples;
}

export function chooseExamples(caption: string, context: PromptContext): LayoutExample[] {
  const pool = usableExamples(context.examples ?? IN_CONTEXT_EXAMPLES, context.vocabulary);
  if (context.retrieve === false) return pool.slice(0, EXAMPLES_PER_PROMPT);
  return retrieveExamples(caption, pool, EXAMPLES_PER_PROMPT);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function maxObjects(context: PromptContext): number {
  return Math.min(context.maxObjects ?? context.vocabulary?.maxObjects ?? MAX_BLOBS, MAX_BLOBS);
}

function layoutRules(context: PromptContext): string[] {
  return [
    `The image is a ${size}×${size} canvas: x grows to the right, y grows downwards, (0, 0) is the top-left corner.`,
    'Describe each object of the caption as an ellipse, one line per object, exactly in this format:',
    FORMAT_LINE,
    '- major-radius and minor-radius: the semi-axes of the ellipse in integer px, major-radius at least minor-radius;',
    `- cx and cy: the centre of the ellipse in integer px, between 0 and ${size};`,
    '- angle: the direction of the major axis in integer degrees from 0 to 180 (0 = horizontal, 90 = vertical);',
    '- prefer large objects: together they should cover most of the image;',
    `- at most ${String(maxObjects(context))} objects; objects behind others first, objects in front last.`,
  ];
}

function domainLines(vocabulary: PackVocabulary | undefined): string[] {
  if (!vocabulary || vocabulary.summary === '') return [];
  return [`About the image generator (draw only what it can make): ${oneLine(vocabulary.summary)}`];
}

function vocabularyLines(vocabulary: PackVocabulary | undefined): string[] {
  if (!vocabulary) return [];
  return [
    `The image generator (${vocabulary.packName}) knows only the words listed here; it ignores every other word. Write every description with these words only.`,
    ...(vocabulary.colours.length > 0 ? [`Colours: ${vocabulary.colours.join(', ')}. Give every object one of these colours.`] : []),
    `Words: ${vocabulary.words.join(', ')}.`,
  ];
}

/** The stage-1 request text (the one "Edit prompt first" shows). */
export function buildStage1Prompt(caption: string, context: PromptContext = {}): string {
  const examples = chooseExamples(caption, context);
  return [
    STAGE1_HEADING,
    'Write the layout of the objects in the image described by the caption.',
    ...layoutRules(context),
    ...domainLines(context.vocabulary),
    'Answer only with the object lines: no explanations and no other text.',
    '',
    'Examples:',
    '',
    ...examples.flatMap((example) => [`Caption: ${example.caption}`, ...example.objects.map(objectLine), '']),
    `Caption: ${oneLine(caption)}`,
  ].join('\n');
}

/** The stage-2 request text: the caption, stage 1's accepted lines, and the examples. */
export function buildStage2Prompt(caption: string, layoutLines: readonly string[], context: PromptContext = {}): string {
  const examples = chooseExamples(caption, context);
  return [
    STAGE2_HEADING,
    `Here are the caption of an image and the layout of its objects, one ellipse per line on a ${size}×${size} canvas.`,
    'Write one description per object line, in the same order, one line each, exactly in this format:',
    'name {a short sentence describing the object: its colour, pattern and what it is}',
    ...domainLines(context.vocabulary),
    ...vocabularyLines(context.vocabulary),
    'Answer only with the description lines: no explanations and no other text.',
    '',
    'Examples:',
    '',
    ...examples.flatMap((example) => [
      `Caption: ${example.caption}`,
      'Layout:',
      ...example.objects.map(objectLine),
      'Descriptions:',
      ...example.objects.map(descriptionLine),
      '',
    ]),
    `Caption: ${oneLine(caption)}`,
    'Layout:',
    ...layoutLines,
    'Descriptions:',
  ].join('\n');
}

/** Both stages in one text, for "Copy prompt" into any chat app; the answer is pasted back. */
export function buildCopyPrompt(caption: string, context: PromptContext = {}): string {
  const examples = chooseExamples(caption, context);
  return [
    COPY_PROMPT_HEADING,
    'Write the layout of the objects in the image described by the caption.',
    ...layoutRules(context),
    ...domainLines(context.vocabulary),
    'After all object lines, write one description line per object, in the same order, in this format:',
    'name {a short sentence describing the object: its colour, pattern and what it is}',
    ...vocabularyLines(context.vocabulary),
    'Answer only with the object lines and then the description lines: no explanations and no other text.',
    '',
    'Examples:',
    '',
    ...examples.flatMap((example) => [`Caption: ${example.caption}`, ...example.objects.map(objectLine), ...example.objects.map(descriptionLine), '']),
    `Caption: ${oneLine(caption)}`,
  ].join('\n');
}

export function chatMessages(prompt: string): ChatMessage[] {
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: prompt },
  ];
}
