import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import { GalleryStorage } from './gallery/galleryStorage';
import type { LayoutDocument } from '../layout/types';
import { readLayoutFromPng } from '../png/layoutPngMetadata';
import { loadGallery, setGalleryDatabase, useGalleryStore } from './gallery/galleryStore';
import { useRunStore } from './run/runStore';
import { FALLBACK_DEFAULTS, useStudioSettings } from './settings/settingsStore';
import { StudioPanel } from './StudioPanel';
import { SCRIPTED_LCM_PACK, SCRIPTED_PACK, SCRIPTED_SD_PACK, ScriptedEngine, seedColour } from './testing/scriptedEngine';

const layout: LayoutDocument = {
  caption: 'a plain blue background',
  blobs: [
    { id: 'b1', cx: 0.3, cy: 0.4, a: 0.2, b: 0.1, theta: 0.3, description: 'a red blob' },
    { id: 'b2', cx: 0.7, cy: 0.6, a: 0.15, b: 0.1, theta: -1, description: 'a green blob' },
  ],
};

let root: Root | null = null;
let host: HTMLElement;

function mount(engine: ScriptedEngine, onRestoreLayout = vi.fn(), document_: LayoutDocument = layout) {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  // The double answers `info` and `load`; the pack URL is never fetched by the studio.
  act(() => root?.render(<StudioPanel layout={document_} onRestoreLayout={onRestoreLayout} engine={engine} packUrl="/no-such-pack/" />));
  return onRestoreLayout;
}

beforeEach(async () => {
  setGalleryDatabase(new GalleryStorage(`studio-test-${crypto.randomUUID()}`));
  useGalleryStore.setState({ status: 'loading', entries: [], problem: null });
  useRunStore.setState({ engine: { status: 'unloaded' }, progress: { status: 'idle' }, latest: null, previous: null, batch: [], outcome: null });
  useStudioSettings.setState({ seed: 7, seedLocked: false, steps: 4, guidance: 3, sampler: 'ddim', negativeCaption: '', defaults: FALLBACK_DEFAULTS, customised: true });
  await loadGallery();
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  host.remove();
});

describe('StudioPanel', () => {
  it('generates with live progress, shows the result and keeps it in the gallery with its layout embedded', async () => {
    const engine = new ScriptedEngine(40);
    mount(engine);
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('generate-progress-bar')).toBeVisible();
    await expect.element(page.getByTestId('generate-preview')).toBeVisible();
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    await expect.element(page.getByTestId('gallery-item')).toBeVisible();
    expect(engine.requests[0]?.options).toMatchObject({ steps: 4, guidance: 3, sampler: 'ddim', previewEvery: 1 });
    expect(engine.requests[0]?.layout).toEqual(layout);
    const latest = useRunStore.getState().latest;
    const embedded = readLayoutFromPng(new Uint8Array(await (latest?.png ?? new Blob()).arrayBuffer()));
    expect(embedded).toMatchObject({ ok: true, settings: { seed: latest?.settings.seed, steps: 4, guidance: 3, sampler: 'ddim' } });
    expect(embedded.ok && JSON.parse(embedded.layoutJson)).toMatchObject({ format: 'blobgen-layout', caption: layout.caption, blobs: layout.blobs });
  });

  it('Ctrl+Enter generates; Cancel stops within a step and the next Generate works', async () => {
    const engine = new ScriptedEngine(60);
    useStudioSettings.setState({ steps: 40 });
    mount(engine);
    // From inside a text field too: Ctrl+Enter is the "submit" chord, not a newline.
    await userEvent.click(page.getByTestId('seed-input'));
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await expect.element(page.getByText(/step \d+ of 40/)).toBeVisible(); // any step: a loaded machine may skip frames
    await userEvent.click(page.getByTestId('cancel-button'));
    await expect.element(page.getByTestId('run-outcome')).toHaveTextContent('Cancelled.');
    expect(useRunStore.getState().latest).toBeNull();
    useStudioSettings.setState({ steps: 2 });
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    expect(engine.requests).toHaveLength(2);
  });

  it('with the seed locked, regenerating reuses it and offers a before/after slider that works from the keyboard', async () => {
    const engine = new ScriptedEngine(5);
    mount(engine);
    await userEvent.click(page.getByTestId('seed-lock'));
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('compare-view')).toBeVisible();
    expect(engine.requests.map((r) => r.options.seed)).toEqual([7, 7]);
    await expect.element(page.getByText('Before / after (same seed)')).toBeVisible();
    const slider = page.getByTestId('compare-slider');
    await userEvent.click(slider);
    const before = Number((slider.element() as HTMLInputElement).value);
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(Number((slider.element() as HTMLInputElement).value)).toBe(before - 2);
  });

  it('with the seed locked a Generate asks for a local edit (unless switched off); variations never do', async () => {
    const engine = new ScriptedEngine(5);
    mount(engine);
    await expect.element(page.getByTestId('keep-unedited')).toBeDisabled(); // meaningless without a locked seed
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    await userEvent.click(page.getByTestId('seed-lock'));
    await expect.element(page.getByTestId('keep-unedited')).toBeChecked();
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('local-edit-note')).toHaveTextContent('Repainted only the edited blobs (2 regions); the rest of the image is kept.');
    await userEvent.click(page.getByTestId('keep-unedited'));
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.poll(() => engine.requests.length).toBe(3);
    await expect.element(page.getByTestId('local-edit-note')).not.toBeInTheDocument();
    await userEvent.click(page.getByTestId('keep-unedited'));
    await userEvent.click(page.getByTestId('variations-button'));
    await expect.element(page.getByTestId('variations')).toBeVisible();
    await vi.waitFor(() => expect(useRunStore.getState().progress.status).toBe('idle'), { timeout: 20_000 }); // all kept before the next test
    expect(engine.requests.map((r) => r.options.localEdit ?? false)).toEqual([false, true, false, false, false, false, false]);
  });

  it('variations make four images with four different seeds', async () => {
    const engine = new ScriptedEngine(5);
    mount(engine);
    await userEvent.click(page.getByTestId('variations-button'));
    await expect.element(page.getByTestId('variations')).toBeVisible();
    await vi.waitFor(() => expect(useGalleryStore.getState().entries).toHaveLength(4), { timeout: 20_000 }); // PNG encoding + IndexedDB, slow on a loaded machine
    const seeds = engine.requests.map((r) => r.options.seed);
    expect(new Set(seeds).size).toBe(4);
    expect(useRunStore.getState().batch.map((r) => Array.from(r.image.data.slice(0, 3)))).toEqual(seeds.map((s) => seedColour(s)));
  });

  it('takes the token counter and pack defaults from the engine\'s info answer, asked once, without loading the model', async () => {
    const engine = new ScriptedEngine(5);
    mount(engine);
    await expect.element(page.getByTestId('token-counter')).toBeVisible();
    expect(engine.infos).toBe(1);
    expect(engine.loads).toBe(0);
    expect(useStudioSettings.getState().defaults).toMatchObject(SCRIPTED_PACK.defaults);
  });

  it('bad numbers get a specific message and are not applied', async () => {
    mount(new ScriptedEngine(5));
    await userEvent.fill(page.getByTestId('steps-input'), '0');
    await expect.element(page.getByTestId('steps-input-error')).toHaveTextContent('The number of steps must be between 1 and 1000.');
    await userEvent.fill(page.getByTestId('guidance-input'), '1e9');
    await expect.element(page.getByTestId('guidance-input-error')).toHaveTextContent('“1e9” is not a number.');
    expect(useStudioSettings.getState()).toMatchObject({ steps: 4, guidance: 3 });
    await userEvent.fill(page.getByTestId('steps-input'), '12');
    expect(useStudioSettings.getState().steps).toBe(12);
    // The defaults are the pack's, from the engine's answer to `info` at mount (no fetch of its own).
    await userEvent.click(page.getByTestId('settings-reset'));
    expect(useStudioSettings.getState()).toMatchObject({ steps: SCRIPTED_PACK.defaults.steps, guidance: SCRIPTED_PACK.defaults.guidance });
    expect(SCRIPTED_PACK.defaults.steps).not.toBe(FALLBACK_DEFAULTS.steps);
  });

  it('gallery: restore a layout with its settings, delete one, clear all after confirming', async () => {
    const engine = new ScriptedEngine(5);
    const onRestore = mount(engine);
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('gallery-item')).toBeVisible();
    const seed = useRunStore.getState().latest?.settings.seed;
    useStudioSettings.setState({ seed: 1, steps: 9 });
    await userEvent.click(page.getByTestId('gallery-restore'));
    expect(onRestore).toHaveBeenCalledWith(layout);
    expect(useStudioSettings.getState()).toMatchObject({ seed, seedLocked: true, steps: 4 });

    await userEvent.click(page.getByTestId('generate-button'));
    await vi.waitFor(() => expect(page.getByTestId('gallery-item').elements()).toHaveLength(2));
    await userEvent.click(page.getByTestId('gallery-delete').first());
    await vi.waitFor(() => expect(page.getByTestId('gallery-item').elements()).toHaveLength(1));
    await userEvent.click(page.getByTestId('gallery-clear'));
    await userEvent.click(page.getByTestId('gallery-clear-no'));
    expect(page.getByTestId('gallery-item').elements()).toHaveLength(1);
    await userEvent.click(page.getByTestId('gallery-clear'));
    await userEvent.click(page.getByTestId('gallery-clear-yes'));
    await vi.waitFor(() => expect(page.getByTestId('gallery-item').elements()).toHaveLength(0));
    await loadGallery();
    expect(useGalleryStore.getState().entries).toHaveLength(0);
  });

  it('a pack like our trained one: no negative-caption field, nothing negative sent, guidance used as CFG', async () => {
    const engine = new ScriptedEngine(5);
    mount(engine);
    await expect.element(page.getByTestId('pack-summary')).toHaveTextContent('Model: scripted 0 · 16×16 · MIT');
    expect(page.getByTestId('negative-caption-input').elements()).toHaveLength(0);
    expect(page.getByTestId('guidance-note').elements()).toHaveLength(0);
    await expect.element(page.getByTestId('guidance-input')).toBeEnabled();
    expect(page.getByTestId('token-count').elements().map((e) => e.getAttribute('data-segment'))).toEqual(['caption', 'b1', 'b2']);
    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    expect(engine.requests[0]?.options).not.toHaveProperty('negativeCaption');
  });

  it('an SD-like pack: its defaults and samplers, a negative caption that reaches the engine and the PNG, CLIP cuts, sharp result at its size', async () => {
    useStudioSettings.setState({ customised: false });
    const engine = new ScriptedEngine(5, SCRIPTED_SD_PACK);
    const long: LayoutDocument = { caption: 'a red blob', blobs: layout.blobs.slice(0, 1).map((blob) => ({ ...blob, description: 'the blob is red with blue stripes on green' })) };
    mount(engine, vi.fn(), long);
    const negative = page.getByTestId('negative-caption-input');
    await expect.element(negative).toBeVisible();
    await expect.element(page.getByTestId('pack-summary')).toHaveTextContent('scripted-sd 0 · 24×16 · MIT · previews through its fast preview decoder (TAESD)');
    // The pack's defaults and only its samplers, with their labels.
    await expect.element(page.getByTestId('steps-input')).toHaveValue('6');
    await expect.element(page.getByTestId('guidance-input')).toHaveValue('7.5');
    const sampler = page.getByTestId('sampler-select').element() as HTMLSelectElement;
    expect(sampler.value).toBe('dpmpp-2m-karras');
    expect(Array.from(sampler.options, (o) => [o.value, o.text])).toEqual([
      ['dpmpp-2m-karras', 'DPM-Solver++ 2M Karras'],
      ['euler', 'Euler'],
      ['euler-ancestral', 'Euler Ancestral'],
    ]);
    // The counter frames every text as CLIP does ([BOS] + 4 words + [EOS] at L = 6) and shows the cut.
    await expect.element(page.getByTestId('token-summary')).toHaveTextContent('1 text is truncated, as Stable Diffusion does');
    expect(page.getByTestId('token-kept').element().textContent).toBe('the blob is red');
    expect(page.getByTestId('token-truncated').element().textContent).toBe(' with blue stripes on green');
    await userEvent.fill(negative, 'green stripes and more green');
    const negativeRow = page.getByTestId('token-count').elements().find((e) => e.getAttribute('data-segment') === 'negative');
    expect(negativeRow?.textContent).toMatch(/^Negative caption7 \/ 6/);
    await expect.element(page.getByTestId('token-summary')).toHaveTextContent('2 texts are truncated, as Stable Diffusion does');

    await userEvent.click(page.getByTestId('generate-button'));
    await expect.element(page.getByTestId('result-image')).toBeVisible();
    expect(engine.requests[0]?.options).toMatchObject({ negativeCaption: 'green stripes and more green', steps: 6, guidance: 7.5, sampler: 'dpmpp-2m-karras', previewEvery: 1 });
    const canvas = page.getByTestId('result-image').element() as HTMLCanvasElement;
    expect([canvas.width, canvas.height]).toEqual([24, 16]);
    // A tiny image is enlarged by a whole factor (13 × 24 = 312 px ≤ 320) and drawn nearest-neighbour.
    expect(canvas.getBoundingClientRect().width).toBeCloseTo(312, 0);
    expect(getComputedStyle(canvas).imageRendering).toBe('pixelated');
    const latest = useRunStore.getState().latest;
    const embedded = readLayoutFromPng(new Uint8Array(await (latest?.png ?? new Blob()).arrayBuffer()));
    expect(embedded).toMatchObject({ ok: true, settings: { negativeCaption: 'green stripes and more green', sampler: 'dpmpp-2m-karras' } });
    await expect.element(page.getByTestId('result-settings')).toHaveTextContent('negative “green stripes and more green”');
    // Restoring the image brings its negative caption back.
    await userEvent.fill(negative, 'something else');
    await userEvent.click(page.getByTestId('gallery-restore'));
    await expect.element(negative).toHaveValue('green stripes and more green');
  });

  it('an LCM-like pack: no negative caption, guidance kept and explained as an embedding, only the LCM sampler', async () => {
    useStudioSettings.setState({ customised: false });
    mount(new ScriptedEngine(5, SCRIPTED_LCM_PACK));
    await expect.element(page.getByTestId('guidance-note')).toHaveTextContent('takes the guidance scale as an input (LCM)');
    await expect.element(page.getByTestId('guidance-input')).toBeEnabled();
    await expect.element(page.getByTestId('guidance-input')).toHaveValue('8.5');
    expect(page.getByTestId('negative-caption-input').elements()).toHaveLength(0);
    expect(Array.from((page.getByTestId('sampler-select').element() as HTMLSelectElement).options, (o) => o.text)).toEqual(['LCM']);
  });

  it('an SD-Turbo-like pack (no CFG, no embedding): the guidance field says it is not used', async () => {
    mount(new ScriptedEngine(5, { ...SCRIPTED_SD_PACK, conditioning: { mode: 'training-free', negativeCaption: false, guidance: 'none' }, samplers: ['euler'], defaults: { steps: 1, guidance: 0, sampler: 'euler' } }));
    await expect.element(page.getByTestId('guidance-note')).toHaveTextContent('Not used: this model samples without classifier-free guidance');
    await expect.element(page.getByTestId('guidance-input')).toBeDisabled();
  });
});
