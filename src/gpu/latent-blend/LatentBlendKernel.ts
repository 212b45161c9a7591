/**
 * Blended sampling for local edits (shaders/latent_blend.wgsl, src/engine/localEdit.ts): after
 * each sampler step, the latent outside the edited regions is replaced by the previous
 * generation's latent at the same step. One uniform slot per step, uploaded once.
 */
import latentBlendWgsl from '../../../shaders/latent_blend.wgsl?raw';
import { encodeLinearDispatch } from '../linearDispatch';
import { cachedComputePipeline } from '../pipelineCache';
import { wgslStructLayout, packWgslStruct } from '../wgslStructLayout';

const PARAMS = wgslStructLayout(latentBlendWgsl, 'BlendParams');
const SLOT_BYTES = 256; // minUniformBufferOffsetAlignment on every WebGPU device
const WORKGROUP = 64;

export interface BlendPlan {
  /** Uniform slots (one per step); destroy after the generation. */
  readonly uniforms: GPUBuffer;
  readonly steps: number;
}

export class LatentBlendKernel {
  private readonly pipeline: GPUComputePipeline;

  constructor(private readonly device: GPUDevice) {
    this.pipeline = cachedComputePipeline(device, 'latent_blend', latentBlendWgsl, 'main');
  }

  /** Uniforms for `steps` steps of a latent of `count` = channels · `pixels` elements in `items` CFG items. */
  plan(steps: number, count: number, pixels: number, items: number): BlendPlan {
    if (count % pixels !== 0) throw new RangeError(`latent size ${count} is not a multiple of its ${pixels} pixels`);
    const data = new ArrayBuffer(Math.max(1, steps) * SLOT_BYTES);
    for (let s = 0; s < steps; s++) packWgslStruct(PARAMS, { count, pixels, items, referenceOffset: s * count }, data, s * SLOT_BYTES);
    const uniforms = this.device.createBuffer({ label: 'latent blend params', size: data.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(uniforms, 0, data);
    return { uniforms, steps };
  }

  /** Records the blend of step `index`: sample ← reference[index] · (1 − weights) + sample · weights. */
  encode(encoder: GPUCommandEncoder, plan: BlendPlan, index: number, count: number, buffers: { sample: GPUBuffer; reference: GPUBuffer; weights: GPUBuffer }): void {
    if (index < 0 || index >= plan.steps) throw new RangeError(`step ${index} is outside the blend plan of ${plan.steps} steps`);
    const bindGroup = this.device.createBindGroup({
      label: 'latent blend',
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: buffers.sample } },
        { binding: 1, resource: { buffer: buffers.reference } },
        { binding: 2, resource: { buffer: buffers.weights } },
        { binding: 3, resource: { buffer: plan.uniforms, offset: index * SLOT_BYTES, size: PARAMS.size } },
      ],
    });
    encodeLinearDispatch(encoder, this.pipeline, bindGroup, count, WORKGROUP, 'latent blend');
  }
}
