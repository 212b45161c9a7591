/**
 * Reads the model's answers into a layout: stage 1's object lines and stage 2's description
 * lines (or one pasted answer holding both), through the layout module's own LLM-format codec,
 * which pairs them by order, clamps values and explains every line it cannot use. What this
 * module adds: the split between the stages (a stage-2 answer that repeats the layout, a stage-1
 * answer that already describes), partial answers (a line still streaming is not read), angles
 * outside the paper's [0, 180], and line references that say which answer a line came from.
 */
import { parseLayoutJson, serializeLayoutJson } from '../layout/layoutJson';
import { parseLlmLayout } from '../layout/llmFormat';
import { parseLlmLine } from '../layout/llmFormatLines';
import type { LayoutDocument } from '../layout/types';

/** 0: a pasted answer (both parts in one text); 1 and 2: the two stages' answers. */
export type AnswerPart = 0 | 1 | 2;

export interface LayoutProblem {
  part: AnswerPart;
  /** 1-based line in that answer; 0 for the answer as a whole. */
  line: number;
  text: string;
  reason: string;
}

export interface AssistantLayout {
  /** The caption plus every blob that could be read; valid Layout JSON (checked by the codec). */
  document: LayoutDocument;
  /** Lines that could not be used, with the reason. */
  rejected: LayoutProblem[];
  /** What was clamped, repaired or filled in. */
  notes: string[];
  /** Stage 1's usable object lines, as stage 2 is shown them. */
  objectLines: string[];
  /** Description lines found in the stage-1 (or pasted) answer. */
  descriptionsInFirstAnswer: number;
}

interface SourcedLine {
  part: AnswerPart;
  line: number;
  text: string;
}

/** The text without a trailing line that is still arriving. */
export function completeText(text: string, finished: boolean): string {
  if (finished) return text;
  const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return end < 0 ? '' : text.slice(0, end + 1);
}

export function lineLabel(part: AnswerPart, line: number): string {
  if (line === 0) return part === 0 ? 'the answer' : `answer ${String(part)}`;
  return part === 0 ? `line ${String(line)}` : `answer ${String(part)}, line ${String(line)}`;
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r\n|\r|\n/);
}

/**
 * Combines the answers into one layout. `first` is stage 1's answer (or the pasted one, part 0);
 * `second` is stage 2's, undefined while it has not run (ghost previews) or in paste mode.
 */
export function combineAnswers(caption: string, first: { text: string; part: 0 | 1 }, second?: { text: string }): AssistantLayout {
  const rejected: LayoutProblem[] = [];
  const notes: string[] = [];
  const objects: SourcedLine[] = [];
  const firstDescriptions: SourcedLine[] = [];

  splitLines(first.text).forEach((text, index) => {
    const line = index + 1;
    const parsed = parseLlmLine(text);
    if (parsed.kind === 'params') {
      objects.push({ part: first.part, line, text });
      if (parsed.angle !== undefined && (parsed.angle < 0 || parsed.angle > 180)) {
        const same = ((parsed.angle % 180) + 180) % 180;
        notes.push(`${lineLabel(first.part, line)}: angle ${String(parsed.angle)} is outside 0–180; it is the same ellipse as angle ${String(same)}`);
      }
    } else if (parsed.kind === 'invalid') {
      // Kept out of the pairing so descriptions (which stage 2 writes for usable lines only) line up.
      rejected.push({ part: first.part, line, text: text.trim().slice(0, 200), reason: parsed.reason });
    } else if (parsed.kind === 'description') {
      firstDescriptions.push({ part: first.part, line, text });
    }
  });

  let descriptions = firstDescriptions;
  if (second !== undefined) {
    const secondDescriptions: SourcedLine[] = [];
    splitLines(second.text).forEach((text, index) => {
      const parsed = parseLlmLine(text);
      if (parsed.kind === 'description') secondDescriptions.push({ part: 2, line: index + 1, text });
      else if (parsed.kind === 'params' || parsed.kind === 'invalid') {
        notes.push(`${lineLabel(2, index + 1)}: an object line where a description was expected; ignored`);
      }
    });
    if (firstDescriptions.length > 0) notes.push(`answer 1 also held ${String(firstDescriptions.length)} description line(s); used answer 2's`);
    descriptions = secondDescriptions;
  }

  const sourced = [...objects, ...descriptions];
  const parsed = parseLlmLayout(sourced.map((entry) => entry.text).join('\n'));
  const source = (line: number): SourcedLine | undefined => (line > 0 ? sourced[line - 1] : undefined);
  for (const problem of parsed.rejected) {
    const from = source(problem.line);
    rejected.push({ part: from?.part ?? first.part, line: from?.line ?? 0, text: problem.text, reason: problem.reason });
  }
  rejected.sort((x, y) => x.part - y.part || x.line - y.line);

  const describing = second !== undefined || firstDescriptions.length > 0;
  for (const warning of parsed.warnings) {
    // Before descriptions exist (a stage-1 preview) every blob lacks one; that is not news.
    if (!describing && warning.includes('no description line')) continue;
    notes.push(
      warning.replace(/^line (\d+):/, (whole, n: string) => {
        const from = source(Number(n));
        return from ? `${lineLabel(from.part, from.line)}:` : whole;
      }),
    );
  }
  if (describing && descriptions.length < objects.length && objects.length > 0) {
    notes.push(`${String(descriptions.length)} description(s) for ${String(objects.length)} objects: the objects without one use their names`);
  }

  // The layout module's own codec checks the result against the document limits (caption length…).
  const checked = parseLayoutJson(serializeLayoutJson({ caption, blobs: parsed.document.blobs }));
  let document: LayoutDocument = { caption: '', blobs: parsed.document.blobs };
  if (checked.ok) {
    document = checked.document;
    notes.push(...checked.warnings);
  } else {
    rejected.push(...checked.errors.map((reason) => ({ part: first.part, line: 0, text: '', reason })));
  }
  return { document, rejected, notes, objectLines: objects.map((o) => o.text.trim()), descriptionsInFirstAnswer: firstDescriptions.length };
}

/** A pasted answer from any chat app (object lines, then description lines). */
export function parsePastedAnswer(caption: string, text: string): AssistantLayout {
  return combineAnswers(caption, { text, part: 0 });
}
