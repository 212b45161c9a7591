import { describe, expect, it } from 'vitest';
import { EMBED_CONTROLS, parseEmbedOptions } from './embedOptions';

describe('parseEmbedOptions', () => {
  it('gives the defaults for an empty query', () => {
    const { options, problems } = parseEmbedOptions('');
    expect(options).toEqual({ readOnly: false, theme: 'light', controls: new Set(EMBED_CONTROLS) });
    expect(problems).toEqual([]);
  });

  it('reads readOnly, theme and a subset of controls', () => {
    const { options, problems } = parseEmbedOptions('?readOnly=1&theme=dark&controls=generate,%20result');
    expect(options).toEqual({ readOnly: true, theme: 'dark', controls: new Set(['generate', 'result']) });
    expect(problems).toEqual([]);
  });

  it('falls back per parameter and says which one was wrong', () => {
    const { options, problems } = parseEmbedOptions('?readOnly=yes&theme=dark&controls=generate,wand');
    expect(options.readOnly).toBe(false);
    expect(options.theme).toBe('dark');
    expect(options.controls).toEqual(new Set(EMBED_CONTROLS));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('readOnly="yes"');
    expect(problems[1]).toContain('controls="generate,wand"');
  });
});
