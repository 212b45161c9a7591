/**
 * The one definition of what a generation's settings may be: seed, steps, guidance and sampler
 * name. The worker protocol, the studio's settings inputs and the PNG metadata reader all take
 * their ranges and schemas from here, so any value a person can apply can also be generated and
 * embedded, and every embedded value can be restored. Pure (zod only).
 */
import { z } from 'zod';
import { MAX_CAPTION_LENGTH } from '../layout/limits';
import { SAMPLER_NAMES, type SamplerName } from './schedulers/samplers';

export const SEED_MIN = 0;
/** Seeds are 32-bit unsigned (the noise generator's state). */
export const SEED_MAX = 0xffffffff;
export const STEPS_MIN = 1;
export const STEPS_MAX = 1000;
export const GUIDANCE_MIN = 0;
/** Far above any useful scale; it bounds what a hostile request or PNG can ask of the sampler. */
export const GUIDANCE_MAX = 50;
/** Longest sampler name a stored settings record may carry (names from newer versions included). */
export const MAX_SAMPLER_NAME_LENGTH = 64;

export function isSamplerName(name: unknown): name is SamplerName {
  return typeof name === 'string' && (SAMPLER_NAMES as readonly string[]).includes(name);
}

export const seedSchema = z.number().int().min(SEED_MIN).max(SEED_MAX);
export const stepsSchema = z.number().int().min(STEPS_MIN).max(STEPS_MAX);
export const guidanceSchema = z.number().finite().min(GUIDANCE_MIN).max(GUIDANCE_MAX);
/** A sampler this build can run (requests to the engine). */
export const samplerNameSchema = z.custom<SamplerName>(isSamplerName, { message: `must be one of ${SAMPLER_NAMES.join(', ')}` });
/**
 * A sampler name as stored in a PNG or gallery item: any short name, so that an image made by a
 * build with another sampler still restores its layout (the studio warns and keeps its own sampler).
 */
export const storedSamplerNameSchema = z.string().min(1).max(MAX_SAMPLER_NAME_LENGTH);
/** The negative caption (the unconditional item's text) is a caption: the same length limit. */
export const negativeCaptionSchema = z.string().max(MAX_CAPTION_LENGTH);
