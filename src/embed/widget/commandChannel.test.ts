import { describe, expect, it } from 'vitest';
import type { EmbedCommand } from '../protocol/commands';
import { widgetMessage } from '../protocol/events';
import { openCommandChannel, type ChannelWindow } from './commandChannel';
import { parseOriginAllowlist } from './originAllowlist';

const HOST = 'https://host.example';

function fakeWindow() {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = { postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }) };
  let listener: ((event: MessageEvent) => void) | null = null;
  const self: ChannelWindow = {
    parent,
    addEventListener: (_type, l) => (listener = l),
    removeEventListener: () => (listener = null),
  };
  const deliver = (data: unknown, origin: string, source: unknown = parent) => listener?.({ data, origin, source } as unknown as MessageEvent);
  return { self, parent, posted, deliver };
}

describe('openCommandChannel', () => {
  it('takes commands only from the parent on an allowed origin, and answers that exact origin', () => {
    const w = fakeWindow();
    const commands: EmbedCommand[] = [];
    const channel = openCommandChannel(w.self, parseOriginAllowlist(HOST, 'https://app.example'), (c) => commands.push(c));
    channel.post(widgetMessage('resize', { height: 10 }));
    expect(w.posted).toEqual([]); // nobody to talk to before the parent spoke

    w.deliver({ blobgen: 1, kind: 'hello', id: 1 }, 'https://evil.example');
    w.deliver({ blobgen: 1, kind: 'hello', id: 2 }, HOST, { postMessage: () => {} }); // not the parent
    w.deliver({ blobgen: 2, kind: 'hello', id: 3 }, 'http://host.example'); // scheme differs
    expect(commands).toEqual([]);
    expect(w.posted).toEqual([]);
    expect(channel.parentOrigin()).toBeNull();

    w.deliver({ blobgen: 1, kind: 'hello', id: 4 }, HOST);
    expect(commands).toEqual([{ kind: 'hello', id: 4, payload: {} }]);
    channel.post(widgetMessage('resize', { height: 10 }));
    expect(w.posted).toEqual([{ message: { blobgen: 1, kind: 'resize', payload: { height: 10 } }, targetOrigin: HOST }]);
  });

  it('answers an invalid message from the allowed parent with a typed error; ignores foreign traffic', () => {
    const w = fakeWindow();
    openCommandChannel(w.self, parseOriginAllowlist(HOST, 'https://app.example'), () => {});
    w.deliver({ type: 'someone-elses-message' }, HOST);
    expect(w.posted).toEqual([]);
    w.deliver({ blobgen: 1, kind: 'explode', id: 'e' }, HOST);
    expect(w.posted).toHaveLength(1);
    expect(w.posted[0]?.targetOrigin).toBe(HOST);
    expect(w.posted[0]?.message).toMatchObject({ blobgen: 1, kind: 'error', id: 'e', payload: { name: 'InvalidRequestError', supportedKinds: ['hello', 'getLayout', 'setLayout', 'generate', 'cancel'] } });
  });

  it('a top-level embed.html (its own parent) takes no commands', () => {
    const w = fakeWindow();
    const commands: EmbedCommand[] = [];
    const self = w.self as ChannelWindow & { parent: unknown };
    (self as { parent: unknown }).parent = self;
    openCommandChannel(self, parseOriginAllowlist(HOST, HOST), (c) => commands.push(c));
    w.deliver({ blobgen: 1, kind: 'hello', id: 1 }, HOST, self);
    expect(commands).toEqual([]);
  });
});
