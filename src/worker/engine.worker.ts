/// <reference lib="webworker" />
/**
 * The inference worker: ORT and WebGPU run here so the editor never stalls (design.md §4).
 * All logic is in WorkerHost; this file only wires it to `self`.
 */
import { BlobGenEngine } from '../runtime/engine/BlobGenEngine';
import { WorkerHost } from './workerHost';
import type { WorkerResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new WorkerHost(
  (message: WorkerResponse, transfer?: Transferable[]) => scope.postMessage(message, transfer ?? []),
  async (packUrl, { useCache, ortBackend, onProgress }) => {
    onProgress({ stage: 'device' });
    return BlobGenEngine.load(packUrl, { useCache, ortBackend, onProgress });
  },
);
scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  void host.handle(event.data);
});
