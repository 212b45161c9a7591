/** The pack's ORT sessions, created on one backend and checked against the manifest's I/O names. */
import { InvalidManifestError } from '../errors';
import { OrtGraph, type OrtBackend } from '../ortGraph';
import type { LoadedPack } from '../pack/loadPack';
import type { GraphSpec } from '../pack/packSpec';
import type { LoadStage } from './engineTypes';

export interface Graphs {
  textEncoder: OrtGraph;
  prelude: OrtGraph;
  segments: OrtGraph[];
  decoder: OrtGraph | null;
  /** TAESD-style cheap decoder for previews, when the pack has one. */
  previewDecoder: OrtGraph | null;
}

export function checkGraphIo(graph: OrtGraph, spec: GraphSpec, what: string): void {
  const missingIn = spec.inputs.filter((n) => !graph.inputNames.includes(n));
  const missingOut = spec.outputs.filter((n) => !graph.outputNames.includes(n));
  if (missingIn.length || missingOut.length) {
    throw new InvalidManifestError(
      `${what} (${spec.file}): the manifest names inputs [${spec.inputs.join(', ')}] and outputs [${spec.outputs.join(', ')}], ` +
        `but the graph has inputs [${graph.inputNames.join(', ')}] and outputs [${graph.outputNames.join(', ')}].`,
    );
  }
}

function fileBytes(pack: LoadedPack, path: string): Uint8Array {
  const bytes = pack.files.get(path);
  if (!bytes) throw new InvalidManifestError(`files: ${path} was not loaded`);
  return bytes;
}

export async function createGraphs(pack: LoadedPack, device: GPUDevice, backend: OrtBackend, onProgress?: (stage: LoadStage) => void): Promise<Graphs> {
  const { spec } = pack;
  const specs: [string, GraphSpec][] = [
    ['text encoder', spec.textEncoder],
    ['prelude', spec.prelude],
    ...spec.unet.segments.map((s, i): [string, GraphSpec] => [`UNet segment ${i}`, s]),
    ...(spec.decoder ? [['decoder', spec.decoder] as [string, GraphSpec]] : []),
    ...(spec.previewDecoder ? [['preview decoder', spec.previewDecoder] as [string, GraphSpec]] : []),
  ];
  const created: OrtGraph[] = [];
  try {
    for (const [index, [what, graphSpec]] of specs.entries()) {
      onProgress?.({ stage: 'compile', graph: what, index, count: specs.length });
      // ONNX names external data relative to the graph's folder: the file's own name.
      const external = (graphSpec.externalData ?? []).map((path) => ({ path: path.split('/').pop() ?? path, data: fileBytes(pack, path) }));
      const graph = await OrtGraph.create(fileBytes(pack, graphSpec.file), device, what, backend, external);
      created.push(graph);
      checkGraphIo(graph, graphSpec, what);
    }
  } catch (error) {
    await Promise.all(created.map((g) => g.release().catch(() => undefined)));
    throw error;
  }
  const [textEncoder, prelude, ...rest] = created as [OrtGraph, OrtGraph, ...OrtGraph[]];
  return {
    textEncoder,
    prelude,
    segments: rest.slice(0, spec.unet.segments.length),
    decoder: spec.decoder ? (rest[spec.unet.segments.length] ?? null) : null,
    previewDecoder: spec.previewDecoder ? (rest[spec.unet.segments.length + (spec.decoder ? 1 : 0)] ?? null) : null,
  };
}

export async function releaseGraphs(graphs: Graphs): Promise<void> {
  const all = [graphs.textEncoder, graphs.prelude, ...graphs.segments, ...(graphs.decoder ? [graphs.decoder] : []), ...(graphs.previewDecoder ? [graphs.previewDecoder] : [])];
  await Promise.all(all.map((g) => g.release().catch(() => undefined)));
}
