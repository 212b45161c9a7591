import { clipText } from '../../layout/textUnits';
import { CompareSlider } from '../compare/CompareSlider';
import type { ColourVocabulary } from '../fidelity/colourFidelity';
import { FidelityReadout } from '../fidelity/FidelityReadout';
import { RgbaCanvas } from '../image/RgbaCanvas';
import { RESULT_BOX_PX } from '../image/pixelPresentation';
import { downloadBlob, resultFilename } from '../image/encodePng';
import { setSeed, setSeedLocked } from '../settings/settingsStore';
import { useRunStore, type StudioResult } from './runStore';

function describe(result: StudioResult): string {
  const s = result.settings;
  const negative = s.negativeCaption ? `, negative “${clipText(s.negativeCaption, 40)}”` : '';
  return `seed ${s.seed}, ${s.steps} steps, guidance ${s.guidance}, ${s.sampler}${negative}`;
}

function lockSeed(seed: number): void {
  setSeed(seed);
  setSeedLocked(true);
}

/** The latest result with download and fidelity, the before/after comparison, and the variations. */
export function ResultView({ vocabulary }: { vocabulary?: ColourVocabulary }) {
  const latest = useRunStore((s) => s.latest);
  const previous = useRunStore((s) => s.previous);
  const batch = useRunStore((s) => s.batch);
  if (!latest) return <p className="empty-note">Results appear here. Lock the seed, edit one blob and generate again to see only that part change.</p>;
  const comparable = previous && previous.image.width === latest.image.width && previous.image.height === latest.image.height;
  const sameSeed = previous?.settings.seed === latest.settings.seed;
  return (
    <section className="studio-result" aria-label="Result" data-testid="studio-result">
      <RgbaCanvas image={latest.image} label={`Generated image, ${describe(latest)}`} className="studio-result-image" testId="result-image" box={RESULT_BOX_PX} />
      <p className="studio-hint" data-testid="result-settings">
        {describe(latest)}
      </p>
      {latest.localEdit ? (
        <p className="studio-hint" data-testid="local-edit-note" data-applied={String(latest.localEdit.applied)}>
          {latest.localEdit.applied
            ? latest.localEdit.regions === 0
              ? 'Nothing changed since the last image, so it was kept as it was.'
              : `Repainted only the edited blobs (${latest.localEdit.regions} region${latest.localEdit.regions === 1 ? '' : 's'}); the rest of the image is kept.`
            : `Repainted the whole image: ${latest.localEdit.reason}.`}
        </p>
      ) : null}
      <div className="studio-button-row">
        <button type="button" onClick={() => downloadBlob(latest.png, resultFilename(latest.settings))} data-testid="download-png">
          Download PNG
        </button>
        <button type="button" onClick={() => lockSeed(latest.settings.seed)} data-testid="lock-result-seed">
          Keep this seed
        </button>
      </div>
      {batch.length > 1 ? (
        <div className="studio-variations" data-testid="variations">
          <h3>Variations</h3>
          <ul>
            {batch.map((result) => (
              <li key={result.id}>
                <RgbaCanvas image={result.image} label={`Variation with seed ${result.settings.seed}`} />
                <button type="button" onClick={() => lockSeed(result.settings.seed)} data-testid="variation-use-seed">
                  Use seed {result.settings.seed}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {comparable ? (
        <div>
          <h3>Before / after{sameSeed ? ' (same seed)' : ''}</h3>
          <CompareSlider before={previous.image} after={latest.image} beforeLabel={describe(previous)} afterLabel={describe(latest)} />
        </div>
      ) : null}
      {vocabulary ? <FidelityReadout image={latest.image} layout={latest.layout} vocabulary={vocabulary} /> : null}
    </section>
  );
}
