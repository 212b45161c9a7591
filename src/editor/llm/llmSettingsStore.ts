/**
 * The layout assistant's endpoint settings (session state, never undoable). Base URL, model,
 * timeout and transport are remembered in localStorage; the key only when the person ticks
 * "Remember the key on this device", otherwise it lives in memory and is gone on reload. What is
 * read back from storage is validated (zod) and dropped if it is not ours.
 */
import { z } from 'zod';
import { create } from 'zustand';
import { DEFAULT_TIMEOUT_MS, parseEndpointConfig, type EndpointConfigResult } from '../../llm/endpointConfig';

export const LLM_SETTINGS_STORAGE_KEY = 'blobgen-llm-endpoint-v1';

export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey: string;
  rememberKey: boolean;
  /** Seconds, as typed. */
  timeoutSeconds: string;
  stream: boolean;
}

const storedSchema = z.object({
  baseUrl: z.string().max(2000).catch(''),
  model: z.string().max(200).catch(''),
  apiKey: z.string().max(4096).optional(),
  timeoutSeconds: z.string().max(10).catch(String(DEFAULT_TIMEOUT_MS / 1000)),
  stream: z.boolean().catch(true),
});

function defaults(): LlmSettings {
  return { baseUrl: '', model: '', apiKey: '', rememberKey: false, timeoutSeconds: String(DEFAULT_TIMEOUT_MS / 1000), stream: true };
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage disabled: settings stay in memory
  }
}

function load(): LlmSettings {
  const text = storage()?.getItem(LLM_SETTINGS_STORAGE_KEY);
  if (!text) return defaults();
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return defaults();
    const { apiKey, ...rest } = parsed.data;
    return { ...defaults(), ...rest, apiKey: apiKey ?? '', rememberKey: apiKey !== undefined };
  } catch {
    return defaults();
  }
}

function save(settings: LlmSettings): void {
  const { rememberKey, apiKey, ...rest } = settings;
  try {
    storage()?.setItem(LLM_SETTINGS_STORAGE_KEY, JSON.stringify(rememberKey ? { ...rest, apiKey } : rest));
  } catch {
    // Full or disabled storage: the settings still work for this session.
  }
}

export const useLlmSettingsStore = create<LlmSettings>()(() => load());

export function updateLlmSettings(change: Partial<LlmSettings>): void {
  useLlmSettingsStore.setState(change);
  save(useLlmSettingsStore.getState());
}

/** The settings as an endpoint config, or the reasons they are not one yet. */
export function endpointFromSettings(settings: LlmSettings): EndpointConfigResult {
  const seconds = Number(settings.timeoutSeconds);
  return parseEndpointConfig({
    baseUrl: settings.baseUrl,
    model: settings.model,
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutSeconds.trim() !== '' && Number.isFinite(seconds) ? Math.round(seconds * 1000) : Number.NaN,
  });
}
