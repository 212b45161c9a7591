/**
 * The layering rules are real only if lint rejects a violation, so this plants one of each kind
 * into the repository's own ESLint configuration (eslint.config.js, not a copy) and checks that
 * `blobgen/import-boundaries` reports it, and that the allowed imports next to them pass.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });
const RULE = 'blobgen/import-boundaries';

/** The boundary messages lint gives `code` as if it were the file at `file` (repository-relative). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`${file} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe('lint rejects a pure module that imports outside the pure set', () => {
  it('rejects React in src/engine', async () => {
    const messages = await boundaryMessages('src/engine/planted.ts', "import { useState } from 'react';\nexport const s = useState;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('package "react"');
  });

  it('rejects WebGPU code however deep the relative path', async () => {
    const code = "import { requestDevice } from '../../../gpu/device/gpuDevice';\nexport const r = requestDevice;\n";
    const messages = await boundaryMessages('src/layout/nested/deeper/planted.ts', code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('(src/gpu/device/gpuDevice), which is outside the pure set');
  });

  it('rejects ONNX Runtime in src/png (both as a foreign package and as ORT outside its module)', async () => {
    const messages = await boundaryMessages('src/png/planted.ts', "import * as ort from 'onnxruntime-web/webgpu';\nexport const o = ort;\n");
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).toContain('may be imported only by the ORT module');
  });

  it('rejects re-exports, dynamic imports and type-only imports from the app', async () => {
    const code = [
      "export * from '../worker/protocol';",
      "import type { StudioEngine } from '../studio';",
      "export type S = StudioEngine | typeof import('../store/documentStore');",
      "export const load = () => import('../runtime/ortGraph');",
    ].join('\n');
    const messages = await boundaryMessages('src/reference/planted.ts', code);
    expect(messages).toHaveLength(4);
  });

  it('accepts imports inside the pure set and its allowed packages', async () => {
    const code = [
      "import { z } from 'zod';",
      "import type { LayoutDocument } from '../layout/types';",
      "import { blobMasks } from '../reference/blobMasks';",
      'export const pure = [z, blobMasks] as const;',
      'export type D = LayoutDocument;',
    ].join('\n');
    expect(await boundaryMessages('src/engine/planted.ts', code)).toEqual([]);
  });

  it('lets only test files of pure modules use the test tools', async () => {
    const code = "import { it } from 'vitest';\nexport const t = it;\n";
    expect(await boundaryMessages('src/layout/planted.test.ts', code)).toEqual([]);
    expect(await boundaryMessages('src/layout/planted.ts', code)).toHaveLength(1);
  });
});

describe('lint rejects onnxruntime-web outside the one ORT module', () => {
  it('rejects it in the studio and elsewhere in the runtime', async () => {
    const studio = await boundaryMessages('src/studio/planted.ts', "import * as ort from 'onnxruntime-web';\nexport const o = ort;\n");
    expect(studio).toEqual([expect.stringContaining('"onnxruntime-web" may be imported only by the ORT module')]);
    const runtime = await boundaryMessages('src/runtime/engine/planted.ts', "import 'onnxruntime-web/webgpu';\n");
    expect(runtime).toHaveLength(1);
  });

  it('accepts it in the ORT module', async () => {
    const code = "import * as ort from 'onnxruntime-web/webgpu';\nexport const o = ort;\n";
    expect(await boundaryMessages('src/runtime/ortGraph.ts', code)).toEqual([]);
  });
});

describe('lint rejects the editor and the studio importing each other', () => {
  it('rejects the editor importing the studio', async () => {
    const code = "import { StudioPanel } from '../../studio';\nexport const p = StudioPanel;\n";
    const messages = await boundaryMessages('src/editor/panels/planted.tsx', code);
    expect(messages).toEqual([expect.stringContaining('src/editor must not import from src/studio')]);
  });

  it('rejects the studio importing the editor', async () => {
    const code = "import { EditorCanvas } from '../../editor/canvas/EditorCanvas';\nexport const c = EditorCanvas;\n";
    const messages = await boundaryMessages('src/studio/masks/planted.tsx', code);
    expect(messages).toEqual([expect.stringContaining('src/studio must not import from src/editor')]);
  });

  it('accepts the app shell importing both', async () => {
    const code = [
      "import { SidePanel } from '../editor/SidePanel';",
      "import { StudioPanel } from '../studio';",
      'export const both = [SidePanel, StudioPanel];',
    ].join('\n');
    expect(await boundaryMessages('src/shell/planted.tsx', code)).toEqual([]);
  });
});
