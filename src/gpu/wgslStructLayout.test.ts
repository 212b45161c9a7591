import { describe, expect, it } from 'vitest';
import attentionWgsl from '../../shaders/masked_cross_attention.wgsl?raw';
import blobMasksWgsl from '../../shaders/blob_masks.wgsl?raw';
import { packWgslStruct, wgslStructLayout } from './wgslStructLayout';

describe('wgslStructLayout', () => {
  it('follows the WGSL alignment rules (vec3 aligns to 16, struct size rounds to its alignment)', () => {
    const layout = wgslStructLayout('struct S { a: f32, b: vec3<f32>, c: u32, d: vec2f, }', 'S');
    expect(layout.fields.map((f) => [f.name, f.offset])).toEqual([['a', 0], ['b', 16], ['c', 28], ['d', 32]]);
    expect(layout.size).toBe(48);
  });

  it('reads the kernels’ structs, ignoring comments', () => {
    const blob = wgslStructLayout(blobMasksWgsl, 'BlobParams');
    expect(blob.fields.map((f) => f.name)).toEqual(['center', 'cosSin', 'axesSquared', 'featherScale', 'valid']);
    expect(blob.size).toBe(32);
    const params = wgslStructLayout(attentionWgsl, 'AttentionParams');
    expect(params.fields.find((f) => f.name === 'scale')).toMatchObject({ scalar: 'f32', offset: 20 });
    const entry = wgslStructLayout(attentionWgsl, 'SegmentEntry');
    expect(entry.size).toBe(16);
    expect(entry.fields.find((f) => f.name === 'strength')).toMatchObject({ scalar: 'f32', offset: 12 });
  });

  it('packs by field name and rejects missing, unknown or mis-sized fields', () => {
    const layout = wgslStructLayout('struct P { n: u32, m: i32, x: vec2<f32> }', 'P');
    const buffer = new ArrayBuffer(layout.size);
    packWgslStruct(layout, { n: 7, m: -1, x: [0.5, 2] }, buffer);
    expect(new Uint32Array(buffer, 0, 1)[0]).toBe(7);
    expect(new Int32Array(buffer, 4, 1)[0]).toBe(-1);
    expect(Array.from(new Float32Array(buffer, 8, 2))).toEqual([0.5, 2]);
    expect(() => packWgslStruct(layout, { n: 1, m: 1 }, buffer)).toThrow(/No value given for WGSL struct field P\.x/);
    expect(() => packWgslStruct(layout, { n: 1, m: 1, x: [1, 2], y: 3 }, buffer)).toThrow(/has no field "y"/);
    expect(() => packWgslStruct(layout, { n: 1, m: 1, x: [1] }, buffer)).toThrow(/has 2 components, got 1/);
    expect(() => wgslStructLayout('struct Q { a: mat2x2<f32> }', 'Q')).toThrow(/not supported/);
    expect(() => wgslStructLayout('', 'Missing')).toThrow(/no struct named Missing/);
  });
});
