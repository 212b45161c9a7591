/**
 * The two-stage run (BlobGEN §2.3): stage 1 turns the caption into object lines, stage 2 writes
 * one description per usable object line; both answers together make the layout. Shared by the
 * editor's panel and the CLI. It never touches a document: it returns a proposal (or, when the
 * endpoint fails, the error plus whatever could be read from the text that arrived).
 */
import { completeText, combineAnswers, type AssistantLayout } from './answerParsing';
import { requestChatCompletion } from './chatCompletionClient';
import type { EndpointConfig } from './endpointConfig';
import { buildStage1Prompt, buildStage2Prompt, chatMessages, type PromptContext } from './layoutPrompts';
import { LlmEndpointError } from './llmErrors';

export interface SuggestProgress {
  stage: 1 | 2;
  /** The layout as far as complete lines go (ghost outlines). */
  preview: AssistantLayout;
}

export interface SuggestOptions {
  config: EndpointConfig;
  caption: string;
  context?: PromptContext;
  /** The stage-1 prompt as the user edited it ("Edit prompt first"); built from the caption otherwise. */
  stage1Prompt?: string;
  stream?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SuggestProgress) => void;
  fetch?: typeof fetch;
}

export interface SuggestTranscript {
  stage1Prompt: string;
  stage1Answer: string;
  stage2Prompt?: string;
  stage2Answer?: string;
}

export type SuggestOutcome =
  | { ok: true; layout: AssistantLayout; transcript: SuggestTranscript }
  | {
      ok: false;
      error: LlmEndpointError;
      stage: 1 | 2;
      /** What the complete lines that arrived before the failure make (often empty). */
      partial: AssistantLayout;
      transcript: SuggestTranscript;
    };

function asEndpointError(error: unknown): LlmEndpointError {
  if (error instanceof LlmEndpointError) return error;
  return new LlmEndpointError('server-error', `The request failed: ${error instanceof Error ? error.message : String(error)}`);
}

export async function suggestLayout(options: SuggestOptions): Promise<SuggestOutcome> {
  const { config, caption } = options;
  const context = options.context ?? {};
  const stream = options.stream ?? true;
  const stage1Prompt = options.stage1Prompt ?? buildStage1Prompt(caption, context);
  const transcript: SuggestTranscript = { stage1Prompt, stage1Answer: '' };
  const request = { config, stream, ...(options.signal ? { signal: options.signal } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };

  // A streamed answer grows a token at a time, but its preview changes only when a line completes:
  // parse again only then (re-parsing the whole answer per token is quadratic in its length).
  const whenLinesChange = (preview: (complete: string) => void) => {
    let last: string | undefined;
    return (text: string) => {
      const complete = completeText(text, false);
      if (complete === last) return;
      last = complete;
      preview(complete);
    };
  };

  let first: AssistantLayout;
  try {
    const answer = await requestChatCompletion({
      ...request,
      messages: chatMessages(stage1Prompt),
      onText: (() => {
        const preview = whenLinesChange((complete) => options.onProgress?.({ stage: 1, preview: combineAnswers(caption, { text: complete, part: 1 }) }));
        return (text: string) => {
          transcript.stage1Answer = text;
          preview(text);
        };
      })(),
    });
    transcript.stage1Answer = answer.text;
    first = combineAnswers(caption, { text: answer.text, part: 1 });
  } catch (error) {
    const failure = asEndpointError(error);
    const partialText = failure.partialText || transcript.stage1Answer;
    return { ok: false, error: failure, stage: 1, partial: combineAnswers(caption, { text: completeText(partialText, false), part: 1 }), transcript };
  }
  options.onProgress?.({ stage: 1, preview: first });

  // Nothing to describe, or stage 1 described every object itself: stage 2 would add nothing.
  const objects = first.objectLines.length;
  if (objects === 0 || first.descriptionsInFirstAnswer >= objects) return { ok: true, layout: first, transcript };

  const stage2Prompt = buildStage2Prompt(caption, first.objectLines, context);
  transcript.stage2Prompt = stage2Prompt;
  transcript.stage2Answer = '';
  const stage1 = { text: transcript.stage1Answer, part: 1 as const };
  try {
    const answer = await requestChatCompletion({
      ...request,
      messages: chatMessages(stage2Prompt),
      onText: (() => {
        const preview = whenLinesChange((complete) => options.onProgress?.({ stage: 2, preview: combineAnswers(caption, stage1, { text: complete }) }));
        return (text: string) => {
          transcript.stage2Answer = text;
          preview(text);
        };
      })(),
    });
    transcript.stage2Answer = answer.text;
    return { ok: true, layout: combineAnswers(caption, stage1, { text: answer.text }), transcript };
  } catch (error) {
    const failure = asEndpointError(error);
    const partialText = failure.partialText || (transcript.stage2Answer ?? '');
    return { ok: false, error: failure, stage: 2, partial: combineAnswers(caption, stage1, { text: completeText(partialText, false) }), transcript };
  }
}
