/**
 * Examples for the default pack, blobgen-tiny-shapes: coloured, patterned ellipses on a flat,
 * gradient or sky/ground background (its manifest's `domain.summary`), in the phrasing of its
 * training captions (training/blobgen/data.py) so every word is one it knows. Blobs contrast with
 * the background, as in training.
 */
import type { PackExample } from './packExamples';

interface ExampleBlob {
  id: string;
  cx: number;
  cy: number;
  a: number;
  b: number;
  theta: number;
  description: string;
}

function example(id: string, title: string, caption: string, blobs: ExampleBlob[]): PackExample {
  return {
    id,
    title,
    layout: { format: 'blobgen-layout', version: 1, caption, blobs },
    sampleCaption: caption,
    sampleDescription: blobs[0]?.description ?? '',
  };
}

export const TINY_SHAPES_EXAMPLES: readonly PackExample[] = [
  example('sky-and-ground', 'Sky over ground', 'a blue sky over green ground', [
    { id: 'sun', cx: 0.78, cy: 0.2, a: 0.12, b: 0.12, theta: 0, description: 'a bright yellow circle' },
    { id: 'ball', cx: 0.3, cy: 0.68, a: 0.16, b: 0.14, theta: 0, description: 'a red ball with white dots' },
    { id: 'patch', cx: 0.68, cy: 0.74, a: 0.2, b: 0.08, theta: 0.2, description: 'a brown oval' },
  ]),
  example('three-shapes', 'Three patterned shapes', 'a plain white background', [
    { id: 'red', cx: 0.28, cy: 0.3, a: 0.16, b: 0.16, theta: 0, description: 'a red ball' },
    { id: 'stripes', cx: 0.68, cy: 0.4, a: 0.24, b: 0.12, theta: 0.5, description: 'a blue oval with yellow stripes' },
    { id: 'dots', cx: 0.42, cy: 0.74, a: 0.18, b: 0.12, theta: -0.3, description: 'a green spot with black dots' },
  ]),
  example('gradient-checks', 'Checks on a gradient', 'a gradient from purple at the top to orange at the bottom', [
    { id: 'checks', cx: 0.5, cy: 0.5, a: 0.26, b: 0.16, theta: 0, description: 'a black and white checkered ellipse' },
    { id: 'pink', cx: 0.2, cy: 0.22, a: 0.1, b: 0.08, theta: 0, description: 'a pink spot' },
    { id: 'gray', cx: 0.8, cy: 0.8, a: 0.1, b: 0.14, theta: 0.4, description: 'a gray shape' },
  ]),
];
