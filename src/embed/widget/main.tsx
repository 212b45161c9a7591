/**
 * Entry of embed.html. The message listener starts before anything renders, so a host's `hello`
 * that arrives early is not lost; it is answered with `ready` once the UI is on screen.
 * Nothing here persists: the host owns the layout (setLayout/getLayout), and storage may be
 * partitioned or missing in a third-party frame anyway.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { env } from '../../config/env';
import { AppErrorBoundary } from '../../editor/AppErrorBoundary';
import { encodeResultPng } from '../../studio/image/encodePng';
import { browserHasWebGpu, NO_WEBGPU_MESSAGE } from '../../studio/run/webGpuSupport';
import { deserializeError, EngineClient } from '../../worker/EngineClient';
import { widgetMessage } from '../protocol/events';
import { probeCapabilities } from './capabilities';
import { openCommandChannel } from './commandChannel';
import { EmbedApp } from './EmbedApp';
import { EmbedController } from './embedController';
import { parseEmbedOptions } from './embedOptions';
import { EmbedRunner } from './embedRunner';
import { parseOriginAllowlist } from './originAllowlist';
import '../../styles.css';
import './embed.css';

const allowlist = parseOriginAllowlist(env.embedOrigins, window.location.origin);
if (allowlist.rejected.length > 0) console.warn(`VITE_EMBED_ORIGINS: ignored entries that are not exact origins: ${allowlist.rejected.join(', ')}`);

const { options, problems } = parseEmbedOptions(window.location.search);
document.documentElement.dataset.theme = options.theme;

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('embed.html is missing #root');

// Reads the height of the content (not of the frame), so sizing the frame to it cannot feed back.
const reportHeight = () => channel.post(widgetMessage('resize', { height: Math.ceil(rootElement.getBoundingClientRect().height) }));

// Without WebGPU on the page the engine is not started at all (as in the studio); the error is the
// engine's own class, rebuilt through the wire registry, so the host sees WebGPUNotAvailableError.
const createEngine = () => {
  if (!browserHasWebGpu()) throw deserializeError({ name: 'WebGPUNotAvailableError', message: NO_WEBGPU_MESSAGE });
  return new EngineClient();
};
const runner = new EmbedRunner(createEngine, env.defaultPackUrl, encodeResultPng);
const mounted = probeCapabilities().then(
  ({ missing }) =>
    new Promise<{ missing: readonly string[] }>((resolve) => {
      createRoot(rootElement).render(
        <StrictMode>
          <AppErrorBoundary>
            <EmbedApp options={options} controller={controller} runner={runner} missing={missing} problems={problems} onMounted={() => resolve({ missing })} />
          </AppErrorBoundary>
        </StrictMode>,
      );
    }),
);
const controller = new EmbedController({ channel: () => channel, runner, readOnly: options.readOnly, mounted, afterReady: reportHeight });
const channel = openCommandChannel(window, allowlist, controller.handle);
new ResizeObserver(reportHeight).observe(rootElement);
