import { describe, expect, it } from 'vitest';
import { chatCompletionsUrl, DEFAULT_TIMEOUT_MS, parseEndpointConfig } from './endpointConfig';

describe('parseEndpointConfig', () => {
  it('accepts an http(s) base URL and normalises its tail', () => {
    for (const baseUrl of ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/', ' http://127.0.0.1:8080/v1/chat/completions ']) {
      const result = parseEndpointConfig({ baseUrl, model: 'm' });
      expect(result.ok && result.config).toEqual({ baseUrl: 'http://127.0.0.1:8080/v1', model: 'm', apiKey: '', timeoutMs: DEFAULT_TIMEOUT_MS });
      if (result.ok) expect(chatCompletionsUrl(result.config)).toBe('http://127.0.0.1:8080/v1/chat/completions');
    }
  });

  it.each([
    ['', /enter the endpoint address/],
    ['127.0.0.1:8080', /must start with http/],
    ['not a url', /must start with http/],
    ['http://exa mple/v1', /is not a URL/],
    ['ftp://host/v1', /must start with http/],
    ['http://user:pw@host/v1', /user name or password/],
    ['http://host/v1?x=1', /query/],
  ])('rejects the base URL %j with a specific message', (baseUrl, message) => {
    const result = parseEndpointConfig({ baseUrl, model: 'm' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toMatch(message);
  });

  it('needs a model and a sane timeout', () => {
    const result = parseEndpointConfig({ baseUrl: 'http://h/v1', model: '  ', timeoutMs: 5 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.some((e) => e.startsWith('model:'))).toBe(true);
      expect(result.errors.some((e) => e.startsWith('timeout:'))).toBe(true);
    }
  });
});
