import { describe, expect, it } from 'vitest';
import { COMMAND_KINDS, parseCommand } from './commands';
import { replyPayloadSchemas, widgetMessageSchema } from './events';

describe('embed protocol v1: commands', () => {
  it('parses each command kind with its payload and id', () => {
    expect(parseCommand({ blobgen: 1, kind: 'hello', id: 1 })).toEqual({ outcome: 'command', command: { kind: 'hello', id: 1, payload: {} } });
    expect(parseCommand({ blobgen: 1, kind: 'generate', id: 'g', payload: { seed: 7, steps: 4, guidance: 2.5 } })).toEqual({
      outcome: 'command',
      command: { kind: 'generate', id: 'g', payload: { seed: 7, steps: 4, guidance: 2.5 } },
    });
    const layout = { caption: 'c', blobs: [] };
    expect(parseCommand({ blobgen: 1, kind: 'setLayout', payload: { layout } })).toEqual({ outcome: 'command', command: { kind: 'setLayout', payload: { layout } } });
  });

  it('ignores traffic that is not ours (no own blobgen field)', () => {
    for (const data of [null, 'hello', 42, [1], { kind: 'hello' }, Object.create({ blobgen: 1 }) as unknown]) expect(parseCommand(data)).toEqual({ outcome: 'ignored' });
  });

  it('an unknown version names the supported one and keeps the id', () => {
    const parsed = parseCommand({ blobgen: 2, kind: 'hello', id: 9 });
    expect(parsed.outcome).toBe('rejected');
    if (parsed.outcome !== 'rejected') return;
    expect(parsed.rejection).toMatchObject({ id: 9, supportedVersions: [1], supportedKinds: [...COMMAND_KINDS] });
    expect(parsed.rejection.message).toBe('Protocol version 2 is not supported; this widget speaks version 1 (blobgen: 1).');
  });

  it('an unknown kind lists the kinds of version 1', () => {
    const parsed = parseCommand({ blobgen: 1, kind: 'destroy', id: 'x' });
    expect(parsed.outcome === 'rejected' && parsed.rejection.message).toBe('Unknown kind "destroy"; version 1 supports hello, getLayout, setLayout, generate, cancel.');
    const proto = parseCommand({ blobgen: 1, kind: '__proto__', id: 'x' });
    expect(proto.outcome).toBe('rejected');
  });

  it('rejects bad payloads with path: problem lines, bad ids without echoing them, and non-plain payloads', () => {
    const steps = parseCommand({ blobgen: 1, kind: 'generate', id: 3, payload: { steps: 0, extra: true } });
    expect(steps.outcome === 'rejected' && steps.rejection.issues.length).toBeGreaterThanOrEqual(2);
    expect(steps.outcome === 'rejected' && steps.rejection.issues.some((i) => i.startsWith('payload.steps:'))).toBe(true);
    const missing = parseCommand({ blobgen: 1, kind: 'setLayout', id: 3, payload: {} });
    expect(missing.outcome === 'rejected' && missing.rejection.issues).toEqual(['payload.layout: layout is missing']);
    const badId = parseCommand({ blobgen: 1, kind: 'hello', id: { evil: true } });
    expect(badId.outcome === 'rejected' && badId.rejection.id).toBeUndefined();
    const binary = parseCommand({ blobgen: 1, kind: 'generate', id: 4, payload: new ArrayBuffer(8) });
    expect(binary.outcome === 'rejected' && binary.rejection.message).toBe('The generate payload is a ArrayBuffer; it must be a plain object (or left out).');
  });
});

describe('embed protocol v1: widget messages', () => {
  it('validates results, errors and replies; rejects wrong versions and bad layouts', () => {
    const layout = { caption: 'c', blobs: [{ id: 'b', cx: 0.5, cy: 0.5, a: 0.1, b: 0.1, theta: 0, description: 'd' }] };
    const result = { blobgen: 1, kind: 'result', id: 1, payload: { png: new Blob([]), seed: 1, steps: 4, guidance: 3, width: 64, height: 64, layout } };
    expect(widgetMessageSchema.safeParse(result).success).toBe(true);
    expect(widgetMessageSchema.safeParse({ ...result, blobgen: 2 }).success).toBe(false);
    expect(widgetMessageSchema.safeParse({ ...result, payload: { ...result.payload, png: 'data:' } }).success).toBe(false);
    expect(widgetMessageSchema.safeParse({ blobgen: 1, kind: 'error', id: 1, payload: { name: 'GenerationCancelledError', message: 'stop' } }).success).toBe(true);
    expect(widgetMessageSchema.safeParse({ blobgen: 1, kind: 'error', payload: { name: 'MadeUpError', message: 'x' } }).success).toBe(false);
    expect(replyPayloadSchemas.getLayout.safeParse({ layout }).success).toBe(true);
    expect(replyPayloadSchemas.getLayout.safeParse({ layout: { caption: 'c', blobs: [{ ...layout.blobs[0], a: -1 }] } }).success).toBe(false);
  });
});
