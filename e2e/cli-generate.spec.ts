/**
 * The `npm run generate` CLI, as a person runs it, with a Stable-Diffusion test pack (random
 * weights, 128×128): it must write a PNG of the pack's size, honour --negative and --sampler, and
 * refuse a sampler the pack does not offer with the pack's list.
 */
import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const LAYOUT = {
  format: 'blobgen-layout',
  version: 1,
  caption: 'a cosy living room in the afternoon',
  blobs: [
    { id: 'cat', cx: 0.36, cy: 0.45, a: 0.26, b: 0.18, theta: 0.35, description: 'a ginger cat curled up asleep' },
    { id: 'sofa', cx: 0.56, cy: 0.58, a: 0.24, b: 0.2, theta: -0.6, description: 'a grey velvet sofa cushion' },
  ],
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('generate CLI writes a PNG of the SD test pack\'s size, and names the pack\'s samplers for a bad one', async () => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'blobgen-cli-'));
  const layout = join(dir, 'layout.json');
  const out = join(dir, 'out.png');
  writeFileSync(layout, JSON.stringify(LAYOUT));
  const args = ['scripts/generate.mjs', '--pack', 'test-packs/sd1-tiny', '--layout', layout, '--negative', 'blurry, low quality', '--sampler', 'euler-ancestral', '--steps', '2', '--out', out];
  const { stdout } = await run('node', args, { timeout: 240_000 });
  expect(stdout).toMatch(/pack sd1-tiny .*\(128×128\)/);
  expect(stdout).toMatch(/2 blobs, 2 euler-ancestral steps/);
  expect(stdout).not.toMatch(/--negative is ignored/);
  expect(pngSize(readFileSync(out))).toEqual({ width: 128, height: 128 });

  const bad = await run('node', [...args.slice(0, -6), '--sampler', 'unipc', '--steps', '2', '--out', join(dir, 'bad.png')], { timeout: 240_000 }).then(
    () => null,
    (error: { code?: number; stderr?: string }) => error,
  );
  expect(bad, 'an unknown sampler must fail').not.toBeNull();
  expect(bad?.stderr ?? '').toMatch(/sampler/);
});
