import { describe, expect, it } from 'vitest';
import { MAX_PACK_PARAM_LENGTH, parsePackParam } from './packUrlParam';

const page = 'http://127.0.0.1:4173/?layout=abc';

describe('parsePackParam', () => {
  it('is absent without the parameter', () => {
    expect(parsePackParam(null, page)).toEqual({ kind: 'absent' });
  });

  it('accepts http(s) addresses and resolves paths against the page', () => {
    expect(parsePackParam('https://example.org/packs/sd15/', page)).toEqual({ kind: 'ok', url: 'https://example.org/packs/sd15/' });
    expect(parsePackParam('http://127.0.0.1:9000/sd1-tiny/manifest.json', page)).toEqual({ kind: 'ok', url: 'http://127.0.0.1:9000/sd1-tiny/manifest.json' });
    expect(parsePackParam(' /test-packs/sd1-tiny/ ', page)).toEqual({ kind: 'ok', url: 'http://127.0.0.1:4173/test-packs/sd1-tiny/' });
    expect(parsePackParam('models/x/', 'https://app.example/blobgen/index.html')).toEqual({ kind: 'ok', url: 'https://app.example/blobgen/models/x/' });
    expect(parsePackParam('HTTPS://Example.org/p/', page)).toEqual({ kind: 'ok', url: 'https://example.org/p/' });
  });

  it('refuses other schemes, naming the scheme and what is valid', () => {
    for (const value of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:application/json,{}', 'file:///etc/passwd', 'blob:http://x/1', 'ftp://example.org/p/']) {
      const result = parsePackParam(value, page);
      expect(result.kind, value).toBe('invalid');
      expect(result.kind === 'invalid' && result.message, value).toMatch(/cannot be model packs\. Give an http\(s\) address/);
    }
    expect(parsePackParam('javascript:alert(1)', page)).toMatchObject({ message: expect.stringContaining('“javascript:”') });
  });

  it('refuses empty, over-long and malformed values, credentials, and http packs on an https page', () => {
    expect(parsePackParam('  ', page)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('empty') });
    expect(parsePackParam(`https://x.org/${'a'.repeat(MAX_PACK_PARAM_LENGTH)}`, page)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('the limit is 2048') });
    expect(parsePackParam('http://[not-a-host/', page)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('is not a valid address') });
    expect(parsePackParam('https://user:secret@example.org/p/', page)).toMatchObject({ kind: 'invalid', message: expect.stringContaining('user name or password') });
    expect(parsePackParam('http://example.org/p/', 'https://app.example/')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('blocks the http address http://example.org') });
    expect(parsePackParam('http://127.0.0.1:9000/p/', 'https://app.example/')).toEqual({ kind: 'ok', url: 'http://127.0.0.1:9000/p/' });
  });

  it('a relative path on a page that is not http(s) does not become a file: or other address', () => {
    expect(parsePackParam('/models/x/', 'file:///home/me/index.html')).toMatchObject({ kind: 'invalid', message: expect.stringContaining('does not resolve to an http(s) address') });
  });
});
