/// <reference lib="webworker" />
/**
 * The inference worker: ORT and WebGPU run here so the editor never stalls (docs/architecture.md §4).
 * All logic is in WorkerHost; this file only wires it to `self`.
 */
import { BlobGenEngine } from '../runtime/engine/BlobGenEngine';
import { acquireEngineDevice, type EngineDevice } from '../gpu/device/gpuDevice';
import { env } from '../config/env';
import { readPackDescription } from './packDescription';
import { WorkerHost } from './workerHost';
import type { WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// One GPUDevice per worker, reused by every load: ORT's WebGPU EP keeps per-device state, so
// later packs run on the same device instead of leaking one device per load. A lost device is
// replaced on the next load.
let device: EngineDevice | null = null;
let deviceLost = false;
async function sharedDevice(): Promise<EngineDevice> {
  if (!device || deviceLost) {
    device = await acquireEngineDevice(env.deviceRequestTimeoutMs);
    deviceLost = false;
    const current = device;
    void current.lost.then(() => {
      if (device === current) deviceLost = true;
    });
  }
  return device;
}

const host = new WorkerHost(
  (message: WorkerResponse, transfer?: Transferable[]) => scope.postMessage(message, transfer ?? []),
  async (packUrl, { useCache, ortBackend, onProgress }) => {
    onProgress({ stage: 'device' });
    return BlobGenEngine.load(packUrl, { useCache, ortBackend, onProgress, device: await sharedDevice() });
  },
  (packUrl) => readPackDescription(packUrl),
);
// A rejection nobody awaited would vanish inside the worker; say it where tests and people look.
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  const reason: unknown = event.reason;
  console.error(`Unhandled error in the inference worker: ${reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)}`);
});
scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  void host.handle(event.data);
});
