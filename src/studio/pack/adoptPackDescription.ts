/**
 * The one place where a pack's description enters the studio, whether it came from the engine's
 * answer to `info` (on mount) or to `load` (first Generate): the mask view, token counter and
 * fidelity readout read it from the run store, and the settings adopt the pack's defaults.
 */
import type { PackDescription } from '../../worker/protocol';
import { useRunStore } from '../run/runStore';
import { adoptPackDefaults } from '../settings/settingsStore';

export function adoptPackDescription(description: PackDescription): void {
  adoptPackDefaults({ ...description.defaults, samplers: description.samplers });
  useRunStore.setState({ details: { status: 'ready', details: description } });
}
