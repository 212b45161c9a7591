import { describe, expect, it } from 'vitest';
import scaleAddWgsl from './scaleAdd.test.wgsl?raw';
import { requestGpuDevice } from './gpuDevice';

// Fails (never skips) when the browser has no WebGPU adapter: a green run proves WGSL really ran.
describe('WebGPU in the test browser', () => {
  it('runs a WGSL compute kernel and reads back correct data', async () => {
    const { adapter, device } = await requestGpuDevice({ timeoutMs: 30_000 });
    expect(adapter).toBeTruthy();
    const count = 1000;
    const a = Float32Array.from({ length: count }, (_, i) => i * 0.5);
    const b = Float32Array.from({ length: count }, (_, i) => 1000 - i);
    const upload = (data: Float32Array) => {
      const buffer = device.createBuffer({ size: data.byteLength, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const aBuf = upload(a);
    const bBuf = upload(b);
    const outBuf = device.createBuffer({ size: count * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const params = new ArrayBuffer(8);
    new Float32Array(params, 0, 1)[0] = 3;
    new Uint32Array(params, 4, 1)[0] = count;
    const paramBuf = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(paramBuf, 0, params);
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module: device.createShaderModule({ code: scaleAddWgsl }), entryPoint: 'main' },
    });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [aBuf, bBuf, outBuf, paramBuf].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    const readBuf = device.createBuffer({ size: count * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(count / 64));
    pass.end();
    encoder.copyBufferToBuffer(outBuf, 0, readBuf, 0, count * 4);
    device.queue.submit([encoder.finish()]);
    await readBuf.mapAsync(GPUMapMode.READ);
    const out = new Float32Array(readBuf.getMappedRange().slice(0));
    readBuf.unmap();
    for (let i = 0; i < count; i++) expect(out[i]).toBe(Math.fround((a[i] ?? NaN) * 3 + (b[i] ?? NaN)));
    device.destroy();
  });
});
