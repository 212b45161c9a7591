/**
 * Generation settings: session state (neither undoable nor part of the layout document), so
 * changing the seed never creates an undo entry or an autosave (docs/architecture.md §10, tldraw's split).
 */
import { create } from 'zustand';
import { isSamplerName } from '../../engine/samplingSettings';
import { SAMPLER_NAMES, type SamplerName } from '../../engine/schedulers/samplers';
import type { EmbeddedSettings } from '../../png/layoutPngMetadata';
import { randomSeed } from './randomSeed';

export interface PackDefaults {
  steps: number;
  guidance: number;
  sampler: SamplerName;
  /** Samplers the pack offers, in the order to list them. */
  samplers: readonly SamplerName[];
}

/** Used until a pack says otherwise (the default pack's own defaults at the time of writing). */
export const FALLBACK_DEFAULTS: PackDefaults = { steps: 20, guidance: 3, sampler: 'ddim', samplers: SAMPLER_NAMES };

export interface StudioSettings {
  seed: number;
  /** Locked: every generation reuses `seed` (same-seed editing). Unlocked: each run draws a new one. */
  seedLocked: boolean;
  steps: number;
  guidance: number;
  sampler: SamplerName;
  /** With the seed locked: repaint only the edited blobs and keep the rest of the previous image. */
  keepUnedited: boolean;
  /**
   * What to steer away from (the unconditional item's text), for packs that support one. Kept
   * across pack changes and runs like the other settings; sent only to packs that take it.
   */
  negativeCaption: string;
}

interface SettingsState extends StudioSettings {
  defaults: PackDefaults;
  /** Whether steps/guidance/sampler differ from the pack defaults because the person chose so. */
  customised: boolean;
}

export const useStudioSettings = create<SettingsState>()(() => ({
  seed: randomSeed(),
  seedLocked: false,
  steps: FALLBACK_DEFAULTS.steps,
  guidance: FALLBACK_DEFAULTS.guidance,
  sampler: FALLBACK_DEFAULTS.sampler,
  keepUnedited: true,
  negativeCaption: '',
  defaults: FALLBACK_DEFAULTS,
  customised: false,
}));

export function setSeed(seed: number): void {
  useStudioSettings.setState({ seed });
}

export function setSeedLocked(seedLocked: boolean): void {
  useStudioSettings.setState({ seedLocked });
}

export function setKeepUnedited(keepUnedited: boolean): void {
  useStudioSettings.setState({ keepUnedited });
}

export function setNegativeCaption(negativeCaption: string): void {
  useStudioSettings.setState({ negativeCaption });
}

export function rerollSeed(): number {
  const seed = randomSeed();
  useStudioSettings.setState({ seed });
  return seed;
}

export function setSteps(steps: number): void {
  useStudioSettings.setState({ steps, customised: true });
}

export function setGuidance(guidance: number): void {
  useStudioSettings.setState({ guidance, customised: true });
}

export function setSampler(sampler: SamplerName): void {
  useStudioSettings.setState({ sampler, customised: true });
}

/**
 * A newly loaded pack brings its defaults. They replace the current values unless the person has
 * already chosen their own (or restored an image's), which a pack load must not silently undo.
 */
export function adoptPackDefaults(defaults: PackDefaults): void {
  const state = useStudioSettings.getState();
  const sampler = defaults.samplers.includes(state.sampler) ? state.sampler : defaults.sampler;
  if (state.customised) useStudioSettings.setState({ defaults, sampler });
  else useStudioSettings.setState({ defaults, steps: defaults.steps, guidance: defaults.guidance, sampler: defaults.sampler });
}

export function resetToPackDefaults(): void {
  const { defaults } = useStudioSettings.getState();
  useStudioSettings.setState({ steps: defaults.steps, guidance: defaults.guidance, sampler: defaults.sampler, customised: false });
}

/** The seed for the next run: the locked one, or a fresh one that the controls then show. */
export function seedForNextRun(): number {
  const { seed, seedLocked } = useStudioSettings.getState();
  return seedLocked ? seed : rerollSeed();
}

/**
 * Restores the settings an image was made with (from a dropped PNG or a gallery item). The seed
 * is locked so that the next Generate reproduces the image. Returns what could not be restored.
 */
export function applyEmbeddedSettings(settings: EmbeddedSettings): string[] {
  const warnings: string[] = [];
  // An image without a negative caption was made with none (every PNG from before the field existed).
  const next: Partial<SettingsState> = { seed: settings.seed, seedLocked: true, steps: settings.steps, guidance: settings.guidance, negativeCaption: settings.negativeCaption ?? '', customised: true };
  if (isSamplerName(settings.sampler)) next.sampler = settings.sampler;
  else warnings.push(`The sampler “${settings.sampler}” is not available here; keeping ${useStudioSettings.getState().sampler}.`);
  useStudioSettings.setState(next);
  return warnings;
}

/** Current settings in the form PNGs and the gallery store them (a negative caption only when one was used). */
export function toEmbeddedSettings(
  settings: Pick<StudioSettings, 'steps' | 'guidance' | 'sampler'> & { seed: number; negativeCaption?: string | undefined },
  pack?: string,
): EmbeddedSettings {
  const { negativeCaption } = settings;
  return { seed: settings.seed, steps: settings.steps, guidance: settings.guidance, sampler: settings.sampler, ...(negativeCaption ? { negativeCaption } : {}), ...(pack ? { pack } : {}) };
}
