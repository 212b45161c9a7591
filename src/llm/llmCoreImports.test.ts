/**
 * The assistant core stays usable from the CLI only if lint really rejects UI imports in src/llm:
 * this plants them into the repository's own ESLint configuration and checks the verdicts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repoRoot });

async function restricted(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, 'src/llm/planted.ts') });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('src/llm imports', () => {
  it('rejects React, zustand and app-layer modules', async () => {
    const code = [
      "import { useState } from 'react';",
      "import { create } from 'zustand';",
      "import { notify } from '../store/sessionStore';",
      "import { setProposal } from '../editor/llm/layoutProposalStore';",
      'export const all = [useState, create, notify, setProposal];',
    ].join('\n');
    expect(await restricted(code)).toHaveLength(4);
  }, 60_000);

  it('allows zod, eventsource-parser and the pure layout modules', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { createParser } from 'eventsource-parser';",
      "import { parseLlmLayout } from '../layout/llmFormat';",
      'export const all = [z, createParser, parseLlmLayout];',
    ].join('\n');
    expect(await restricted(code)).toEqual([]);
  }, 60_000);
});
