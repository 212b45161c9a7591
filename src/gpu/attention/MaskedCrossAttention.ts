import attentionWgsl from '../../../shaders/masked_cross_attention.wgsl?raw';
import type { BlobMaskSet } from '../masks/BlobMaskRasterizer';
import { GpuMemoryTracker } from '../bufferLedger';
import { isSoftwareDevice } from '../device/gpuDevice';
import { KernelInputError, expectBufferSize, expectStorageUsage } from '../gpuValidation';
import { validatePlan, validateStrengths, wgslConst } from './attentionPlanValidation';
import { cachedComputePipeline } from '../pipelineCache';
import type { MaskedAttentionShape, SegmentEntry } from '../../reference/maskedAttention';
import { packWgslStruct, packWgslStructArray, wgslStructLayout } from '../wgslStructLayout';

const PARAMS = wgslStructLayout(attentionWgsl, 'AttentionParams');
const ENTRY = wgslStructLayout(attentionWgsl, 'SegmentEntry');
const ITEM = wgslStructLayout(attentionWgsl, 'BatchItem');

const TILE_PIXELS = wgslConst('TILE_PIXELS');
const KV_TILE_VEC4 = wgslConst('KV_TILE_VEC4');
const MAX_TILE_TOKENS = wgslConst('MAX_TILE_TOKENS');

/**
 * `tiled` stages K/V in workgroup memory (real GPUs); `direct` is barrier-free (software
 * adapters such as SwiftShader, where barriers cost ~9x); `auto` picks from the device's adapter.
 */
export type AttentionVariant = 'tiled' | 'direct';

export function preferredAttentionVariant(device: GPUDevice): AttentionVariant {
  return isSoftwareDevice(device) ? 'direct' : 'tiled';
}

export interface AttentionMasks {
  buffer: GPUBuffer;
  /** First float32 element of the site's float32[blobCount, HW] masks inside `buffer`. */
  offset: number;
  blobCount: number;
}

/** The masks of one site of a BlobMaskSet, checked against the attention site's pixel count. */
export function siteMasks(set: BlobMaskSet, siteIndex: number): AttentionMasks {
  const site = set.sites[siteIndex];
  if (!site) throw new KernelInputError(`Mask set has ${set.sites.length} sites; site ${siteIndex} does not exist.`);
  return { buffer: set.buffer, offset: site.offset, blobCount: set.blobCount };
}

export interface AttentionPlanInput extends MaskedAttentionShape {
  /** Valid tokens of each of the S segments (1..L). */
  tokenCounts: readonly number[];
  /** Segment list of each batch item; each item needs an always-visible (mask −1) segment. */
  items: readonly (readonly SegmentEntry[])[];
  /** Required when any entry has a mask index ≥ 0. */
  masks?: AttentionMasks;
}

/** Per-site, per-image state: segment tables and uniforms uploaded once, reused every step. */
export interface AttentionPlan {
  readonly shape: Readonly<MaskedAttentionShape>;
  readonly variant: AttentionVariant;
  /** The WGSL entry point this plan dispatches (main_direct32 is main_direct unrolled for d = 32). */
  readonly entryPoint: 'main_tiled' | 'main_direct' | 'main_direct32';
  /** Bytes of Q and of the output: batch · HW · heads · d · 4. */
  readonly activationBytes: number;
  /** Bytes each of K and V must hold: S · L · heads · d · 4. */
  readonly textBytes: number;
  destroy(): void;
}

interface PackedEntry {
  segment: number;
  mask: number;
  tokens: number;
  strength: number;
}

interface PlanState extends AttentionPlan {
  readonly pipeline: GPUComputePipeline;
  /** The entry table as uploaded, per batch item; setStrengths repacks it. */
  readonly entryLists: readonly (readonly PackedEntry[])[];
  readonly bindInputs: { masks: GPUBuffer; entries: GPUBuffer; items: GPUBuffer; params: GPUBuffer };
}

export interface AttentionBuffers {
  /** float32[batch, HW, heads·d], e.g. an ORT output (`tensor.gpuBuffer`). */
  q: GPUBuffer;
  /** float32[S, L, heads·d] */
  k: GPUBuffer;
  v: GPUBuffer;
  /** float32[batch, HW, heads·d]; must not alias q. */
  output: GPUBuffer;
}

/**
 * Fused masked cross-attention (shaders/masked_cross_attention.wgsl): one dispatch per site and
 * step, on any GPUDevice (including ORT's), reading and writing GPUBuffers that ORT produces and
 * consumes.
 */
export class MaskedCrossAttention {
  readonly memory: GpuMemoryTracker;
  readonly variant: AttentionVariant;
  private readonly emptyMasks: GPUBuffer;

  constructor(
    private readonly device: GPUDevice,
    options: { variant?: AttentionVariant | 'auto'; memory?: GpuMemoryTracker } = {},
  ) {
    this.memory = options.memory ?? new GpuMemoryTracker();
    this.variant = !options.variant || options.variant === 'auto' ? preferredAttentionVariant(device) : options.variant;
    // Bound when a site has no blob masks: a binding can never be empty.
    this.emptyMasks = this.memory.createBuffer(device, { label: 'no masks', size: 16, usage: GPUBufferUsage.STORAGE });
  }

  /** GPU bytes currently allocated through this wrapper's tracker (plans not yet destroyed). */
  get allocatedBytes(): number {
    return this.memory.allocatedBytes;
  }

  /** Validates one site's configuration and uploads its segment tables and uniforms. */
  plan(input: AttentionPlanInput): AttentionPlan {
    validatePlan(input);
    const channels = input.heads * input.headDim;
    const largest = Math.max(input.batch * input.pixels, input.segments * input.tokensPerSegment) * channels * 4;
    const limit = this.device.limits.maxStorageBufferBindingSize;
    if (largest > limit) {
      throw new KernelInputError(`Attention tensors of ${largest} bytes exceed this device's maxStorageBufferBindingSize (${limit}); request a larger limit when creating the device.`);
    }
    const headDim4 = input.headDim / 4;
    const entryLists = input.items.map((list) =>
      list.map(({ segment, mask, strength }) => ({ segment, mask, tokens: input.tokenCounts[segment] ?? 0, strength: strength ?? 1 })),
    );
    const entries = entryLists.flat();
    let firstEntry = 0;
    const items = entryLists.map((list) => {
      const item = { firstEntry, entryCount: list.length };
      firstEntry += list.length;
      return item;
    });
    const params = new ArrayBuffer(Math.ceil(PARAMS.size / 16) * 16);
    packWgslStruct(
      PARAMS,
      {
        pixels: input.pixels,
        heads: input.heads,
        channels4: channels / 4,
        tokensPerSegment: input.tokensPerSegment,
        maskOffset: input.masks?.offset ?? 0,
        scale: 1 / Math.sqrt(input.headDim),
        tileTokens: Math.min(MAX_TILE_TOKENS, Math.floor(KV_TILE_VEC4 / headDim4)),
      },
      params,
    );
    const upload = (data: ArrayBuffer, usage: number, label: string) => {
      const buffer = this.memory.createBuffer(this.device, { label, size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const bindInputs = {
      masks: input.masks?.buffer ?? this.emptyMasks,
      entries: upload(packWgslStructArray(ENTRY, entries), GPUBufferUsage.STORAGE, 'attention segment entries'),
      items: upload(packWgslStructArray(ITEM, items), GPUBufferUsage.STORAGE, 'attention batch items'),
      params: upload(params, GPUBufferUsage.UNIFORM, 'attention params'),
    };
    const memory = this.memory;
    // The head width is a compile-time fact (WGSL override): one pipeline per (variant, d), cached per device.
    const entryPoint = this.variant === 'tiled' ? 'main_tiled' : input.headDim === 32 ? 'main_direct32' : 'main_direct';
    const pipeline = cachedComputePipeline(this.device, `masked_cross_attention:${entryPoint}:d${input.headDim}`, attentionWgsl, entryPoint, {
      HEAD_DIM4: headDim4,
    });
    const plan: PlanState = {
      pipeline,
      entryLists,
      entryPoint,
      shape: {
        batch: input.batch,
        pixels: input.pixels,
        heads: input.heads,
        headDim: input.headDim,
        segments: input.segments,
        tokensPerSegment: input.tokensPerSegment,
      },
      variant: this.variant,
      activationBytes: input.batch * input.pixels * channels * 4,
      textBytes: input.segments * input.tokensPerSegment * channels * 4,
      bindInputs,
      destroy: () => {
        memory.release(bindInputs.entries);
        memory.release(bindInputs.items);
        memory.release(bindInputs.params);
      },
    };
    return plan;
  }

  /**
   * Sets every entry's strength for the next dispatches (same shape as the plan's `items`): one
   * small write of the entry table, no new plan and no extra pass, so a sampler can change blob
   * weights at every step (per-blob strength and active steps).
   */
  setStrengths(plan: AttentionPlan, strengths: readonly (readonly number[])[]): void {
    const state = plan as PlanState;
    if (!state.entryLists) throw new KernelInputError('This plan was made by a different MaskedCrossAttention instance; make plans with the one that sets their strengths.');
    if (strengths.length !== state.entryLists.length) {
      throw new KernelInputError(`Strengths must give one list per batch item (${state.entryLists.length}), got ${strengths.length}.`);
    }
    const entries = state.entryLists.flatMap((list, n) => {
      const values = strengths[n] ?? [];
      if (values.length !== list.length) throw new KernelInputError(`Batch item ${n} has ${list.length} entries; got ${values.length} strengths.`);
      const updated = list.map((entry, i) => ({ ...entry, strength: values[i] ?? 1 }));
      validateStrengths(updated, `Item ${n}`);
      return updated;
    });
    this.device.queue.writeBuffer(state.bindInputs.entries, 0, packWgslStructArray(ENTRY, entries));
  }

  /** Allocates (and tracks) a float32[batch, HW, heads·d] output buffer that ORT can also read. */
  createOutput(plan: AttentionPlan, label = 'attention output'): GPUBuffer {
    return this.memory.createBuffer(this.device, {
      label,
      size: plan.activationBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
  }

  /** Records the attention dispatch into `encoder` (no submit: callers batch it with other work). */
  encode(encoder: GPUCommandEncoder, plan: AttentionPlan, buffers: AttentionBuffers): void {
    const state = plan as PlanState;
    if (state.variant !== this.variant || !state.bindInputs) {
      throw new KernelInputError('This plan was made by a different MaskedCrossAttention instance; make plans with the one that encodes them.');
    }
    for (const name of ['q', 'k', 'v', 'output'] as const) expectStorageUsage(`Attention ${name}`, buffers[name]);
    expectBufferSize('Attention q (float32[batch, HW, heads·d])', buffers.q, plan.activationBytes);
    expectBufferSize('Attention output (float32[batch, HW, heads·d])', buffers.output, plan.activationBytes);
    expectBufferSize('Attention k (float32[S, L, heads·d])', buffers.k, plan.textBytes);
    expectBufferSize('Attention v (float32[S, L, heads·d])', buffers.v, plan.textBytes);
    if (buffers.output === buffers.q || buffers.output === buffers.k || buffers.output === buffers.v) {
      throw new KernelInputError('Attention output must be a different GPUBuffer from q, k and v (the kernel reads them while it writes).');
    }
    const { masks, entries, items, params } = state.bindInputs;
    const bindGroup = this.device.createBindGroup({
      label: 'masked cross-attention',
      layout: state.pipeline.getBindGroupLayout(0),
      entries: [buffers.q, buffers.k, buffers.v, masks, entries, items, buffers.output, params].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
    const pass = encoder.beginComputePass({ label: 'masked cross-attention' });
    pass.setPipeline(state.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(plan.shape.pixels / TILE_PIXELS), plan.shape.heads, plan.shape.batch);
    pass.end();
  }

  /** Encodes and submits one dispatch. */
  run(plan: AttentionPlan, buffers: AttentionBuffers): void {
    const encoder = this.device.createCommandEncoder({ label: 'masked cross-attention' });
    this.encode(encoder, plan, buffers);
    this.device.queue.submit([encoder.finish()]);
  }

  /** Releases every plan still alive and the wrapper's own buffers. */
  destroy(): void {
    this.memory.releaseAll();
  }
}
