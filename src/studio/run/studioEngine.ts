/**
 * The part of the worker client the studio uses. EngineClient (src/worker/EngineClient.ts)
 * satisfies it; tests pass a scripted double, so the generation UX is testable without a model.
 */
import type { LayoutDocument } from '../../layout/types';
import type { GenerateOptions, GenerateOutput, GenerateProgress, LoadProgress, PackDescription, PackInfo, SiteMaskReadback } from '../../worker/protocol';

export type { SiteMaskReadback } from '../../worker/protocol';

export interface StudioEngine {
  /** The pack's description (defaults, tokenizer, sites, colours) without loading the model. */
  info(packUrl: string): Promise<PackDescription>;
  load(packUrl: string, options?: { onProgress?: (p: LoadProgress) => void }): Promise<PackInfo>;
  generate(layout: LayoutDocument, options: GenerateOptions, onProgress?: (p: GenerateProgress) => void): Promise<GenerateOutput>;
  cancel(): Promise<{ cancelled: boolean }>;
  /**
   * Optional: the masks the loaded pack would receive for `layout`, rasterised by the engine's
   * own GPU kernel at every site resolution and read back. The mask view uses it when present
   * and falls back to the CPU reference of the mask contract otherwise.
   */
  masks?(layout: LayoutDocument): Promise<SiteMaskReadback[]>;
}
