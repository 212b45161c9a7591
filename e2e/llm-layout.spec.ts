/**
 * The layout assistant as a person uses it, against a real scripted chat-completions server on
 * 127.0.0.1 (e2e/support/fakeChatServer.ts): caption → Suggest layout → ghost outlines while the
 * answer streams → Accept (one undo step) → Generate with the default pack (real WebGPU here:
 * SwiftShader; the spec fails, never skips, without it).
 */
import { expect, test } from '@playwright/test';
import { EditorPage } from './support/editorPage';
import { SCRIPT_CAPTION, SCRIPTS, startFakeChatServer, type FakeChatServer } from './support/fakeChatServer';
import { generateAndWait } from './support/studioGeneration';

test.use({ permissions: ['clipboard-read', 'clipboard-write'], actionTimeout: 30_000 });
test.setTimeout(600_000);

let server: FakeChatServer;
test.beforeEach(async () => {
  server = await startFakeChatServer();
});
test.afterEach(async () => {
  await server.close();
});

async function setUpEndpoint(page: EditorPage['page'], baseUrl: string, model: string): Promise<void> {
  await page.getByTestId('llm-base-url').fill(baseUrl);
  await page.getByTestId('llm-model').fill(model);
}

test('caption → streamed ghost outlines → accept as one undo step → generated image', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  // The default pack is closed-vocabulary: the studio's `info` answer reaches the assistant.
  await expect(page.getByTestId('llm-vocabulary')).toContainText('words blobgen-tiny-shapes knows');
  await setUpEndpoint(page, server.baseUrl, 'gated');
  await page.getByTestId('llm-caption').fill(SCRIPT_CAPTION);
  await page.getByTestId('llm-suggest').click();

  // The server holds the answer after two lines: two ghosts, still streaming, layout untouched.
  await expect(page.getByTestId('ghost-blob')).toHaveCount(2);
  await expect(page.getByTestId('llm-status')).toHaveText('Stage 1: 2 objects so far…');
  await expect(page.getByTestId('llm-accept')).toBeDisabled();
  await expect(editor.blobs).toHaveCount(0);
  server.openGate();
  await expect(page.getByTestId('llm-status')).toContainText('Suggested 3 blobs');
  const ghostDescriptions = await page.getByTestId('ghost-blob').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-description')));
  expect(ghostDescriptions).toEqual(['a red ball', 'a blue oval with yellow stripes', 'a green spot with white dots']);
  await expect(page.getByTestId('llm-rejected')).toHaveCount(0);
  await expect(editor.blobs).toHaveCount(0);

  // What went over the wire: the paper's format, then the pack's words; no key was set, none sent.
  const sent = server.chatRequests();
  expect(sent).toHaveLength(2);
  for (const request of sent) {
    expect(request.authorization).toBeUndefined();
    expect(request.origin).toBe(new URL(page.url()).origin);
    expect(request.body?.stream).toBe(true);
  }
  const [stage1, stage2] = sent.map((r) => r.body?.messages?.at(-1)?.content ?? '');
  expect(stage1).toContain('{major-radius: ?px; minor-radius: ?px; cx: ?px; cy: ?px; angle: ?}');
  expect(stage1).toContain(`Caption: ${SCRIPT_CAPTION}`);
  expect(stage2).toContain(`Layout:\n${SCRIPTS.gated?.stage1 ?? ''}\nDescriptions:`);
  expect(stage2).toMatch(/Colours: red, orange, yellow, green, blue, purple, pink, brown, black, white, gray\./);
  expect(stage2).toMatch(/Words: .*\bcheckered\b.*\bstriped\b/);

  await page.getByTestId('llm-accept').click();
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  await expect(page.getByTestId('ghost-blob')).toHaveCount(0);
  const accepted = await editor.documentJson();
  expect(accepted.caption).toBe(SCRIPT_CAPTION);
  expect(accepted.blobs.map((b) => b.description)).toEqual(ghostDescriptions);
  expect(accepted.blobs[0]).toMatchObject({ cx: 150 / 512, cy: 300 / 512, a: 120 / 512, b: 110 / 512, theta: 0 });

  // One undo step takes the whole suggestion back; redo restores it.
  await editor.leaveField();
  await editor.undo();
  await expect(page.getByTestId('blob-list-item')).toHaveCount(0);
  expect((await editor.documentJson()).caption).toBe('');
  await editor.leaveField();
  await editor.redo();
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);

  await generateAndWait(page);
});

test('edit the prompt first, regenerate, reject; copy the prompt and paste an answer back', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.open();
  await expect(page.getByTestId('llm-vocabulary')).toBeVisible();
  await setUpEndpoint(page, server.baseUrl, 'good');
  await page.getByTestId('llm-caption').fill(SCRIPT_CAPTION);

  await page.getByTestId('llm-edit-prompt').click();
  const editorBox = page.getByTestId('llm-prompt-editor');
  await expect(editorBox).toHaveValue(/^Stage 1 of 2: object layout\./);
  await editorBox.press('Control+End');
  await editorBox.pressSequentially(' with a big ball');
  await page.getByTestId('llm-send-prompt').click();
  await expect(page.getByTestId('llm-status')).toContainText('Suggested 3 blobs');
  expect(server.chatRequests()[0]?.body?.messages?.at(-1)?.content).toMatch(/Caption: a red ball, a blue striped oval and a green dotted spot with a big ball$/);

  await page.getByTestId('llm-regenerate').click();
  await expect(page.getByTestId('llm-status')).toContainText('Suggested 3 blobs');
  expect(server.chatRequests()).toHaveLength(4);
  await page.getByTestId('llm-reject').click();
  await expect(page.getByTestId('ghost-blob')).toHaveCount(0);
  await expect(editor.blobs).toHaveCount(0);

  // No endpoint needed: copy the prompt for any chat app, paste its answer back.
  await page.getByTestId('llm-paste').locator('summary').click();
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.getByTestId('llm-copy-prompt').click();
  let copied = '';
  await expect.poll(async () => (copied = await page.evaluate(() => navigator.clipboard.readText()))).not.toBe('');
  expect(copied).toMatch(/^Image layout in two parts/);
  expect(copied).toMatch(/Words: .*\bdotted\b/);
  expect(copied.trimEnd().endsWith(`Caption: ${SCRIPT_CAPTION}`)).toBe(true);
  const requestsBefore = server.requests.length;
  await page.getByTestId('llm-paste-answer').fill(`Sure!\n${SCRIPTS.good?.stage1 ?? ''}\nball {a red ball}\noval {a blue oval with yellow stripes}`);
  await page.getByTestId('llm-read-pasted').click();
  await expect(page.getByTestId('ghost-blob')).toHaveCount(3);
  await expect(page.getByTestId('llm-note').first()).toContainText('no description line');
  await page.getByTestId('llm-accept').click();
  await expect(page.getByTestId('blob-list-item')).toHaveCount(3);
  expect((await editor.documentJson()).blobs.map((b) => b.description)).toEqual(['a red ball', 'a blue oval with yellow stripes', 'spot']);
  expect(server.requests.length).toBe(requestsBefore);
});
