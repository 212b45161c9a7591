/**
 * The widget's end of the postMessage channel. It takes a message only when it comes from the
 * page that embeds this frame (`event.source === window.parent`) and that page's origin is on the
 * build-time allowlist, compared exactly; anything else is dropped without an answer, so a page
 * that is not allowed learns nothing. Answers and events go to the parent's exact origin, never '*'.
 */
import { parseCommand, type EmbedCommand } from '../protocol/commands';
import { widgetMessage, type WidgetMessage } from '../protocol/events';
import { isAllowedOrigin, type OriginAllowlist } from './originAllowlist';

export interface CommandChannel {
  /** Sends to the parent once it has spoken (events before that have no one to go to). */
  post(message: WidgetMessage): void;
  /** The parent's origin once an accepted message arrived, else null. */
  parentOrigin(): string | null;
  close(): void;
}

/** The window surface the channel uses (the real window, or a double in unit tests). */
export interface ChannelWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export function openCommandChannel(self: ChannelWindow, allowlist: OriginAllowlist, onCommand: (command: EmbedCommand) => void): CommandChannel {
  let origin: string | null = null;
  const post = (message: WidgetMessage) => {
    if (origin !== null) self.parent.postMessage(message, origin);
  };
  const listener = (event: MessageEvent) => {
    // A top-level embed.html is its own parent: nobody may command it.
    if (self.parent === (self as unknown) || event.source !== self.parent) return;
    if (!isAllowedOrigin(allowlist, event.origin)) return;
    origin = event.origin;
    const parsed = parseCommand(event.data);
    if (parsed.outcome === 'ignored') return;
    if (parsed.outcome === 'rejected') {
      const { id, message, issues, supportedVersions, supportedKinds } = parsed.rejection;
      post(widgetMessage('error', { name: 'InvalidRequestError', message, issues, supportedVersions, supportedKinds }, id));
      return;
    }
    onCommand(parsed.command);
  };
  self.addEventListener('message', listener);
  return { post, parentOrigin: () => origin, close: () => self.removeEventListener('message', listener) };
}
