/**
 * Fused classifier-free guidance + sampler step on the GPU (shaders/cfg_step.wgsl), so the
 * latent never leaves the GPU inside the sampling loop. All steps' uniforms are uploaded once per
 * generation (one 256-byte slot per step) because the step coefficients are known up front.
 */
import cfgStepWgsl from '../../../shaders/cfg_step.wgsl?raw';
import type { StepCoefficients } from '../../engine/schedulers/stepCoefficients';
import { encodeLinearDispatch } from '../linearDispatch';
import { cachedComputePipeline } from '../pipelineCache';
import { packWgslStruct, wgslStructLayout } from '../wgslStructLayout';

const PARAMS = wgslStructLayout(cfgStepWgsl, 'StepParams');

const SLOT_BYTES = 256; // minUniformBufferOffsetAlignment on every WebGPU device
const WORKGROUP = 64;
// WGSL may assume no infinities; a huge finite clamp means "no clipping".
const NO_CLIP = 3.0e38;

export interface StepUniforms {
  readonly buffer: GPUBuffer;
  readonly steps: number;
}

export class CfgStepKernel {
  private readonly pipeline: GPUComputePipeline;

  constructor(private readonly device: GPUDevice) {
    this.pipeline = cachedComputePipeline(device, 'cfg_step', cfgStepWgsl, 'main');
  }

  /** Packs every step's coefficients; the caller destroys the buffer after the generation. */
  uploadSteps(count: number, guidance: number, hasUncond: boolean, steps: readonly StepCoefficients[]): StepUniforms {
    const data = new ArrayBuffer(Math.max(1, steps.length) * SLOT_BYTES);
    steps.forEach((c, i) => {
      const values = {
        count,
        guidance,
        x0FromX: c.x0FromX,
        x0FromOut: c.x0FromOut,
        clip: Number.isFinite(c.clip) ? c.clip : NO_CLIP,
        epsFromX: c.epsFromX,
        epsFromOut: c.epsFromOut,
        nextFromX: c.nextFromX,
        nextFromX0: c.nextFromX0,
        nextFromEps: c.nextFromEps,
        nextFromPrevX0: c.nextFromPrevX0,
        hasUncond: hasUncond ? 1 : 0,
        nextFromNoise: c.nextFromNoise,
      };
      packWgslStruct(PARAMS, values, data, i * SLOT_BYTES);
    });
    const buffer = this.device.createBuffer({ label: 'cfg step params', size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(buffer, 0, data);
    return { buffer, steps: steps.length };
  }

  /**
   * Records step `index`: reads modelOut [items, count] and, for a stochastic step, noise [count];
   * updates sample ([items, count], x in item 0) and prevX0 [count] in place.
   */
  encode(encoder: GPUCommandEncoder, uniforms: StepUniforms, index: number, count: number, buffers: { modelOut: GPUBuffer; sample: GPUBuffer; prevX0: GPUBuffer; noise: GPUBuffer }): void {
    if (index < 0 || index >= uniforms.steps) throw new RangeError(`step ${index} is outside the uploaded plan of ${uniforms.steps} steps`);
    const bindGroup = this.device.createBindGroup({
      label: 'cfg step',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: buffers.modelOut } },
        { binding: 1, resource: { buffer: buffers.sample } },
        { binding: 2, resource: { buffer: buffers.prevX0 } },
        { binding: 3, resource: { buffer: uniforms.buffer, offset: index * SLOT_BYTES, size: PARAMS.size } },
        { binding: 4, resource: { buffer: buffers.noise } },
      ],
    });
    encodeLinearDispatch(encoder, this.pipeline, bindGroup, count, WORKGROUP, 'cfg step');
  }
}
