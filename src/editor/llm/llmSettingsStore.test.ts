import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A Storage stand-in: the store reads `localStorage` when its module loads. */
class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

const load = () => import('./llmSettingsStore');

describe('llm settings store', () => {
  it('remembers the endpoint but keeps the key in memory unless "remember" is ticked', async () => {
    const { updateLlmSettings, LLM_SETTINGS_STORAGE_KEY } = await load();
    updateLlmSettings({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'm', apiKey: 'sk-1' });
    const saved = storage.getItem(LLM_SETTINGS_STORAGE_KEY) ?? '';
    expect(saved).toContain('127.0.0.1:8080');
    expect(saved).not.toContain('sk-1');

    vi.resetModules();
    const reloaded = await load();
    expect(reloaded.useLlmSettingsStore.getState()).toMatchObject({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'm', apiKey: '', rememberKey: false });

    reloaded.updateLlmSettings({ apiKey: 'sk-2', rememberKey: true });
    vi.resetModules();
    expect((await load()).useLlmSettingsStore.getState()).toMatchObject({ apiKey: 'sk-2', rememberKey: true });
  });

  it('ignores stored settings that are not ours', async () => {
    storage.setItem('blobgen-llm-endpoint-v1', '{"baseUrl": 42, "stream": "yes"}');
    const { useLlmSettingsStore } = await load();
    expect(useLlmSettingsStore.getState()).toMatchObject({ baseUrl: '', stream: true, apiKey: '' });
    storage.setItem('blobgen-llm-endpoint-v1', 'not json');
    vi.resetModules();
    expect((await load()).useLlmSettingsStore.getState().baseUrl).toBe('');
  });

  it('turns the form into an endpoint config, or says what is missing', async () => {
    const { endpointFromSettings } = await load();
    const base = { baseUrl: 'http://h:1/v1', model: 'm', apiKey: '', rememberKey: false, stream: true };
    const ok = endpointFromSettings({ ...base, timeoutSeconds: '2.5' });
    expect(ok.ok && ok.config.timeoutMs).toBe(2500);
    const bad = endpointFromSettings({ ...base, timeoutSeconds: '' });
    expect(!bad.ok && bad.errors.join(' ')).toMatch(/timeout/);
  });
});
