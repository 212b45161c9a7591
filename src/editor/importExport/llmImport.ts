/**
 * The paper's LLM layout format (docs/architecture.md §2), through the layout codec. Kept behind this
 * seam so the import/export UI does not depend on the codec's file layout.
 */
import { parseLlmLayout, serializeLlmLayout, type LlmLayoutParseResult } from '../../layout/llmFormat';
import type { LayoutDocument } from '../../layout/types';

export function parseLlmText(text: string): LlmLayoutParseResult {
  return parseLlmLayout(text);
}

export function serializeLlmText(doc: LayoutDocument): string {
  return serializeLlmLayout(doc);
}
