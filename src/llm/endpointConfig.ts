/**
 * Where the layout assistant sends its prompts: any OpenAI-compatible chat-completions endpoint
 * the user configures (llama.cpp's llama-server, Ollama, LM Studio, vLLM or a hosted one). The
 * settings form, the stored settings and the CLI all go through this one schema, so a bad base URL
 * gets the same specific message everywhere and nothing is ever sent to it.
 */
import { z } from 'zod';

/** How long the endpoint may stay silent (before the first byte, or between chunks) by default. */
export const DEFAULT_TIMEOUT_MS = 120_000;
export const MIN_TIMEOUT_MS = 100;
export const MAX_TIMEOUT_MS = 600_000;

const baseUrl = z
  .string({ error: 'base URL: enter the endpoint address, e.g. http://127.0.0.1:8080/v1' })
  .trim()
  .min(1, { error: 'base URL: enter the endpoint address, e.g. http://127.0.0.1:8080/v1' })
  .superRefine((text, context) => {
    if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) {
      context.addIssue({ code: 'custom', message: `base URL: must start with http:// or https://, e.g. http://${text.slice(0, 60)}` });
      return;
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      context.addIssue({ code: 'custom', message: `base URL: "${text.slice(0, 80)}" is not a URL; expected e.g. http://127.0.0.1:8080/v1` });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      context.addIssue({ code: 'custom', message: `base URL: must start with http:// or https://, got ${url.protocol}` });
    } else if (url.username !== '' || url.password !== '') {
      context.addIssue({ code: 'custom', message: 'base URL: must not contain a user name or password; put the key in the key field' });
    } else if (url.search !== '' || url.hash !== '') {
      context.addIssue({ code: 'custom', message: 'base URL: must not contain ?query or #fragment' });
    }
  })
  // "…/v1/", "…/v1/chat/completions" and "…/v1" all mean the same endpoint.
  .transform((text) => text.replace(/\/+$/, '').replace(/\/chat\/completions$/, ''));

export const endpointConfigSchema = z.object({
  baseUrl,
  model: z
    .string({ error: 'model: enter the model name the server knows, e.g. llama3.1' })
    .trim()
    .min(1, { error: 'model: enter the model name the server knows, e.g. llama3.1' })
    .max(200, { error: 'model: at most 200 characters' }),
  /** Sent as `Authorization: Bearer …` to this endpoint only; empty means no header. */
  apiKey: z.string().trim().max(4096, { error: 'key: at most 4096 characters' }).default(''),
  timeoutMs: z
    .number({ error: 'timeout: must be a number of milliseconds' })
    .int({ error: 'timeout: must be a whole number of milliseconds' })
    .min(MIN_TIMEOUT_MS, { error: `timeout: at least ${String(MIN_TIMEOUT_MS)} ms` })
    .max(MAX_TIMEOUT_MS, { error: `timeout: at most ${String(MAX_TIMEOUT_MS)} ms` })
    .default(DEFAULT_TIMEOUT_MS),
});

export type EndpointConfig = z.output<typeof endpointConfigSchema>;
export type EndpointConfigInput = z.input<typeof endpointConfigSchema>;

export type EndpointConfigResult = { ok: true; config: EndpointConfig } | { ok: false; errors: string[] };

/** Validates settings from a form, storage or the command line. Never throws. */
export function parseEndpointConfig(input: unknown): EndpointConfigResult {
  const parsed = endpointConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
}

export function chatCompletionsUrl(config: Pick<EndpointConfig, 'baseUrl'>): string {
  return `${config.baseUrl}/chat/completions`;
}

export function modelsUrl(config: Pick<EndpointConfig, 'baseUrl'>): string {
  return `${config.baseUrl}/models`;
}
