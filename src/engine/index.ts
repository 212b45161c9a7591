/** Pure generation maths and planning (no React, ORT or WebGPU; design.md §7). */
export { SeededNoise, initialLatent } from './rng';
export { SegmentTokenizer, type SegmentTokens, type TruncationReport } from './segmentTokens';
export { planGeneration, segmentConditioningArrays, type GenerationPlan, type AttentionEntry, type PlannedSegment } from './generationPlan';
export { alphasCumprod, inferenceTimesteps, type BetaSchedule, type TimestepSpacing } from './schedulers/noiseSchedule';
export { applyStep, guide, predictionCoefficients, type StepCoefficients, type PredictionType } from './schedulers/stepCoefficients';
export { planSampling, SAMPLER_NAMES, type SamplerName, type SchedulerConfig, type SamplingPlan, type SamplerStep } from './schedulers/samplers';
