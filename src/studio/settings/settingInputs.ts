/**
 * Validation of the numbers a person types into the generation controls. A bad value is never
 * applied: the field keeps showing what was typed, with a message that says what is valid, and
 * the last good value stays in force (so a half-typed "1." never reaches the engine).
 *
 * The ranges come from the engine's one definition of the settings (src/engine/samplingSettings.ts),
 * which the worker protocol and the PNG metadata reader use too.
 */
import { GUIDANCE_MAX, GUIDANCE_MIN, SEED_MAX, SEED_MIN, STEPS_MAX, STEPS_MIN } from '../../engine/samplingSettings';

export type ParsedInput<T> = { ok: true; value: T } | { ok: false; message: string };

/** Plain decimal notation only: "1e3", "0x10" or "Infinity" are refused rather than guessed at. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function readNumber(text: string, what: string): ParsedInput<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: `Enter a ${what}.` };
  if (!DECIMAL.test(trimmed)) return { ok: false, message: `“${clip(trimmed)}” is not a number.` };
  return { ok: true, value: Number(trimmed) };
}

function readWhole(text: string, what: string, min: number, max: number): ParsedInput<number> {
  const read = readNumber(text, what);
  if (!read.ok) return read;
  if (!Number.isInteger(read.value)) return { ok: false, message: `The ${what} must be a whole number.` };
  if (read.value < min || read.value > max) return { ok: false, message: `The ${what} must be between ${min} and ${max}.` };
  return read;
}

export function parseSeedInput(text: string): ParsedInput<number> {
  return readWhole(text, 'seed', SEED_MIN, SEED_MAX);
}

export function parseStepsInput(text: string): ParsedInput<number> {
  return readWhole(text, 'number of steps', STEPS_MIN, STEPS_MAX);
}

export function parseGuidanceInput(text: string): ParsedInput<number> {
  const read = readNumber(text, 'guidance scale');
  if (!read.ok) return read;
  if (read.value < GUIDANCE_MIN || read.value > GUIDANCE_MAX) {
    return { ok: false, message: `The guidance scale must be between ${GUIDANCE_MIN} and ${GUIDANCE_MAX}.` };
  }
  return read;
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 23)}…` : text;
}
