import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { createRoot, type Root } from 'react-dom/client';
import { act } from 'react';
import tinyTokenizer from '../../engine/__fixtures__/tiny-tokenizer.json';
import { SegmentTokenizer } from '../../engine/segmentTokens';
import { TokenCounter } from './TokenCounter';

let root: Root | null = null;
function render(node: React.ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(node));
}
afterEach(() => act(() => root?.unmount()));

const tokenizer = new SegmentTokenizer(tinyTokenizer, 6);
const layout = {
  caption: 'a plain blue background',
  blobs: [
    { id: 'b1', cx: 0.5, cy: 0.5, a: 0.25, b: 0.25, theta: 0, description: 'the blob is red with blue stripes on green' },
    { id: 'b2', cx: 0.2, cy: 0.2, a: 0.1, b: 0.1, theta: 0, description: 'hidden one', hidden: true },
    { id: 'b3', cx: 0.8, cy: 0.8, a: 0.1, b: 0.05, theta: 1, description: 'red' },
  ],
};

describe('TokenCounter', () => {
  it('counts caption and visible descriptions against the maximum and marks the cut-off part', async () => {
    render(<TokenCounter layout={layout} tokenizer={tokenizer} />);
    const rows = page.getByTestId('token-count');
    await expect.element(rows.first()).toHaveTextContent('Caption5 / 6');
    expect(rows.elements().map((e) => e.textContent)).toEqual(['Caption5 / 6', 'Blob 110 / 6the blob is red with blue stripes on green', 'Blob 32 / 6']);
    await expect.element(page.getByTestId('token-truncated')).toBeVisible();
    expect(page.getByTestId('token-truncated').element().textContent).toBe(' blue stripes on green');
    await expect.element(page.getByTestId('token-summary')).toHaveTextContent('1 text is truncated: the struck-through part is not read.');
  });

  it('with CLIP framing counts [BOS] and [EOS], cuts one word earlier, counts the negative caption and says it truncates as SD does', async () => {
    const clip = new SegmentTokenizer(tinyTokenizer, 6, { kind: 'clip', bosTokenId: 2, eosTokenId: 3, padTokenId: 0 });
    render(<TokenCounter layout={layout} tokenizer={clip} negativeCaption="red" />);
    const rows = page.getByTestId('token-count');
    await expect.element(rows.first()).toHaveTextContent('Caption6 / 6');
    expect(rows.elements().map((e) => e.textContent)).toEqual(['Caption6 / 6', 'Negative caption3 / 6', 'Blob 111 / 6the blob is red with blue stripes on green', 'Blob 33 / 6']);
    expect(page.getByTestId('token-kept').element().textContent).toBe('the blob is red');
    expect(page.getByTestId('token-truncated').element().textContent).toBe(' with blue stripes on green');
    await expect.element(page.getByTestId('token-summary')).toHaveTextContent('at most 6 tokens of each text (two are the start and end tokens). 1 text is truncated, as Stable Diffusion does');
  });
});
