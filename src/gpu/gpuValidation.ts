/** Input validation shared by the kernel wrappers: messages say what was expected and what came. */
export class KernelInputError extends Error {
  override name = 'KernelInputError';
}

export function expectInteger(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KernelInputError(`${what} must be an integer in ${min}..${max}, got ${String(value)}.`);
  }
}

export function expectBufferSize(what: string, buffer: GPUBuffer, neededBytes: number): void {
  if (buffer.size < neededBytes) {
    throw new KernelInputError(`${what} must hold at least ${neededBytes} bytes, but the GPUBuffer has ${buffer.size}.`);
  }
}

export function expectStorageUsage(what: string, buffer: GPUBuffer): void {
  if ((buffer.usage & GPUBufferUsage.STORAGE) === 0) {
    throw new KernelInputError(`${what} must be created with GPUBufferUsage.STORAGE to be bound to a compute shader.`);
  }
}
