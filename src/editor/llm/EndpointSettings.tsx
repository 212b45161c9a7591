import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { endpointFromSettings, updateLlmSettings, useLlmSettingsStore } from './llmSettingsStore';

/**
 * Base URL, model, optional key (remembered only when asked), timeout and streaming. Requests go
 * to this endpoint only, and the key only to it (docs/llm-layouts.md).
 */
export function EndpointSettings() {
  const settings = useLlmSettingsStore(useShallow((s) => s));
  const id = useId();
  const endpoint = endpointFromSettings(settings);
  const touched = settings.baseUrl.trim() !== '' || settings.model.trim() !== '';
  // Open at first when there is nothing usable yet; after that the person decides (it must not
  // fold away mid-typing the moment the URL and model become valid).
  const [open, setOpen] = useState(() => !endpoint.ok);
  return (
    <details className="llm-settings" data-testid="llm-settings" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Endpoint: {endpoint.ok ? `${endpoint.config.model} at ${endpoint.config.baseUrl}` : 'not set up'}</summary>
      <label className="field-label" htmlFor={`${id}-url`}>
        Base URL (OpenAI-compatible, usually ending in /v1)
      </label>
      <input
        id={`${id}-url`}
        data-testid="llm-base-url"
        type="url"
        spellCheck={false}
        placeholder="http://127.0.0.1:8080/v1"
        value={settings.baseUrl}
        onChange={(event) => updateLlmSettings({ baseUrl: event.target.value })}
      />
      <label className="field-label" htmlFor={`${id}-model`}>
        Model
      </label>
      <input
        id={`${id}-model`}
        data-testid="llm-model"
        spellCheck={false}
        placeholder="e.g. llama3.1:8b"
        value={settings.model}
        onChange={(event) => updateLlmSettings({ model: event.target.value })}
      />
      <label className="field-label" htmlFor={`${id}-key`}>
        Key (optional; sent only to this endpoint)
      </label>
      <input
        id={`${id}-key`}
        data-testid="llm-key"
        type="password"
        autoComplete="off"
        value={settings.apiKey}
        onChange={(event) => updateLlmSettings({ apiKey: event.target.value })}
      />
      <label className="checkbox-label">
        <input
          type="checkbox"
          data-testid="llm-remember-key"
          checked={settings.rememberKey}
          onChange={(event) => updateLlmSettings({ rememberKey: event.target.checked })}
        />{' '}
        Remember the key on this device (otherwise it is forgotten on reload)
      </label>
      <label className="field-label" htmlFor={`${id}-timeout`}>
        Timeout: seconds without an answer
      </label>
      <input
        id={`${id}-timeout`}
        data-testid="llm-timeout"
        inputMode="decimal"
        value={settings.timeoutSeconds}
        onChange={(event) => updateLlmSettings({ timeoutSeconds: event.target.value })}
      />
      <label className="checkbox-label">
        <input type="checkbox" data-testid="llm-stream" checked={settings.stream} onChange={(event) => updateLlmSettings({ stream: event.target.checked })} /> Stream the
        answer (blobs appear while it arrives)
      </label>
      {touched && !endpoint.ok ? (
        <ul className="llm-problems" data-testid="llm-settings-errors">
          {endpoint.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
