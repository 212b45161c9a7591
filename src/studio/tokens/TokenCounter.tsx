import { useMemo } from 'react';
import type { SegmentTokenizer } from '../../engine/segmentTokens';
import type { LayoutDocument } from '../../layout/types';
import { measureTokenBudget, type TokenBudget } from './tokenBudget';

interface CountedText {
  key: string;
  label: string;
  budget: TokenBudget;
}

/** Token use of the caption and of every generated blob description, against the pack's limit. */
export function TokenCounter({ layout, tokenizer }: { layout: LayoutDocument; tokenizer: SegmentTokenizer }) {
  const counted = useMemo<CountedText[]>(() => {
    const count = (text: string) => tokenizer.wordIds(text).length;
    const max = tokenizer.maxTokens;
    return [
      { key: 'caption', label: 'Caption', budget: measureTokenBudget(layout.caption, max, count) },
      ...layout.blobs.flatMap((blob, index) =>
        blob.hidden ? [] : [{ key: blob.id, label: `Blob ${index + 1}`, budget: measureTokenBudget(blob.description, max, count) }],
      ),
    ];
  }, [layout, tokenizer]);
  const cut = counted.filter((c) => c.budget.truncatedText !== '');
  return (
    <section className="studio-tokens" aria-labelledby="studio-tokens-heading" data-testid="token-counter">
      <h3 id="studio-tokens-heading">Tokens</h3>
      <p className="studio-hint">
        The model reads at most {tokenizer.maxTokens} tokens of each text (one is the start token).{' '}
        {cut.length === 0 ? 'Everything fits.' : `${cut.length} text${cut.length === 1 ? ' is' : 's are'} cut off; the marked part is not read.`}
      </p>
      <ul>
        {counted.map(({ key, label, budget }) => {
          const over = budget.truncatedText !== '';
          return (
            <li key={key} className={over ? 'is-over' : undefined} data-testid="token-count" data-over={over}>
              <span className="studio-token-label">{label}</span>
              <span className="studio-token-figure">
                {budget.needed} / {budget.maxTokens}
              </span>
              {over ? (
                <p className="studio-token-text">
                  {budget.keptText}
                  <mark title="Not read by the model" data-testid="token-truncated">
                    {budget.truncatedText}
                  </mark>
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
