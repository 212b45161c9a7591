/**
 * One compute pass over `invocations` independent elements. WebGPU caps each dispatch dimension
 * at 65 535 workgroups, so large counts spill into y; the shader recovers the linear index as
 * gid.x + gid.y · num_workgroups.x · workgroupSize (and bounds-checks it).
 */
const MAX_WORKGROUPS_PER_DIM = 65535;

export function encodeLinearDispatch(
  encoder: GPUCommandEncoder,
  pipeline: GPUComputePipeline,
  bindGroup: GPUBindGroup,
  invocations: number,
  workgroupSize: number,
  label: string,
): void {
  const groups = Math.ceil(invocations / workgroupSize);
  const x = Math.min(groups, MAX_WORKGROUPS_PER_DIM);
  const pass = encoder.beginComputePass({ label });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(x, Math.ceil(groups / x));
  pass.end();
}
