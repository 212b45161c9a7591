/**
 * Reads single lines of the paper's LLM layout format (docs/architecture.md §2) into tagged values; the
 * document-level pairing and limits live in llmFormat.ts.
 *
 *   caption: a cozy living room                       ← caption line (ours; also `caption {…}`)
 *   sofa {major-radius: 120px; minor-radius: 60px; cx: 256px; cy: 300px; angle: 30}
 *   sofa {a grey fabric sofa with two cushions}       ← description line
 *
 * Tolerated: prose lines (ignored), code fences, list bullets, missing semicolons (or commas
 * instead), `=` for `:`, extra spaces, optional `px`/`°`/`deg`, floats, a missing closing brace.
 *
 * Our extension, in the same `key: value` style and written only when a blob uses it (Layout JSON
 * v2's weights): `strength: 1.5`, `feather: 20px` (px on the 512 canvas), `active-steps: 0.5-1`.
 * A value that cannot be read is ignored with a note; the blob itself is kept.
 */

export const LLM_CANVAS_SIZE = 512;

export interface BlobParamsLine {
  kind: 'params';
  name: string;
  /** px on the 512 canvas (radii, centre) and degrees (angle); angle undefined when absent. */
  majorRadius: number;
  minorRadius: number;
  cx: number;
  cy: number;
  angle: number | undefined;
  /** Our optional extension fields, as written (ranges are checked where the blob is built). */
  weights: { strength?: number; featherPx?: number; activeSteps?: { from: number; to: number } };
  notes: string[];
}

export type LlmLine =
  | { kind: 'ignored' }
  | { kind: 'caption'; text: string }
  | BlobParamsLine
  | { kind: 'description'; name: string; text: string }
  | { kind: 'invalid'; reason: string };

type ParamKey = 'majorRadius' | 'minorRadius' | 'cx' | 'cy' | 'angle';

/** Field names as written, normalised (lowercase, no spaces/dashes/underscores) → our key. */
const PARAM_KEYS: Readonly<Record<string, ParamKey>> = {
  majorradius: 'majorRadius',
  minorradius: 'minorRadius',
  cx: 'cx',
  cy: 'cy',
  angle: 'angle',
};

const FIELD_LABELS: Readonly<Record<ParamKey, string>> = {
  majorRadius: 'major-radius',
  minorRadius: 'minor-radius',
  cx: 'cx',
  cy: 'cy',
  angle: 'angle',
};

const CAPTION_LINE = /^(?:global\s+)?caption\s*[:=]\s*(.*)$/i;
/**
 * `key: value`: the key one word (or "major radius"), the value one token plus an optional unit
 * after a space ("120 px"). The key is bounded and holds no free spaces: an unbounded key would
 * rescan a long run of words from every start position, quadratic on a hostile megabyte line.
 */
const KEY_VALUE = /([A-Za-z][\w-]{0,40}(?:[ _]radius)?)\s*[:=]\s*([^\s;,]*(?:\s+(?:px|deg|degrees)(?![\w-]))?)/g;
const NUMBER_WITH_UNIT = /^([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)\s*(px|°|deg|degrees)?$/i;
const PARAM_KEY_MENTION = /\b(major[-_ ]?radius|minor[-_ ]?radius|cx|cy|angle)\s*[:=]/gi;

/**
 * Blob parameters name at least two of the fields; one mention ("a sign reading 'angle: 30'")
 * is ordinary text, so descriptions and prose can contain it.
 */
function looksLikeParams(text: string): boolean {
  const keys = new Set<string>();
  for (const match of text.matchAll(PARAM_KEY_MENTION)) keys.add((match[1] ?? '').toLowerCase().replace(/[-_ ]/g, ''));
  return keys.size >= 2;
}

/** Markdown list bullets and numbering in front of a line. */
const BULLET = /^(?:[-*•+]|\d{1,3}[.)])\s+/;
/** An object name: a few words, not a sentence of prose. */
const MAX_NAME_WORDS = 5;

/**
 * Caption text after `caption:`. One layer of `{…}` or of double quotes (`Caption: "…"`, as the
 * paper prints captions) is a delimiter, not part of the caption; braces win, so the writer can
 * protect a caption that really is quoted by wrapping it in braces.
 */
function captionText(text: string): string {
  const t = text.trim();
  if (t.startsWith('{') && t.endsWith('}')) return t.slice(1, -1).trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).trim();
  return t;
}

/** Splits `name {body}` (closing brace optional); undefined when the line has no brace. */
function splitObjectLine(line: string): { name: string; body: string; closed: boolean } | undefined {
  const open = line.indexOf('{');
  if (open < 0) return undefined;
  // Markdown emphasis and a trailing colon are decoration around the name (`**dog**: {…}`).
  const name = line.slice(0, open).replace(/[*`]/g, '').trim().replace(/:$/, '').trim();
  const rest = line.slice(open + 1);
  // The last brace closes, so braces inside a description survive.
  const close = rest.lastIndexOf('}');
  if (close < 0) return { name, body: rest.trim(), closed: false };
  return { name, body: rest.slice(0, close).trim(), closed: true };
}

const WEIGHT_KEYS = new Set(['strength', 'feather', 'activesteps']);
const STEP_SPAN = /^(\d+(?:\.\d*)?|\.\d+)-(\d+(?:\.\d*)?|\.\d+)$/;

/** Reads one of the extension fields into `weights`, or explains in `notes` why it was ignored. */
function readWeight(key: string, rawValue: string, weights: BlobParamsLine['weights'], notes: string[]): void {
  if (key === 'activesteps') {
    const span = STEP_SPAN.exec(rawValue);
    if (span) weights.activeSteps = { from: Number(span[1]), to: Number(span[2]) };
    else notes.push(`ignored active-steps "${rawValue.slice(0, 40)}": write two fractions of the run, e.g. 0.5-1`);
    return;
  }
  const number = NUMBER_WITH_UNIT.exec(rawValue);
  const unit = number?.[2]?.toLowerCase();
  const value = Number(number?.[1]);
  const unitOk = key === 'strength' ? unit === undefined : unit === undefined || unit === 'px';
  if (number?.[1] === undefined || !unitOk || !Number.isFinite(value)) {
    notes.push(`ignored ${key} "${rawValue.slice(0, 40)}": ${key === 'strength' ? 'a plain number, e.g. 1.5' : 'a number of px, e.g. 20px'}`);
    return;
  }
  if (key === 'strength') weights.strength = value;
  else weights.featherPx = value;
}

function parseParams(name: string, body: string): BlobParamsLine | { kind: 'invalid'; reason: string } {
  const values: Partial<Record<ParamKey, number>> = {};
  const weights: BlobParamsLine['weights'] = {};
  const notes: string[] = [];
  for (const match of body.matchAll(KEY_VALUE)) {
    const rawKey = (match[1] ?? '').trim();
    const rawValue = match[2] ?? '';
    const normalKey = rawKey.toLowerCase().replace(/[\s_-]/g, '');
    if (WEIGHT_KEYS.has(normalKey)) {
      readWeight(normalKey, rawValue, weights, notes);
      continue;
    }
    const key = PARAM_KEYS[normalKey];
    if (key === undefined) {
      notes.push(`ignored unknown field "${rawKey}"`);
      continue;
    }
    const number = NUMBER_WITH_UNIT.exec(rawValue);
    const unit = number?.[2]?.toLowerCase();
    const expectsPx = key !== 'angle';
    const wrongUnit = unit !== undefined && (expectsPx ? unit !== 'px' : unit === 'px');
    if (number?.[1] === undefined || wrongUnit) {
      const expected = expectsPx ? 'a number of px' : 'a number of degrees';
      return { kind: 'invalid', reason: `${FIELD_LABELS[key]}: must be ${expected}, got "${rawValue.slice(0, 40)}"` };
    }
    const value = Number(number[1]);
    if (!Number.isFinite(value)) {
      return { kind: 'invalid', reason: `${FIELD_LABELS[key]}: must be a finite number, got ${rawValue.slice(0, 40)}` };
    }
    if (values[key] !== undefined) notes.push(`${FIELD_LABELS[key]} given twice; used the last value`);
    values[key] = value;
  }
  const missing = (['majorRadius', 'minorRadius', 'cx', 'cy'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) {
    return { kind: 'invalid', reason: `missing ${missing.map((k) => FIELD_LABELS[k]).join(', ')}` };
  }
  const { majorRadius = 0, minorRadius = 0, cx = 0, cy = 0, angle } = values;
  for (const [label, radius] of [
    ['major-radius', majorRadius],
    ['minor-radius', minorRadius],
  ] as const) {
    if (radius <= 0)
      return { kind: 'invalid', reason: `${label}: must be a positive number of px, got ${String(radius)}` };
  }
  if (angle === undefined) notes.push('no angle; used 0');
  return { kind: 'params', name, majorRadius, minorRadius, cx, cy, angle, weights, notes };
}

/** Classifies and reads one line (without its line break). */
export function parseLlmLine(rawLine: string): LlmLine {
  const line = rawLine.trim().replace(BULLET, '').trim();
  if (line === '' || line.startsWith('```') || line.startsWith('~~~')) return { kind: 'ignored' };

  // `caption: …` is a caption whatever it contains; `{…}` around the text is allowed.
  const caption = CAPTION_LINE.exec(line);
  if (caption) return { kind: 'caption', text: captionText(caption[1] ?? '') };

  const parts = splitObjectLine(line);
  if (parts === undefined) {
    return looksLikeParams(line)
      ? { kind: 'invalid', reason: 'looks like blob parameters but has no {…}' }
      : { kind: 'ignored' };
  }
  if (looksLikeParams(parts.body)) return parseParams(parts.name, parts.body);
  // Prose that happens to contain a brace is not an object line.
  const nameWords = parts.name === '' ? 0 : parts.name.split(/\s+/).length;
  if (nameWords > MAX_NAME_WORDS || /[.!?]$/.test(parts.name) || !parts.closed) return { kind: 'ignored' };
  if (/^(?:global\s+)?caption$/i.test(parts.name)) return { kind: 'caption', text: parts.body };
  return { kind: 'description', name: parts.name, text: parts.body };
}
