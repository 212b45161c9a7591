/**
 * Once per image: tokenise every segment, run the text encoder, then the prelude that turns the
 * conditioning tokens into every site's K and V (docs/architecture.md §4). K/V stay where ORT put them (on the GPU with the WebGPU EP) for all steps.
 */
import type { GenerationPlan } from '../../engine/generationPlan';
import { segmentConditioningArrays } from '../../engine/generationPlan';
import type { SegmentTokenizer, SegmentTokens } from '../../engine/segmentTokens';
import { disposeTensor, type CpuTensor, type FeedTensor, type OrtGraph } from '../ortGraph';
import type { InputDataType, PackSpec } from '../pack/packSpec';

export interface TextConditioning {
  tokens: SegmentTokens;
  /** Prelude outputs by pool name (every site's K and V), float32[S, L, heads·d]. */
  keyValues: Map<string, FeedTensor>;
  dispose(): void;
}

/** A CPU tensor of the element type the graph declares (ids are int64 in exported BERT-style graphs). */
function tensorOf(data: Int32Array | Float32Array, dims: number[], dataType: InputDataType): CpuTensor {
  if (dataType === 'int64') return { kind: 'cpu', dataType, dims, data: BigInt64Array.from(data, (v) => BigInt(Math.round(v))) };
  if (dataType === 'int32') return { kind: 'cpu', dataType, dims, data: Int32Array.from(data) };
  return { kind: 'cpu', dataType, dims, data: Float32Array.from(data) };
}

/** The text encoder's inputs for these segments. */
export function textEncoderFeeds(spec: PackSpec, tokens: SegmentTokens, plan: GenerationPlan): Record<string, CpuTensor> {
  const te = spec.textEncoder;
  const S = tokens.segmentCount;
  const L = tokens.maxTokens;
  const { params, kinds } = segmentConditioningArrays(plan);
  const feeds: Record<string, CpuTensor> = { [te.ids]: tensorOf(tokens.ids, [S, L], te.dataTypes.ids) };
  // Trained packs embed blob geometry and mask padding in the encoder; CLIP encoders take ids alone.
  if (te.attentionMask) feeds[te.attentionMask] = tensorOf(tokens.attentionMask, [S, L], te.dataTypes.attentionMask);
  if (te.blobParams) feeds[te.blobParams] = tensorOf(params, [S, 5], 'float32');
  if (te.segmentKind) feeds[te.segmentKind] = tensorOf(kinds, [S], te.dataTypes.segmentKind);
  return feeds;
}

export async function encodeText(
  spec: PackSpec,
  tokenizer: SegmentTokenizer,
  graphs: { textEncoder: OrtGraph; prelude: OrtGraph },
  plan: GenerationPlan,
): Promise<TextConditioning> {
  const te = spec.textEncoder;
  const tokens = tokenizer.encodeSegments(plan.segments.map((s) => s.text));
  const feeds = textEncoderFeeds(spec, tokens, plan);
  const encoded = await graphs.textEncoder.run(feeds);
  const cond = encoded[te.output];
  const keyValues = new Map<string, FeedTensor>();
  try {
    if (!cond) throw new Error(`text encoder produced no output "${te.output}"`);
    const kv = await graphs.prelude.run({ [spec.prelude.input]: cond });
    for (const [name, tensor] of Object.entries(kv)) keyValues.set(name, tensor);
  } finally {
    for (const tensor of Object.values(encoded)) disposeTensor(tensor);
  }
  return {
    tokens,
    keyValues,
    dispose: () => {
      for (const tensor of keyValues.values()) disposeTensor(tensor);
      keyValues.clear();
    },
  };
}
