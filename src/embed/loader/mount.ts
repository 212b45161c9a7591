/**
 * `BlobGenEmbed.mount(element, options)`: creates the widget's iframe, says `hello` until the
 * widget answers `ready` (a page on an origin that the deployment did not allow never gets an
 * answer, so this rejects after `timeoutMs` with EmbedConnectionError), then applies `layout`.
 */
import { BlobGenEmbedError } from './embedError';
import { mountOptionsSchema, widgetUrl, type MountOptions } from './mountOptions';
import { Widget } from './widget';

const HELLO_EVERY_MS = 150;
const DEFAULT_TIMEOUT_MS = 20_000;

function checkSandbox(sandbox: string | undefined): void {
  if (sandbox === undefined) return;
  const tokens = new Set(sandbox.split(/\s+/).filter(Boolean));
  const missing = ['allow-scripts', 'allow-same-origin'].filter((token) => !tokens.has(token));
  if (missing.length > 0) {
    throw new BlobGenEmbedError(
      'EmbedOptionsError',
      `sandbox="${sandbox}" lacks ${missing.join(' and ')}: without them the widget runs in an opaque origin with no storage, no model cache and no inference worker. Add them, or leave sandbox out.`,
    );
  }
}

export async function mount(element: Element, rawOptions: unknown, loaderUrl: string): Promise<Widget> {
  if (!(element instanceof Element)) throw new BlobGenEmbedError('EmbedOptionsError', 'mount() needs a DOM element to put the widget in.');
  const parsed = mountOptionsSchema.safeParse(rawOptions ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new BlobGenEmbedError('EmbedOptionsError', `Invalid mount() options: ${issues.join('; ')}`, { issues });
  }
  const options: MountOptions = parsed.data;
  checkSandbox(options.sandbox);
  let url: URL;
  try {
    url = widgetUrl(options.src ?? new URL('./', loaderUrl).href, options);
  } catch {
    throw new BlobGenEmbedError('EmbedOptionsError', `src ${JSON.stringify(options.src)} is not a URL; give the app's address, e.g. "https://blobgen.example/".`);
  }

  const iframe = document.createElement('iframe');
  iframe.src = url.href;
  iframe.title = 'BlobGEN layout widget';
  if (options.sandbox !== undefined) iframe.setAttribute('sandbox', options.sandbox);
  iframe.style.cssText = 'display:block;width:100%;border:0;';
  iframe.style.height = typeof options.height === 'number' ? `${String(options.height)}px` : '560px';
  const widget = new Widget(iframe, url.origin, options.height === undefined || options.height === 'auto');
  element.append(iframe);

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: ReturnType<typeof setInterval> | undefined;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const hello = () => widget.request('hello').then(() => resolve(), reject);
      // Said again until answered: the first may arrive before the widget listens.
      iframe.addEventListener('load', () => void hello(), { once: true });
      timer = setInterval(() => void hello(), HELLO_EVERY_MS);
      deadline = setTimeout(
        () =>
          reject(
            new BlobGenEmbedError(
              'EmbedConnectionError',
              `The widget at ${url.origin} did not answer within ${String(timeoutMs)} ms. Is this page's origin (${window.location.origin}) on the deployment's VITE_EMBED_ORIGINS allowlist, and does its Content-Security-Policy frame-ancestors allow this page?`,
            ),
          ),
        timeoutMs,
      );
    });
  } catch (error) {
    widget.destroy();
    throw error;
  } finally {
    clearInterval(timer);
    clearTimeout(deadline);
    widget.forget('hello');
  }
  if (options.layout !== undefined) {
    try {
      await widget.setLayout(options.layout);
    } catch (error) {
      widget.destroy();
      throw error;
    }
  }
  return widget;
}
