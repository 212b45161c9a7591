#!/usr/bin/env node
// npm run layout -- --caption "…" --endpoint <base URL> --model <name> [--key …] [--out layout.json]
//   [--pack folder|none] [--no-stream] [--timeout seconds] [--print-prompt]
// Asks an OpenAI-compatible chat-completions endpoint for a blob layout in the paper's two
// stages (src/llm) and writes Layout JSON that `npm run generate -- --layout` accepts.
// The key may also come from the environment (LLM_API_KEY), which keeps it out of `ps`.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { serializeLayoutJson } from '../src/layout/layoutJson';
import { lineLabel } from '../src/llm/answerParsing';
import { parseEndpointConfig } from '../src/llm/endpointConfig';
import { suggestLayout } from '../src/llm/layoutAssistant';
import { buildCopyPrompt } from '../src/llm/layoutPrompts';
import { ERROR_TITLES } from '../src/llm/llmErrors';
import { packVocabulary } from '../src/llm/packVocabulary';
import { DEFAULT_PACK_FOLDER, readPackVocabularySource } from './layoutPack';

const usage =
  'usage: npm run layout -- --caption "…" --endpoint http://127.0.0.1:8080/v1 --model <name> [--key …] [--out layout.json] ' +
  `[--pack folder|none (default ${DEFAULT_PACK_FOLDER}: its words go into the prompt)] [--no-stream] [--timeout seconds] [--print-prompt]`;

const { values } = parseArgs({
  options: {
    caption: { type: 'string' },
    endpoint: { type: 'string' },
    model: { type: 'string' },
    key: { type: 'string' },
    out: { type: 'string' },
    pack: { type: 'string', default: DEFAULT_PACK_FOLDER },
    'no-stream': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '120' },
    'print-prompt': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const caption = values.caption?.trim() ?? '';
  if (caption === '') {
    console.error(`--caption is required\n${usage}`);
    return 2;
  }
  const vocabulary = values.pack === 'none' ? undefined : packVocabulary(await readPackVocabularySource(values.pack));
  if (values['print-prompt']) {
    console.log(buildCopyPrompt(caption, { vocabulary }));
    return 0;
  }
  const timeout = Number(values.timeout);
  const parsed = parseEndpointConfig({
    baseUrl: values.endpoint ?? '',
    model: values.model ?? '',
    apiKey: values.key ?? process.env.LLM_API_KEY ?? '',
    timeoutMs: Number.isFinite(timeout) ? Math.round(timeout * 1000) : Number.NaN,
  });
  if (!parsed.ok) {
    console.error(`${parsed.errors.join('\n')}\n${usage}`);
    return 2;
  }
  const outcome = await suggestLayout({ config: parsed.config, caption, context: { vocabulary }, stream: !values['no-stream'] });
  if (!outcome.ok) {
    console.error(`${ERROR_TITLES[outcome.error.kind]} (stage ${String(outcome.stage)}): ${outcome.error.message}`);
    for (const advice of outcome.error.advice) console.error(`  - ${advice}`);
    console.error('No layout was written.');
    return 1;
  }
  const { layout } = outcome;
  for (const problem of layout.rejected) {
    console.error(`${lineLabel(problem.part, problem.line)} not used: ${problem.reason}${problem.text ? ` (“${problem.text}”)` : ''}`);
  }
  for (const note of layout.notes) console.error(`note: ${note}`);
  if (layout.document.blobs.length === 0) {
    console.error('The answers held no usable object line; no layout was written.');
    return 3;
  }
  const json = serializeLayoutJson(layout.document);
  if (values.out) {
    await writeFile(values.out, json);
    console.error(`wrote ${values.out}: ${String(layout.document.blobs.length)} blobs`);
  } else process.stdout.write(json);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
