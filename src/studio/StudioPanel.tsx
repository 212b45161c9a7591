/**
 * The generation studio around the editor: settings, Generate / Variations / Cancel with live
 * progress, the result with download, before/after and colour fidelity, the token counter, the
 * mask view and the gallery. Self-contained: it talks to the inference worker through
 * EngineClient (its own, started on the first Generate, unless `engine` is given) and keeps its
 * state in its own session stores; the editor's document comes in as `layout` and goes back out
 * only through `onRestoreLayout`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { SegmentTokenizer } from '../engine/segmentTokens';
import { env } from '../config/env';
import type { LayoutDocument } from '../layout/types';
import { GalleryPanel } from './gallery/GalleryPanel';
import { MaskView } from './masks/MaskView';
import { useGpuMasks } from './masks/useGpuMasks';
import { usePackDescription } from './pack/usePackDescription';
import { GenerateControls } from './run/GenerateControls';
import { ResultView } from './run/ResultView';
import { useRunStore } from './run/runStore';
import type { StudioEngine } from './run/studioEngine';
import { useGenerateShortcut } from './run/useGenerateShortcut';
import { useStudioRunner } from './run/useStudioRunner';
import { browserHasWebGpu, NO_WEBGPU_MESSAGE } from './run/webGpuSupport';
import { SettingsControls } from './settings/SettingsControls';
import { useStudioSettings } from './settings/settingsStore';
import { PackSummary } from './pack/PackSummary';
import { ModelManager } from './models';
import { TokenCounter } from './tokens/TokenCounter';
import './studio.css';

export interface StudioPanelProps {
  /** The editor's current document (what Generate uses, what the counters and mask view show). */
  layout: LayoutDocument;
  /** Replaces the editor's document (one undoable step): gallery "restore", dropped PNGs. */
  onRestoreLayout: (document: LayoutDocument) => void;
  /** Model pack folder or manifest URL (default: `env.defaultPackUrl`, src/config/env.ts). */
  packUrl?: string;
  /** The inference worker client; defaults to a new EngineClient (tests pass a double). */
  engine?: StudioEngine;
}

export function StudioPanel({ layout, onRestoreLayout, packUrl = env.defaultPackUrl, engine }: StudioPanelProps) {
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);
  const getLayout = useCallback(() => layoutRef.current, []);
  const runner = useStudioRunner({ packUrl, getLayout, ...(engine ? { engine } : {}) });
  usePackDescription(runner.engine, packUrl);
  const canGenerate = Boolean(engine) || browserHasWebGpu();
  const generate = useCallback(() => {
    if (canGenerate) void runner.generate();
  }, [runner, canGenerate]);
  useGenerateShortcut(generate);
  const details = useRunStore((s) => s.details);
  const engineState = useRunStore((s) => s.engine);
  const [masksOpen, setMasksOpen] = useState(false);
  const gpuMasks = useGpuMasks(runner.engine, layout, masksOpen && engineState.status === 'ready');
  // Opening the mask view loads the pack, so that it shows the GPU's own masks, not only the reference.
  useEffect(() => {
    if (masksOpen && canGenerate && engineState.status === 'unloaded') void runner.prepare();
  }, [masksOpen, canGenerate, engineState.status, runner]);
  const description = details.status === 'ready' ? details.details : null;
  const vocabulary = description?.colours;
  // The engine's own tokenizer with the pack's framing (CLIP packs: [BOS] … [EOS], 77 tokens).
  const tokenizer = useMemo(
    () => (description ? new SegmentTokenizer(description.tokenizer.vocabulary, description.tokenizer.maxTokens, description.tokenizer.framing) : null),
    [description],
  );
  const packSupport = useMemo(
    () => (description ? { negativeCaption: description.conditioning.negativeCaption, guidance: description.conditioning.guidance } : null),
    [description],
  );
  const negativeCaption = useStudioSettings((s) => s.negativeCaption);

  return (
    <section id="studio-panel" className="panel-section studio-panel" aria-labelledby="studio-heading" data-testid="studio-panel">
      <h2 id="studio-heading">Generate</h2>
      {details.status === 'failed' ? (
        <p className="studio-message is-warning" data-testid="pack-details-error">
          The model pack’s details could not be read ({details.message}). Generation may still work once the pack is available.
        </p>
      ) : null}
      {description ? <PackSummary description={description} /> : null}
      <ModelManager packUrl={packUrl} />
      <SettingsControls disabled={false} pack={packSupport} />
      <GenerateControls runner={runner} {...(canGenerate ? {} : { unavailable: NO_WEBGPU_MESSAGE })} />
      <ResultView {...(vocabulary ? { vocabulary } : {})} />
      {description && tokenizer ? (
        <>
          <details className="studio-disclosure" open>
            <summary>Token counter</summary>
            <TokenCounter layout={layout} tokenizer={tokenizer} {...(description.conditioning.negativeCaption ? { negativeCaption } : {})} />
          </details>
          <details className="studio-disclosure" data-testid="mask-disclosure" onToggle={(event) => setMasksOpen(event.currentTarget.open)}>
            <summary>Mask view</summary>
            {masksOpen ? <MaskView layout={layout} details={description} gpuSites={gpuMasks} /> : null}
          </details>
        </>
      ) : null}
      <GalleryPanel onRestoreLayout={onRestoreLayout} />
    </section>
  );
}
