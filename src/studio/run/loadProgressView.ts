/**
 * What the Generate bar shows while the pack loads: a sentence and, while files stream, the
 * share of the pack's bytes done, so the bar fills on a first Generate that downloads the pack
 * (not only its text). Device start-up and graph preparation have no byte count: no fraction,
 * and the bar is indeterminate.
 */
import type { LoadProgress } from '../../worker/protocol';

export interface LoadProgressView {
  detail: string;
  /** 0–1 while downloading, else undefined. */
  fraction?: number;
}

export function loadProgressView(p: LoadProgress, prefix = ''): LoadProgressView {
  if (p.stage === 'device') return { detail: `${prefix}Starting the GPU…` };
  if (p.stage === 'compile') return { detail: `${prefix}Preparing ${p.graph} (${p.index + 1} of ${p.count})` };
  const fraction = Math.min(1, Math.max(0, p.loadedBytes / Math.max(1, p.totalBytes)));
  const source = p.fromCache ? ' from the cache' : '';
  return { detail: `${prefix}Loading model file ${p.fileIndex + 1} of ${p.fileCount}${source} (${Math.round(100 * fraction)} %)`, fraction };
}
