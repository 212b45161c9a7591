/**
 * `npm run layout` end to end: the real CLI (tsx scripts/layout.ts) in a child process against the
 * scripted local chat server; the file it writes must be Layout JSON that the layout module's own
 * codec (what `npm run generate` reads) accepts without repairs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCRIPT_CAPTION, startFakeChatServer, type FakeChatServer } from '../e2e/support/fakeChatServer';
import { parseLayoutJson } from '../src/layout/layoutJson';

let server: FakeChatServer;
let dir: string;

beforeAll(async () => {
  server = await startFakeChatServer({ requiredKey: 'sk-cli' });
  dir = mkdtempSync(join(tmpdir(), 'blobgen-layout-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/layout.ts', ...args], { env: { ...process.env, LLM_API_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('npm run layout', () => {
  it('writes Layout JSON that the layout codec accepts, from the scripted two-stage answer', async () => {
    const out = join(dir, 'layout.json');
    const before = server.chatRequests().length;
    const result = await runCli(['--caption', SCRIPT_CAPTION, '--endpoint', server.baseUrl, '--model', 'good', '--key', 'sk-cli', '--out', out]);
    expect(result.stderr).toContain(`wrote ${out}: 3 blobs`);
    expect(result.code).toBe(0);
    const parsed = parseLayoutJson(readFileSync(out, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.warnings).toEqual([]);
    expect(parsed.document.caption).toBe(SCRIPT_CAPTION);
    expect(parsed.document.blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval with yellow stripes', 'a green spot with white dots']);
    const sent = server.chatRequests().slice(before);
    expect(sent.map((r) => r.authorization)).toEqual(['Bearer sk-cli', 'Bearer sk-cli']);
    // The default pack's vocabulary went into stage 2.
    expect(sent[1]?.body?.messages?.at(-1)?.content).toMatch(/Words: .*checkered.*striped/);
  }, 60_000);

  it('prints rejected lines and notes on stderr and the layout on stdout without --out', async () => {
    const result = await runCli(['--caption', SCRIPT_CAPTION, '--endpoint', server.baseUrl, '--model', 'malformed', '--key', 'sk-cli', '--no-stream']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/answer 1, line 2 not used: major-radius: must be a number of px/);
    expect(result.stderr).toMatch(/note: answer 1, line 5: angle 270/);
    const parsed = parseLayoutJson(result.stdout);
    expect(parsed.ok && parsed.document.blobs.length).toBe(2);
  }, 60_000);

  it('an endpoint error is explained, exits 1 and writes nothing', async () => {
    const out = join(dir, 'never.json');
    const result = await runCli(['--caption', 'x', '--endpoint', server.baseUrl, '--model', 'good', '--key', 'wrong', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Key refused \(stage 1\): .*HTTP 401/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a bad base URL is a usage error (exit 2)', async () => {
    const result = await runCli(['--caption', 'x', '--endpoint', 'localhost:8080', '--model', 'm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/base URL: must start with http/);
  }, 60_000);
});
