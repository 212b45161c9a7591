/**
 * The paper's LLM layout format (docs/architecture.md §2), read and written so that layouts can be pasted
 * from (or handed to) any LLM:
 *
 *   caption: a red ball on a blue background
 *   object {major-radius: 102px; minor-radius: 51px; cx: 256px; cy: 256px; angle: 0}
 *   object {a red ball}
 *
 * Mapping (512×512 canvas, y down, like the normalised document):
 *   major-radius = a·512, minor-radius = b·512, cx = cx·512, cy = cy·512 (integer px on write,
 *   any number on read); angle = theta in degrees, the same sign: positive turns the major axis
 *   from +x (right) towards +y (down), i.e. clockwise on screen. Written in (−180, 180].
 *   "major" and "minor" are taken literally as a and b (a is along the angle), even when a < b:
 *   that keeps the ellipse *and* the editor's handles identical through a round trip.
 *
 * Pairing: blob-parameter lines and description lines are matched by order (the i-th
 * description describes the i-th blob), which covers both the paper's "all parameter lines, then
 * all description lines" and interleaved output. The object's name ("dog {…}") is not stored:
 * it only stands in for a missing description. We write the generic name `object`.
 *
 * Caption: a line `caption: …` (our convention; `caption {…}` and `Caption: "…"`, as the paper
 * prints captions, also read). The paper passes the caption separately, so a layout without one
 * gets an empty caption.
 *
 * Lossy by design: line breaks in captions and descriptions become spaces; ids are new on read;
 * hidden/locked flags are not part of the format. Per-blob weights (Layout JSON v2) travel as our
 * extension fields of the parameter line, only when set (llmFormatLines.ts).
 */
import { newBlobId } from './blobId';
import { clampBlob, normalizeAngle } from './geometry';
import { checkImportSize } from './importSize';
import { MAX_BLOBS, MAX_CAPTION_LENGTH, MAX_DESCRIPTION_LENGTH } from './limits';
import { repairBlobWeights } from './blobWeightsRepair';
import { LLM_CANVAS_SIZE, parseLlmLine, type BlobParamsLine } from './llmFormatLines';
import { firstCodePoints, hasLoneSurrogate, textLength } from './textUnits';
import type { Blob, LayoutDocument } from './types';

export { LLM_CANVAS_SIZE } from './llmFormatLines';

export interface LlmRejectedLine {
  /** 1-based line number in the pasted text; 0 means the whole text. */
  line: number;
  /** The line as pasted (cut to 200 characters). */
  text: string;
  reason: string;
}

export interface LlmLayoutParseResult {
  /** Everything that could be read; empty when nothing could. */
  document: LayoutDocument;
  rejected: LlmRejectedLine[];
  warnings: string[];
}

const GENERIC_NAMES = new Set(['', 'object', 'blob']);
const MAX_ECHOED_LINE = 200;
const UNPAIRED_SURROGATE = 'the text holds an unpaired surrogate (not valid Unicode text)';

interface NumberedParams {
  line: number;
  text: string;
  params: BlobParamsLine | undefined;
  /** Why the line was rejected, when params is undefined. */
  reason: string;
}

interface NumberedDescription {
  line: number;
  text: string;
  name: string;
  description: string;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

function px(fraction: number): string {
  return `${String(Math.round(fraction * LLM_CANVAS_SIZE))}px`;
}

/** Reads an LLM-format layout, keeping every good line and explaining every rejected one. */
export function parseLlmLayout(text: string): LlmLayoutParseResult {
  const rejected: LlmRejectedLine[] = [];
  const warnings: string[] = [];
  const empty = (): LlmLayoutParseResult => ({ document: { caption: '', blobs: [] }, rejected, warnings });
  if (typeof text !== 'string') {
    rejected.push({ line: 0, text: '', reason: 'expected text' });
    return empty();
  }
  const sizeError = checkImportSize(text);
  if (sizeError !== undefined) {
    rejected.push({ line: 0, text: '', reason: sizeError });
    return empty();
  }

  const reject = (line: number, lineText: string, reason: string): void => {
    rejected.push({ line, text: firstCodePoints(lineText.trim(), MAX_ECHOED_LINE), reason });
  };
  const paramLines: NumberedParams[] = [];
  const descriptionLines: NumberedDescription[] = [];
  let caption: string | undefined;

  text.split(/\r\n|\r|\n/).forEach((lineText, index) => {
    const line = index + 1;
    const parsed = parseLlmLine(lineText);
    switch (parsed.kind) {
      case 'ignored':
        return;
      case 'caption':
        if (caption !== undefined) warnings.push(`line ${String(line)}: a second caption; kept the first`);
        else if (textLength(parsed.text) > MAX_CAPTION_LENGTH) {
          reject(
            line,
            lineText,
            `caption is ${String(textLength(parsed.text))} characters; the limit is ${String(MAX_CAPTION_LENGTH)}`,
          );
        } else if (hasLoneSurrogate(parsed.text)) {
          reject(line, lineText, UNPAIRED_SURROGATE);
        } else caption = parsed.text;
        return;
      case 'params':
        paramLines.push({ line, text: lineText, params: parsed, reason: '' });
        return;
      case 'invalid':
        // Still a blob line: it keeps its place so later descriptions pair with the right blob.
        paramLines.push({ line, text: lineText, params: undefined, reason: parsed.reason });
        return;
      case 'description':
        descriptionLines.push({ line, text: lineText, name: parsed.name, description: parsed.text });
        return;
    }
  });

  const blobs: Blob[] = [];
  paramLines.forEach((entry, index) => {
    const described = descriptionLines[index];
    if (entry.params === undefined) {
      reject(entry.line, entry.text, entry.reason);
      if (described)
        reject(described.line, described.text, `description of the rejected blob on line ${String(entry.line)}`);
      return;
    }
    if (blobs.length >= MAX_BLOBS) {
      reject(entry.line, entry.text, `more than ${String(MAX_BLOBS)} blobs; the limit is ${String(MAX_BLOBS)}`);
      if (described)
        reject(described.line, described.text, `description of the blob over the limit on line ${String(entry.line)}`);
      return;
    }
    blobs.push(toBlob(entry.line, entry.params, described, reject, warnings));
  });
  for (const extra of descriptionLines.slice(paramLines.length)) {
    reject(extra.line, extra.text, 'description without a matching blob-parameter line');
  }
  if (paramLines.length === 0 && descriptionLines.length === 0 && caption === undefined && rejected.length === 0) {
    warnings.push(
      'no layout found: expected lines like `object {major-radius: 120px; minor-radius: 60px; cx: 256px; cy: 300px; angle: 30}`',
    );
  }
  return {
    document: { caption: caption ?? '', blobs },
    // Reported in text order, whatever order pairing found them in.
    rejected: capList(
      rejected.sort((x, y) => x.line - y.line),
      summariseRejections,
    ),
    warnings: capList(warnings, summariseWarnings),
  };
}

/** Thousands of identical complaints help nobody and would flood the import dialog. */
export const MAX_REPORTED_LINES = 50;

function summariseRejections(hidden: number): LlmRejectedLine {
  return { line: 0, text: '', reason: `…and ${String(hidden)} more rejected lines` };
}

function summariseWarnings(hidden: number): string {
  return `…and ${String(hidden)} more warnings`;
}

function capList<T>(items: T[], summary: (hidden: number) => T): T[] {
  if (items.length <= MAX_REPORTED_LINES) return items;
  return [...items.slice(0, MAX_REPORTED_LINES), summary(items.length - MAX_REPORTED_LINES)];
}

function toBlob(
  line: number,
  params: BlobParamsLine,
  described: NumberedDescription | undefined,
  reject: (line: number, text: string, reason: string) => void,
  warnings: string[],
): Blob {
  const at = `line ${String(line)}`;
  for (const note of params.notes) warnings.push(`${at}: ${note}`);

  let description = '';
  if (described === undefined) {
    // The name stands in only when it is itself a legal description.
    const usableName = textLength(params.name) <= MAX_DESCRIPTION_LENGTH && !hasLoneSurrogate(params.name);
    if (!GENERIC_NAMES.has(params.name.toLowerCase()) && usableName) description = params.name;
    warnings.push(`${at}: no description line for this blob${description ? `; used its name "${description}"` : ''}`);
  } else if (textLength(described.description) > MAX_DESCRIPTION_LENGTH) {
    reject(
      described.line,
      described.text,
      `description is ${String(textLength(described.description))} characters; the limit is ${String(MAX_DESCRIPTION_LENGTH)} (the blob on line ${String(line)} keeps an empty one)`,
    );
  } else if (hasLoneSurrogate(described.description)) {
    reject(described.line, described.text, `${UNPAIRED_SURROGATE} (the blob on line ${String(line)} keeps an empty one)`);
  } else {
    description = described.description;
    const names = [params.name, described.name].map((n) => n.toLowerCase());
    if (names.every((n) => !GENERIC_NAMES.has(n)) && names[0] !== names[1]) {
      warnings.push(
        `${at}: "${params.name}" paired by order with the description "${described.name}" on line ${String(described.line)}`,
      );
    }
  }

  const raw: Blob = {
    id: newBlobId(),
    cx: params.cx / LLM_CANVAS_SIZE,
    cy: params.cy / LLM_CANVAS_SIZE,
    a: params.majorRadius / LLM_CANVAS_SIZE,
    b: params.minorRadius / LLM_CANVAS_SIZE,
    theta: normalizeAngle(((params.angle ?? 0) * Math.PI) / 180),
    description,
  };
  const { strength, featherPx, activeSteps } = params.weights;
  const weights = {
    ...(strength === undefined ? {} : { strength }),
    ...(featherPx === undefined ? {} : { feather: Math.max(0, featherPx) / LLM_CANVAS_SIZE }),
    ...(activeSteps === undefined ? {} : { activeSteps }),
  };
  if (activeSteps && !(Math.min(1, activeSteps.from) < Math.min(1, activeSteps.to))) {
    warnings.push(`${at}: ignored active-steps ${String(activeSteps.from)}-${String(activeSteps.to)}: from must be below to`);
    delete weights.activeSteps;
  }
  Object.assign(raw, repairBlobWeights(weights, (field) => `${at} ${field}`, warnings));
  const blob = clampBlob(raw);
  for (const field of ['cx', 'cy', 'a', 'b'] as const) {
    if (blob[field] !== raw[field]) {
      const label = { cx: 'cx', cy: 'cy', a: 'major-radius', b: 'minor-radius' }[field];
      warnings.push(`${at}: ${label} ${px(raw[field])} is outside the editable range; changed to ${px(blob[field])}`);
    }
  }
  return blob;
}

/** Braces or quotes around the whole caption would be read as delimiters; an outer `{…}` keeps them. */
function protectCaption(caption: string): string {
  const wrapped = (open: string, close: string): boolean =>
    caption.length >= 2 && caption.startsWith(open) && caption.endsWith(close);
  return wrapped('{', '}') || wrapped('"', '"') ? `{${caption}}` : caption;
}

/** Writes the document in the paper's format: caption line, parameter lines, description lines. */
/** Our extension fields, only for blobs that use them (so plain layouts stay the paper's format). */
function weightFields(blob: Blob): string {
  const short = (value: number) => String(Number(value.toFixed(3)));
  const fields = [
    ...(blob.strength === undefined ? [] : [`strength: ${short(blob.strength)}`]),
    ...(blob.feather === undefined ? [] : [`feather: ${String(Number((blob.feather * LLM_CANVAS_SIZE).toFixed(2)))}px`]),
    ...(blob.activeSteps === undefined ? [] : [`active-steps: ${short(blob.activeSteps.from)}-${short(blob.activeSteps.to)}`]),
  ];
  return fields.map((field) => `; ${field}`).join('');
}

export function serializeLlmLayout(document: LayoutDocument): string {
  const lines: string[] = [];
  const caption = oneLine(document.caption);
  if (caption !== '') lines.push(`caption: ${protectCaption(caption)}`);
  for (const blob of document.blobs) {
    let degrees = Math.round((normalizeAngle(blob.theta) * 180) / Math.PI);
    if (degrees === -180) degrees = 180;
    lines.push(
      `object {major-radius: ${px(blob.a)}; minor-radius: ${px(blob.b)}; cx: ${px(blob.cx)}; cy: ${px(blob.cy)}; angle: ${String(degrees)}${weightFields(blob)}}`,
    );
  }
  for (const blob of document.blobs) lines.push(`object {${oneLine(blob.description)}}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
