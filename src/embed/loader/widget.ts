/**
 * The host's handle on one embedded widget. Every message from the frame is checked: it must come
 * from that iframe's window and its exact origin, and match the protocol's schemas; anything else
 * is dropped. Commands go to the frame's exact origin only.
 */
import type * as z from 'zod/mini';
import type { CommandKind } from '../protocol/commands';
import { EMBED_PROTOCOL_VERSION, type RequestId } from '../protocol/envelope';
import { replyPayloadSchemas, widgetMessageSchema, type EmbedProgress, type EmbedResult, type WidgetMessage, type WireLayout } from '../protocol/events';
import { BlobGenEmbedError, fromWireError } from './embedError';

export interface WidgetEvents {
  ready: { readOnly: boolean; missing: string[] };
  layoutchange: { layout: WireLayout };
  /** `requestId` is the id of the host's generate call; absent for the widget's own Generate button. */
  progress: EmbedProgress & { requestId?: RequestId };
  result: EmbedResult;
  error: BlobGenEmbedError;
}
export type WidgetEventName = keyof WidgetEvents;
type Handler<E extends WidgetEventName> = (event: WidgetEvents[E]) => void;

interface Pending {
  kind: CommandKind;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface GenerateCall {
  seed?: number;
  steps?: number;
  guidance?: number;
}

export class Widget {
  private nextId = 1;
  private readonly pending = new Map<RequestId, Pending>();
  private readonly handlers = new Map<WidgetEventName, Set<Handler<never>>>();
  private readyInfo: WidgetEvents['ready'] | null = null;
  private destroyed = false;

  constructor(
    readonly iframe: HTMLIFrameElement,
    /** The frame's exact origin: where commands go and where answers must come from. */
    private readonly frameOrigin: string,
    private readonly autoHeight: boolean,
  ) {
    window.addEventListener('message', this.receive);
  }

  private receive = (event: MessageEvent): void => {
    if (event.source !== this.iframe.contentWindow || event.origin !== this.frameOrigin) return;
    const parsed = widgetMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      console.warn('BlobGenEmbed: ignored a message from the widget that does not match protocol version 1', parsed.error.issues.slice(0, 3));
      return;
    }
    this.dispatch(parsed.data);
  };

  private settle(id: RequestId | undefined, outcome: { value: unknown } | { error: Error }): boolean {
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending || id === undefined) return false;
    this.pending.delete(id);
    if ('error' in outcome) pending.reject(outcome.error);
    else pending.resolve(outcome.value);
    return true;
  }

  private dispatch(message: WidgetMessage): void {
    switch (message.kind) {
      case 'ready':
        this.readyInfo = { readOnly: message.payload.readOnly, missing: message.payload.missing };
        if (!this.settle(message.id, { value: message.payload })) this.emit('ready', this.readyInfo);
        return;
      case 'reply': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        const schema = (replyPayloadSchemas as Record<string, z.ZodMiniType | undefined>)[pending.kind];
        const checked = schema ? schema.safeParse(message.payload) : { success: true as const, data: message.payload };
        this.settle(message.id, checked.success ? { value: checked.data } : { error: new BlobGenEmbedError('InvalidRequestError', `The widget's reply to ${pending.kind} does not match protocol version 1.`) });
        return;
      }
      case 'error': {
        const error = fromWireError(message.payload);
        // An answer to a request this loader did not send (another script on the page talks to the
        // frame too) is not this widget's error event.
        if (message.id === undefined) this.emit('error', error);
        else this.settle(message.id, { error });
        return;
      }
      case 'layoutchange':
        this.emit('layoutchange', message.payload);
        return;
      case 'progress':
        this.emit('progress', { ...message.payload, ...(message.id !== undefined ? { requestId: message.id } : {}) });
        return;
      case 'result':
        this.settle(message.id, { value: message.payload });
        this.emit('result', message.payload);
        return;
      case 'resize':
        if (this.autoHeight) this.iframe.style.height = `${String(message.payload.height)}px`;
        return;
    }
  }

  private emit<E extends WidgetEventName>(name: E, event: WidgetEvents[E]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        (handler as Handler<E>)(event);
      } catch (error) {
        // A host handler that throws must not stop the others (or the widget's messages).
        console.error(`BlobGenEmbed: a ${name} handler threw`, error);
      }
    }
  }

  /** Sends a command; resolves with its answer, rejects with a BlobGenEmbedError named as the engine names it. */
  request(kind: CommandKind, payload: object = {}): Promise<unknown> {
    if (this.destroyed) return Promise.reject(new BlobGenEmbedError('EngineStateError', 'This widget was destroyed.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind, resolve, reject });
      this.iframe.contentWindow?.postMessage({ blobgen: EMBED_PROTOCOL_VERSION, kind, id, payload }, this.frameOrigin);
    });
  }

  /** Drops unanswered requests of one kind (the loader's repeated `hello`s once one was answered). */
  forget(kind: CommandKind): void {
    for (const [id, pending] of this.pending) if (pending.kind === kind) this.pending.delete(id);
  }

  async getLayout(): Promise<WireLayout> {
    return ((await this.request('getLayout')) as { layout: WireLayout }).layout;
  }

  /** Replaces the widget's layout; resolves with the layout as applied and any repairs made to it. */
  async setLayout(layout: unknown): Promise<{ layout: WireLayout; warnings: string[] }> {
    return (await this.request('setLayout', { layout })) as { layout: WireLayout; warnings: string[] };
  }

  async generate(options: GenerateCall = {}): Promise<EmbedResult> {
    return (await this.request('generate', options)) as EmbedResult;
  }

  async cancel(): Promise<{ cancelled: boolean }> {
    return (await this.request('cancel')) as { cancelled: boolean };
  }

  on<E extends WidgetEventName>(name: E, handler: Handler<E>): this {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as Handler<never>);
    // `ready` happened before mount() resolved; a late subscriber still hears it once.
    if (name === 'ready' && this.readyInfo) {
      const info = this.readyInfo;
      queueMicrotask(() => (set.has(handler as Handler<never>) ? (handler as Handler<'ready'>)(info) : undefined));
    }
    return this;
  }

  off<E extends WidgetEventName>(name: E, handler: Handler<E>): this {
    this.handlers.get(name)?.delete(handler as Handler<never>);
    return this;
  }

  /** Removes the frame; pending calls reject with EngineStateError. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('message', this.receive);
    for (const pending of this.pending.values()) pending.reject(new BlobGenEmbedError('EngineStateError', 'This widget was destroyed.'));
    this.pending.clear();
    this.handlers.clear();
    this.iframe.remove();
  }
}
