import { describe, expect, it } from 'vitest';
import { mountOptionsSchema, widgetUrl } from './mountOptions';

describe('mount options', () => {
  it('builds embed.html’s URL from the app folder, a folder without a slash, or the page itself', () => {
    expect(widgetUrl('https://app.example/', {}).href).toBe('https://app.example/embed.html');
    expect(widgetUrl('https://app.example/blobgen', {}).href).toBe('https://app.example/blobgen/embed.html');
    expect(widgetUrl('https://app.example/sub/embed.html', {}).href).toBe('https://app.example/sub/embed.html');
    expect(widgetUrl('https://app.example/', { readOnly: true, theme: 'dark', controls: ['generate', 'result'] }).search).toBe('?readOnly=1&theme=dark&controls=generate%2Cresult');
    expect(widgetUrl('https://app.example/', { controls: [] }).search).toBe('?controls=');
  });

  it('rejects unknown options and wrong types (a typo is an error, not a different widget)', () => {
    expect(mountOptionsSchema.safeParse({ height: 'auto', theme: 'dark', readOnly: false, controls: ['caption'] }).success).toBe(true);
    expect(mountOptionsSchema.safeParse({ readonly: true }).success).toBe(false);
    expect(mountOptionsSchema.safeParse({ height: 'tall' }).success).toBe(false);
    expect(mountOptionsSchema.safeParse({ height: -1 }).success).toBe(false);
    expect(mountOptionsSchema.safeParse({ theme: 'blue' }).success).toBe(false);
    expect(mountOptionsSchema.safeParse({ controls: ['wand'] }).success).toBe(false);
  });
});
