/**
 * Byte layouts of WGSL structs, read from the shader source itself so that TypeScript never
 * hand-packs magic offsets: change a struct in the .wgsl file and the packing follows.
 *
 * Supports the host-shareable types our kernels use: f32/i32/u32 scalars and vec2/3/4 of them
 * (alignment rules of the WGSL spec, §"Alignment and Size"). Anything else is rejected loudly.
 */

export type WgslScalar = 'f32' | 'i32' | 'u32';

export interface WgslField {
  name: string;
  scalar: WgslScalar;
  /** 1 for scalars, 2..4 for vectors. */
  components: number;
  /** Byte offset inside the struct. */
  offset: number;
}

export interface WgslStructLayout {
  name: string;
  fields: readonly WgslField[];
  /** Size rounded up to the struct's alignment: also the stride of `array<Struct>`. */
  size: number;
  align: number;
}

const TYPE_PATTERN = /^(?:(f32|i32|u32)|vec([234])<(f32|i32|u32)>|vec([234])([fiu]))$/;

function parseType(type: string): { scalar: WgslScalar; components: number } {
  const match = TYPE_PATTERN.exec(type.replace(/\s+/g, ''));
  if (!match) throw new Error(`WGSL struct field type "${type}" is not supported; expected f32/i32/u32 or vecN<f32|i32|u32>.`);
  if (match[1]) return { scalar: match[1] as WgslScalar, components: 1 };
  if (match[2] && match[3]) return { scalar: match[3] as WgslScalar, components: Number(match[2]) };
  const short = { f: 'f32', i: 'i32', u: 'u32' } as const;
  return { scalar: short[match[5] as 'f' | 'i' | 'u'], components: Number(match[4]) };
}

function alignOf(components: number): number {
  return components === 1 ? 4 : components === 2 ? 8 : 16;
}

/** Parses `struct <name> { ... }` from WGSL source and computes its layout. */
export function wgslStructLayout(source: string, name: string): WgslStructLayout {
  const withoutComments = source.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const match = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`).exec(withoutComments);
  if (!match?.[1]) throw new Error(`WGSL source declares no struct named ${name}.`);
  const fields: WgslField[] = [];
  let offset = 0;
  let align = 4;
  for (const declaration of match[1].split(',')) {
    const text = declaration.trim();
    if (!text) continue;
    const colon = text.indexOf(':');
    if (colon < 0) throw new Error(`Cannot read WGSL struct ${name} field "${text}".`);
    const fieldName = text.slice(0, colon).replace(/@\w+(\([^)]*\))?/g, '').trim();
    const { scalar, components } = parseType(text.slice(colon + 1).trim());
    const fieldAlign = alignOf(components);
    offset = Math.ceil(offset / fieldAlign) * fieldAlign;
    fields.push({ name: fieldName, scalar, components, offset });
    offset += 4 * components;
    align = Math.max(align, fieldAlign);
  }
  return { name, fields, size: Math.ceil(offset / align) * align, align };
}

export type WgslStructValues = Record<string, number | readonly number[]>;

/**
 * Writes one struct instance at `byteOffset` of `target`. Every field must be given, and no
 * unknown one: a renamed WGSL field then fails here instead of silently reading zero.
 */
export function packWgslStruct(layout: WgslStructLayout, values: WgslStructValues, target: ArrayBuffer, byteOffset = 0): void {
  const view = new DataView(target);
  for (const key of Object.keys(values)) {
    if (!layout.fields.some((field) => field.name === key)) {
      throw new Error(`WGSL struct ${layout.name} has no field "${key}" (fields: ${layout.fields.map((f) => f.name).join(', ')}).`);
    }
  }
  for (const field of layout.fields) {
    const value = values[field.name];
    if (value === undefined) throw new Error(`No value given for WGSL struct field ${layout.name}.${field.name}.`);
    const list = typeof value === 'number' ? [value] : value;
    if (list.length !== field.components) {
      throw new Error(`WGSL struct field ${layout.name}.${field.name} has ${field.components} components, got ${list.length}.`);
    }
    list.forEach((component, i) => {
      const at = byteOffset + field.offset + 4 * i;
      if (field.scalar === 'f32') view.setFloat32(at, component, true);
      else if (field.scalar === 'i32') view.setInt32(at, component, true);
      else view.setUint32(at, component, true);
    });
  }
}

/** Packs `array<Struct>` (stride = struct size), at least one element so the buffer is bindable. */
export function packWgslStructArray(layout: WgslStructLayout, items: readonly WgslStructValues[]): ArrayBuffer {
  const buffer = new ArrayBuffer(layout.size * Math.max(1, items.length));
  items.forEach((item, i) => packWgslStruct(layout, item, buffer, i * layout.size));
  return buffer;
}
