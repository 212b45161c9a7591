/** Layouts used by the specs: a valid one, and hostile inputs that must change nothing. */

export const VALID_LAYOUT = {
  format: 'blobgen-layout',
  version: 1,
  caption: 'a cosy living room at dusk',
  blobs: [
    { id: 'sofa', cx: 0.5, cy: 0.72, a: 0.34, b: 0.14, theta: 0, description: 'a grey fabric sofa' },
    { id: 'lamp', cx: 0.16, cy: 0.4, a: 0.06, b: 0.2, theta: 0.1, description: 'a brass floor lamp, warm light', locked: true },
    { id: 'window', cx: 0.72, cy: 0.28, a: 0.16, b: 0.12, theta: 0, description: 'a window with a purple sky', hidden: true },
    { id: 'cat', cx: 0.42, cy: 0.64, a: 0.08, b: 0.05, theta: -0.3, description: 'a sleeping ginger cat' },
  ],
};

const blob = (overrides: Record<string, unknown>) => ({
  id: 'x', cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: 'ok', ...overrides,
});
const layoutWith = (blobs: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'blobgen-layout', version: 1, caption: 'hostile', blobs, ...extra });

/** name → [file text, what the message must mention]. */
export const HOSTILE_FILES: [string, string, RegExp][] = [
  ['not JSON', '{"format": "blobgen-layout", "version": 1, "blobs": [ {"a": NaN} ]}', /not valid JSON/i],
  ['Infinity (1e999)', layoutWith([blob({ cx: 'INF' })]).replace('"INF"', '1e999'), /cx/],
  ['zero radius', layoutWith([blob({ a: 0 })]), /\.a\b|radius|\ba\b/i],
  ['negative radius', layoutWith([blob({ b: -0.2 })]), /\.b\b|radius|\bb\b/i],
  ['too many blobs', layoutWith(Array.from({ length: 65 }, (_, i) => blob({ id: `b${String(i)}` }))), /64|blobs/i],
  ['a million blobs', `{"format":"blobgen-layout","version":1,"caption":"","blobs":[${'{},'.repeat(1_000_000)}{}]}`, /too large|limit/i],
  ['megabyte description', layoutWith([blob({ description: 'x'.repeat(1_100_000) })]), /too large|limit/i],
  ['over-long description', layoutWith([blob({ description: 'y'.repeat(5000) })]), /description/i],
  ['__proto__ blobs', '{"format":"blobgen-layout","version":1,"__proto__":{"blobs":[]},"caption":"p","blobs":{"__proto__":[]}}', /blobs/i],
  ['wrong format', JSON.stringify({ format: 'something-else', version: 1, blobs: [] }), /format/i],
  ['newer version', JSON.stringify({ format: 'blobgen-layout', version: 99, caption: '', blobs: [] }), /version/i],
  ['an array', '[1,2,3]', /object|layout/i],
];
