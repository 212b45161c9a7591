import blobMasksWgsl from '../../../shaders/blob_masks.wgsl?raw';
import { GpuMemoryTracker } from '../bufferLedger';
import { encodeLinearDispatch } from '../linearDispatch';
import { KernelInputError, expectInteger } from '../gpuValidation';
import { cachedComputePipeline } from '../pipelineCache';
import { effectiveFeatherWidth, isBlobValid, type BlobGeometry, type MaskModeOptions } from '../../reference/blobMasks';
import { packWgslStruct, packWgslStructArray, wgslStructLayout } from '../wgslStructLayout';

const BLOB = wgslStructLayout(blobMasksWgsl, 'BlobParams');
const SITE = wgslStructLayout(blobMasksWgsl, 'MaskSite');
const PARAMS = wgslStructLayout(blobMasksWgsl, 'MaskParams');
const MODE_CODES = { coverage: 0, hard: 1, feather: 2 } as const;
const WORKGROUP = 64;
/** Each site starts 256 bytes aligned so that it can also be bound alone with a buffer offset. */
const SITE_ALIGN_ELEMENTS = 64;
const MAX_MAP_SIDE = 1024;
const MAX_BLOBS = 4096;

export interface MaskSiteShape {
  height: number;
  width: number;
}

export interface MaskSiteSlice extends MaskSiteShape {
  /** First float32 element of this site's float32[blobCount, height, width] block. */
  offset: number;
}

/** Masks of one layout at every site, in one GPU buffer (the layout MaskedCrossAttention reads). */
export interface BlobMaskSet {
  readonly buffer: GPUBuffer;
  readonly blobCount: number;
  readonly sites: readonly MaskSiteSlice[];
  /** Frees the buffer (and its share of the rasteriser's allocation count). */
  destroy(): void;
}

/** Where each site's block starts, and the total element count (exported for tests and planners). */
export function planMaskSites(sites: readonly MaskSiteShape[], blobCount: number): { slices: MaskSiteSlice[]; totalElements: number } {
  let offset = 0;
  const slices = sites.map((site) => {
    const slice = { ...site, offset };
    offset += Math.ceil((blobCount * site.height * site.width) / SITE_ALIGN_ELEMENTS) * SITE_ALIGN_ELEMENTS;
    return slice;
  });
  return { slices, totalElements: offset };
}

/**
 * Rasterises blob masks for every cross-attention site in one dispatch (shaders/blob_masks.wgsl).
 * Works on any GPUDevice, including the one ONNX Runtime owns.
 */
export class BlobMaskRasterizer {
  readonly memory: GpuMemoryTracker;
  private readonly pipeline: GPUComputePipeline;

  constructor(
    private readonly device: GPUDevice,
    options: { memory?: GpuMemoryTracker } = {},
  ) {
    this.memory = options.memory ?? new GpuMemoryTracker();
    this.pipeline = cachedComputePipeline(device, 'blob_masks', blobMasksWgsl, 'main');
  }

  /** GPU bytes currently allocated through this rasteriser's tracker (mask sets not yet destroyed). */
  get allocatedBytes(): number {
    return this.memory.allocatedBytes;
  }

  /** Validates, uploads the blob parameters and submits one dispatch; the result stays on the GPU. */
  rasterize(blobs: readonly BlobGeometry[], sites: readonly MaskSiteShape[], options: MaskModeOptions): BlobMaskSet {
    validate(blobs, sites, options);
    const { slices, totalElements } = planMaskSites(sites, blobs.length);
    const maxBytes = this.device.limits.maxStorageBufferBindingSize;
    if (totalElements * 4 > maxBytes) {
      throw new KernelInputError(`Masks need ${totalElements * 4} bytes, more than this device's storage binding limit of ${maxBytes}.`);
    }
    const memory = this.memory;
    const output = memory.createBuffer(this.device, {
      label: 'blob masks',
      size: Math.max(256, totalElements * 4),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    const set: BlobMaskSet = { buffer: output, blobCount: blobs.length, sites: slices, destroy: () => memory.release(output) };
    if (blobs.length === 0) return set;

    const blobData = packWgslStructArray(BLOB, blobs.map((blob) => packBlob(blob, effectiveFeatherWidth(blob, options))));
    const siteData = packWgslStructArray(
      SITE,
      slices.map((s) => ({ height: s.height, width: s.width, offset: s.offset, cells: blobs.length * s.height * s.width })),
    );
    const paramData = new ArrayBuffer(Math.ceil(PARAMS.size / 16) * 16);
    packWgslStruct(PARAMS, { blobCount: blobs.length, siteCount: slices.length, mode: MODE_CODES[options.mode], totalCells: totalElements }, paramData);

    // Small per-call inputs: uploaded, used by one submit, then released (rasterisation runs once per image).
    const upload = (data: ArrayBuffer, usage: number, label: string) => {
      const buffer = memory.createBuffer(this.device, { label, size: data.byteLength, usage: usage | GPUBufferUsage.COPY_DST });
      this.device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const inputs = [
      upload(blobData, GPUBufferUsage.STORAGE, 'blob params'),
      upload(siteData, GPUBufferUsage.STORAGE, 'mask sites'),
      upload(paramData, GPUBufferUsage.UNIFORM, 'mask params'),
    ] as const;
    const bindGroup = this.device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [inputs[0], inputs[1], output, inputs[2]].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const encoder = this.device.createCommandEncoder({ label: 'blob masks' });
    encodeLinearDispatch(encoder, this.pipeline, bindGroup, totalElements, WORKGROUP, 'blob masks');
    this.device.queue.submit([encoder.finish()]);
    // Destroying after submit is safe: WebGPU keeps the buffers alive until the queued work ran.
    for (const buffer of inputs) memory.release(buffer);
    return set;
  }

  /** Releases every mask set still alive. Pipelines are shared per device and stay cached. */
  destroy(): void {
    this.memory.releaseAll();
  }
}

function packBlob(blob: BlobGeometry, featherWidth: number) {
  const valid = isBlobValid(blob);
  const theta = Math.fround(blob.theta);
  return {
    center: valid ? [blob.cx, blob.cy] : [0, 0],
    cosSin: valid ? [Math.cos(theta), Math.sin(theta)] : [1, 0],
    axesSquared: valid ? [Math.fround(blob.a) * Math.fround(blob.a), Math.fround(blob.b) * Math.fround(blob.b)] : [1, 1],
    featherScale: valid && featherWidth > 0 ? Math.fround(Math.fround(Math.min(blob.a, blob.b)) / Math.fround(featherWidth)) : 0,
    valid: valid ? 1 : 0,
  };
}

function validate(blobs: readonly BlobGeometry[], sites: readonly MaskSiteShape[], options: MaskModeOptions): void {
  if (!(options.mode in MODE_CODES)) throw new KernelInputError(`Mask mode must be coverage, hard or feather, got "${String(options.mode)}".`);
  if (options.mode === 'feather' && !(Number.isFinite(options.featherWidth) && (options.featherWidth ?? 0) > 0)) {
    throw new KernelInputError(`Mask mode "feather" needs a finite featherWidth > 0 (fraction of the image width), got ${String(options.featherWidth)}.`);
  }
  expectInteger('The number of blobs', blobs.length, 0, MAX_BLOBS);
  blobs.forEach((blob, i) => {
    if (blob.feather !== undefined && !(Number.isFinite(blob.feather) && blob.feather >= 0)) {
      throw new KernelInputError(`Blob ${i} feather width must be a finite number ≥ 0 (fraction of the image width), got ${String(blob.feather)}.`);
    }
  });
  if (sites.length === 0) throw new KernelInputError('At least one mask site (height × width) is required.');
  sites.forEach((site, i) => {
    expectInteger(`Mask site ${i} height`, site.height, 1, MAX_MAP_SIDE);
    expectInteger(`Mask site ${i} width`, site.width, 1, MAX_MAP_SIDE);
  });
}
