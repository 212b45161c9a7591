import { beforeEach, describe, expect, it } from 'vitest';
import {
  adoptPackDefaults,
  applyEmbeddedSettings,
  FALLBACK_DEFAULTS,
  resetToPackDefaults,
  seedForNextRun,
  setNegativeCaption,
  setSeed,
  setSeedLocked,
  setSteps,
  toEmbeddedSettings,
  useStudioSettings,
} from './settingsStore';

const packDefaults = { steps: 8, guidance: 2, sampler: 'dpmpp-2m' as const, samplers: ['ddim', 'dpmpp-2m'] as const };

beforeEach(() => {
  useStudioSettings.setState({ seed: 1, seedLocked: false, steps: 20, guidance: 3, sampler: 'ddim', negativeCaption: '', defaults: FALLBACK_DEFAULTS, customised: false });
});

describe('studio settings', () => {
  it('a locked seed is reused; an unlocked one is drawn anew for every run', () => {
    setSeed(42);
    setSeedLocked(true);
    expect([seedForNextRun(), seedForNextRun()]).toEqual([42, 42]);
    setSeedLocked(false);
    const drawn = new Set([seedForNextRun(), seedForNextRun(), seedForNextRun()]);
    expect(drawn.size).toBe(3);
    expect(useStudioSettings.getState().seed).toBe([...drawn].at(-1));
  });

  it('pack defaults apply unless the person chose their own; reset brings them back', () => {
    adoptPackDefaults(packDefaults);
    expect(useStudioSettings.getState()).toMatchObject({ steps: 8, guidance: 2, sampler: 'dpmpp-2m' });
    setSteps(30);
    adoptPackDefaults({ ...packDefaults, steps: 10 });
    expect(useStudioSettings.getState().steps).toBe(30);
    resetToPackDefaults();
    expect(useStudioSettings.getState()).toMatchObject({ steps: 10, guidance: 2, sampler: 'dpmpp-2m', customised: false });
  });

  it('restoring embedded settings locks the seed so Generate reproduces the image', () => {
    expect(applyEmbeddedSettings({ seed: 99, steps: 4, guidance: 1.5, sampler: 'ddim' })).toEqual([]);
    expect(useStudioSettings.getState()).toMatchObject({ seed: 99, seedLocked: true, steps: 4, guidance: 1.5, sampler: 'ddim' });
  });

  it('the negative caption survives a pack change, is embedded only when set, and restoring an image sets it (none for older images)', () => {
    setNegativeCaption('blurry');
    adoptPackDefaults(packDefaults);
    expect(useStudioSettings.getState().negativeCaption).toBe('blurry');
    expect(toEmbeddedSettings({ seed: 1, steps: 2, guidance: 3, sampler: 'ddim', negativeCaption: 'blurry' })).toEqual({ seed: 1, steps: 2, guidance: 3, sampler: 'ddim', negativeCaption: 'blurry' });
    expect(toEmbeddedSettings({ seed: 1, steps: 2, guidance: 3, sampler: 'ddim', negativeCaption: '' })).toEqual({ seed: 1, steps: 2, guidance: 3, sampler: 'ddim' });
    applyEmbeddedSettings({ seed: 5, steps: 4, guidance: 1.5, sampler: 'ddim', negativeCaption: 'grainy' });
    expect(useStudioSettings.getState().negativeCaption).toBe('grainy');
    applyEmbeddedSettings({ seed: 5, steps: 4, guidance: 1.5, sampler: 'ddim' });
    expect(useStudioSettings.getState().negativeCaption).toBe('');
  });
});
