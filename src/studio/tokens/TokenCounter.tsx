import { useMemo } from 'react';
import type { SegmentTokenizer } from '../../engine/segmentTokens';
import type { LayoutDocument } from '../../layout/types';
import { measureTokenBudget, type TokenBudget } from './tokenBudget';

interface CountedText {
  key: string;
  label: string;
  budget: TokenBudget;
}

/** What the special tokens of a segment are, in words (CLIP: start and end; ours: one start token). */
function specialsNote(tokenizer: SegmentTokenizer): string {
  return tokenizer.framing.kind === 'clip' ? 'two are the start and end tokens' : 'one is the start token';
}

/**
 * Token use of the caption, the negative caption (packs that take one) and every generated blob
 * description, each a segment of its own, against the pack's limit; a text over the limit shows
 * the part the model reads and, struck through, the part it never sees.
 */
export function TokenCounter({ layout, tokenizer, negativeCaption }: { layout: LayoutDocument; tokenizer: SegmentTokenizer; negativeCaption?: string }) {
  const counted = useMemo<CountedText[]>(
    () => [
      { key: 'caption', label: 'Caption', budget: measureTokenBudget(layout.caption, tokenizer) },
      ...(negativeCaption !== undefined ? [{ key: 'negative', label: 'Negative caption', budget: measureTokenBudget(negativeCaption, tokenizer) }] : []),
      ...layout.blobs.flatMap((blob, index) => (blob.hidden ? [] : [{ key: blob.id, label: `Blob ${index + 1}`, budget: measureTokenBudget(blob.description, tokenizer) }])),
    ],
    [layout, tokenizer, negativeCaption],
  );
  const cut = counted.filter((c) => c.budget.truncatedText !== '');
  const how = tokenizer.framing.kind === 'clip' ? ', as Stable Diffusion does' : '';
  return (
    <section className="studio-tokens" aria-labelledby="studio-tokens-heading" data-testid="token-counter">
      <h3 id="studio-tokens-heading">Tokens</h3>
      <p className="studio-hint" data-testid="token-summary">
        The model reads at most {tokenizer.maxTokens} tokens of each text ({specialsNote(tokenizer)}).{' '}
        {cut.length === 0
          ? 'Everything fits.'
          : `${cut.length} text${cut.length === 1 ? ' is' : 's are'} truncated${how}: the struck-through part is not read.`}
      </p>
      <ul>
        {counted.map(({ key, label, budget }) => {
          const over = budget.truncatedText !== '';
          return (
            <li key={key} className={over ? 'is-over' : undefined} data-testid="token-count" data-over={over} data-segment={key}>
              <span className="studio-token-label">{label}</span>
              <span className="studio-token-figure">
                {budget.needed} / {budget.maxTokens}
              </span>
              {over ? (
                <p className="studio-token-text">
                  <span data-testid="token-kept">{budget.keptText}</span>
                  <del title="Truncated: not read by the model" data-testid="token-truncated">
                    {budget.truncatedText}
                  </del>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
