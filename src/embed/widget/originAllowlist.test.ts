import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, parseOriginAllowlist } from './originAllowlist';

const OWN = 'https://app.example';

describe('parseOriginAllowlist', () => {
  it('defaults to the app’s own origin when unset or blank', () => {
    for (const setting of ['', '  ', ' , ']) expect([...parseOriginAllowlist(setting, OWN).origins]).toEqual([OWN]);
  });

  it('keeps exact origins and rejects anything with a path, wildcard, slash or other scheme', () => {
    const list = parseOriginAllowlist(' https://a.example , http://127.0.0.1:4192,https://b.example/,*.c.example,https://d.example/page,ftp://e.example,null', OWN);
    expect([...list.origins]).toEqual(['https://a.example', 'http://127.0.0.1:4192']);
    expect(list.rejected).toEqual(['https://b.example/', '*.c.example', 'https://d.example/page', 'ftp://e.example', 'null']);
    // A list that is set replaces the default: the app's own origin is not added.
    expect(list.origins.has(OWN)).toBe(false);
  });

  it('compares exactly: host, scheme and port all count, and "null" never matches', () => {
    const list = parseOriginAllowlist('http://127.0.0.1:4192', OWN);
    expect(isAllowedOrigin(list, 'http://127.0.0.1:4192')).toBe(true);
    for (const origin of ['http://localhost:4192', 'https://127.0.0.1:4192', 'http://127.0.0.1:4193', 'http://127.0.0.1', 'null', 'http://127.0.0.1:4192/'])
      expect(isAllowedOrigin(list, origin)).toBe(false);
  });
});
