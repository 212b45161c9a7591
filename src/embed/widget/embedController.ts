/**
 * Runs the host's commands against the widget's stores and runner, and tells the host what
 * happens in the widget (layout edits, progress, results, its size). The host's Generate and the
 * widget's own button share one path, so both produce the same `progress` and `result` events.
 */
import { validateLayoutBody } from '../../layout/layoutValidation';
import { getDocument, useDocumentStore } from '../../store/documentStore';
import { resetDocument } from '../../store/history';
import { select } from '../../store/sessionStore';
import { InvalidRequestError } from '../../runtime/errors';
import type { CommandPayload, EmbedCommand } from '../protocol/commands';
import { COMMAND_KINDS } from '../protocol/commands';
import { EMBED_PROTOCOL_VERSION, type RequestId } from '../protocol/envelope';
import { widgetMessage } from '../protocol/events';
import type { CommandChannel } from './commandChannel';
import type { EmbedRunner } from './embedRunner';
import { showOutcome, showResult } from './embedViewStore';
import { toWireError } from './wireErrors';

export interface EmbedControllerOptions {
  channel: () => CommandChannel;
  runner: EmbedRunner;
  readOnly: boolean;
  /** Resolves once the widget's UI has rendered, with what this frame cannot use (a `hello` is answered with `ready` only then). */
  mounted: Promise<{ missing: readonly string[] }>;
  /** Called right after `ready` went out (the widget then reports its height). */
  afterReady: () => void;
}

export class EmbedController {
  /** True while a host's setLayout replaces the document: that is not a change made in the widget. */
  private applyingHostLayout = false;

  constructor(private readonly options: EmbedControllerOptions) {
    useDocumentStore.subscribe((state, previous) => {
      if (this.applyingHostLayout || (state.caption === previous.caption && state.blobs === previous.blobs)) return;
      this.post(widgetMessage('layoutchange', { layout: getDocument() }));
    });
  }

  private post(message: Parameters<CommandChannel['post']>[0]): void {
    this.options.channel().post(message);
  }

  /** A reply goes only to a request that has an id (one without asks for no answer). */
  private reply(payload: unknown, id: RequestId | undefined): void {
    if (id !== undefined) this.post(widgetMessage('reply', payload, id));
  }

  /** The widget's own Generate button and the host's `generate` command. */
  async generate(options: CommandPayload<'generate'> = {}, id?: RequestId): Promise<void> {
    showOutcome(null);
    try {
      const result = await this.options.runner.generate(getDocument(), options, (p) => this.post(widgetMessage('progress', p, id)));
      showResult(result.png, result.width, result.height, result.seed);
      this.post(widgetMessage('result', result, id));
    } catch (error) {
      const wire = toWireError(error);
      showOutcome(wire.name === 'GenerationCancelledError' ? { tone: 'info', text: 'Cancelled.' } : { tone: 'error', text: `The generation failed: ${wire.message}` });
      this.post(widgetMessage('error', wire, id));
    }
  }

  async cancel(): Promise<{ cancelled: boolean }> {
    return this.options.runner.cancel();
  }

  handle = (command: EmbedCommand): void => {
    void this.run(command).catch((error: unknown) => this.post(widgetMessage('error', toWireError(error), command.id)));
  };

  private async run(command: EmbedCommand): Promise<void> {
    const { id } = command;
    switch (command.kind) {
      case 'hello': {
        const { missing } = await this.options.mounted;
        this.post(widgetMessage('ready', { version: EMBED_PROTOCOL_VERSION, commands: [...COMMAND_KINDS], readOnly: this.options.readOnly, missing: [...missing] }, id));
        this.options.afterReady();
        return;
      }
      case 'getLayout':
        this.reply({ layout: getDocument() }, id);
        return;
      case 'setLayout': {
        const checked = validateLayoutBody(command.payload.layout, 'payload.layout');
        if (!checked.ok) throw new InvalidRequestError('The layout was not applied: it does not match the layout format (docs/layout-format.md).', checked.errors);
        this.applyingHostLayout = true;
        try {
          resetDocument(checked.document);
          select(null);
        } finally {
          this.applyingHostLayout = false;
        }
        this.reply({ layout: getDocument(), warnings: checked.warnings }, id);
        return;
      }
      case 'generate':
        await this.generate(command.payload, id);
        return;
      case 'cancel':
        this.reply(await this.cancel(), id);
        return;
    }
  }
}
