import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SAMPLER_INFO } from '../../engine/schedulers/samplers';
import { MAX_CAPTION_LENGTH } from '../../layout/limits';
import type { GuidanceUse } from '../../worker/packDescription';
import { parseGuidanceInput, parseSeedInput, parseStepsInput } from './settingInputs';
import {
  rerollSeed,
  resetToPackDefaults,
  setGuidance,
  setKeepUnedited,
  setNegativeCaption,
  setSampler,
  setSeed,
  setSeedLocked,
  setSteps,
  useStudioSettings,
} from './settingsStore';
import { isSamplerName } from '../../engine/samplingSettings';
import { ValidatedNumberField } from './ValidatedNumberField';

const SAMPLER_LABELS = Object.fromEntries(Object.entries(SAMPLER_INFO).map(([name, info]) => [name, info.label])) as Record<keyof typeof SAMPLER_INFO, string>;

/** What the controls need to know about the loaded pack (from its description; null until it is known). */
export interface PackSettingsSupport {
  negativeCaption: boolean;
  guidance: GuidanceUse;
}

const GUIDANCE_NOTES: Record<Exclude<GuidanceUse, 'cfg'>, string> = {
  embedding: 'This model takes the guidance scale as an input (LCM): no classifier-free guidance, one pass per step.',
  none: 'Not used: this model samples without classifier-free guidance (e.g. SD-Turbo).',
};

/**
 * Seed (locked or drawn per run, with re-roll), steps, guidance and sampler (the pack's own list),
 * the negative caption for packs that take one, with a reset to the pack's defaults.
 */
export function SettingsControls({ disabled, pack = null }: { disabled: boolean; pack?: PackSettingsSupport | null }) {
  const negativeId = useId();
  const s = useStudioSettings(
    useShallow((state) => ({
      seed: state.seed,
      seedLocked: state.seedLocked,
      steps: state.steps,
      guidance: state.guidance,
      sampler: state.sampler,
      keepUnedited: state.keepUnedited,
      negativeCaption: state.negativeCaption,
      defaults: state.defaults,
    })),
  );
  const guidance = pack?.guidance ?? 'cfg';
  const atDefaults = s.steps === s.defaults.steps && s.guidance === s.defaults.guidance && s.sampler === s.defaults.sampler;
  return (
    <fieldset className="studio-settings" data-testid="studio-settings">
      <legend>Settings</legend>
      <div className="studio-seed-row">
        <ValidatedNumberField label="Seed" value={s.seed} parse={parseSeedInput} onApply={setSeed} testId="seed-input" disabled={disabled} />
        <label className="studio-check">
          <input type="checkbox" checked={s.seedLocked} onChange={(e) => setSeedLocked(e.target.checked)} data-testid="seed-lock" disabled={disabled} />
          Lock seed
        </label>
        <button type="button" onClick={() => rerollSeed()} data-testid="seed-reroll" disabled={disabled} title="Draw a new random seed">
          Re-roll
        </button>
      </div>
      <p className="studio-hint">{s.seedLocked ? 'Every Generate uses this seed: edit a blob and regenerate to change only that part.' : 'Each Generate draws a new seed.'}</p>
      <label className="studio-check" title="Repaint only where blobs were added, removed, moved or re-described since the last image; everything else stays pixel for pixel. Needs the same seed, steps, guidance and sampler.">
        <input type="checkbox" checked={s.keepUnedited} onChange={(e) => setKeepUnedited(e.target.checked)} data-testid="keep-unedited" disabled={disabled || !s.seedLocked} />
        Keep unedited areas (locked seed)
      </label>
      <div className="studio-settings-grid">
        <ValidatedNumberField label="Steps" value={s.steps} parse={parseStepsInput} onApply={setSteps} testId="steps-input" disabled={disabled} />
        <ValidatedNumberField
          label="Guidance"
          value={s.guidance}
          parse={parseGuidanceInput}
          onApply={setGuidance}
          testId="guidance-input"
          inputMode="decimal"
          disabled={disabled || guidance === 'none'}
        />
        <div className="studio-field">
          <label htmlFor="studio-sampler">Sampler</label>
          <select
            id="studio-sampler"
            value={s.sampler}
            disabled={disabled}
            data-testid="sampler-select"
            onChange={(e) => {
              if (isSamplerName(e.target.value)) setSampler(e.target.value);
            }}
          >
            {s.defaults.samplers.map((name) => (
              <option key={name} value={name}>
                {SAMPLER_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {guidance !== 'cfg' ? (
        <p className="studio-hint" data-testid="guidance-note" data-guidance={guidance}>
          Guidance: {GUIDANCE_NOTES[guidance]}
        </p>
      ) : null}
      {pack?.negativeCaption ? (
        <div className="studio-field">
          <label htmlFor={negativeId}>Negative caption</label>
          <textarea
            id={negativeId}
            rows={2}
            value={s.negativeCaption}
            maxLength={MAX_CAPTION_LENGTH}
            disabled={disabled}
            placeholder="What the image should not show (empty: none)"
            aria-describedby={`${negativeId}-hint`}
            data-testid="negative-caption-input"
            onChange={(e) => setNegativeCaption(e.target.value)}
          />
          <p id={`${negativeId}-hint`} className="studio-hint">
            Steers away from this text (the unconditional side of classifier-free guidance).
          </p>
        </div>
      ) : null}
      <button type="button" onClick={resetToPackDefaults} disabled={disabled || atDefaults} data-testid="settings-reset">
        Reset to pack defaults ({s.defaults.steps} steps, guidance {s.defaults.guidance}, {SAMPLER_LABELS[s.defaults.sampler]})
      </button>
    </fieldset>
  );
}
