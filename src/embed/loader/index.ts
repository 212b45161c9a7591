/**
 * The loader script served at `/embed.js` (built as one classic IIFE script by
 * scripts/embedLoaderPlugin.ts): `<script src="https://app/embed.js"></script>` defines
 * `window.BlobGenEmbed`. docs/embed.md has the copy-paste snippet.
 */
import { EMBED_PROTOCOL_VERSION } from '../protocol/envelope';
import { BlobGenEmbedError } from './embedError';
import { mount } from './mount';
import type { MountOptions } from './mountOptions';
import type { Widget } from './widget';

// Captured while the script runs: afterwards `document.currentScript` is null.
const loaderUrl = document.currentScript instanceof HTMLScriptElement && document.currentScript.src ? document.currentScript.src : window.location.href;

const BlobGenEmbed = {
  version: EMBED_PROTOCOL_VERSION,
  mount: (element: Element, options: MountOptions = {}): Promise<Widget> => mount(element, options, loaderUrl),
  BlobGenEmbedError,
};

declare global {
  interface Window {
    BlobGenEmbed?: typeof BlobGenEmbed;
  }
}

window.BlobGenEmbed = BlobGenEmbed;
