import { decodeLayoutLinkValue, LAYOUT_LINK_KEY } from '../../layout/layoutLink';
import { notify } from '../../store/sessionStore';
import { decodeLayoutParam, type DecodedParam } from './decodeLayoutParam';
import { importLayoutJsonText } from './importLayout';

export const LAYOUT_URL_PARAM = LAYOUT_LINK_KEY;

/** The `layout=` value of a `#a=b&layout=…` fragment, if any. */
function fragmentValue(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get(LAYOUT_LINK_KEY);
}

/**
 * Imports a share link's layout once at start-up (after the autosave is loaded, so the link's
 * layout wins and the previous one is a single undo away), then removes it from the address so
 * a reload does not import it over later edits. New links carry it in the fragment
 * (`#layout=`, compressed); old ones in the query (`?layout=`).
 */
export async function importLayoutFromUrl(location: Location = window.location): Promise<void> {
  const url = new URL(location.href);
  const fromFragment = fragmentValue(url.hash);
  const fromQuery = url.searchParams.get(LAYOUT_URL_PARAM);
  if (fromFragment === null && fromQuery === null) return;
  const decoded: DecodedParam = fromFragment !== null ? await decodeLayoutLinkValue(fromFragment) : decodeLayoutParam(fromQuery ?? '');
  if (decoded.ok) importLayoutJsonText(decoded.text, 'the link’s layout');
  else notify('error', 'Nothing was imported: the link’s layout could not be read.', [`The link’s layout ${decoded.error}`]);
  url.searchParams.delete(LAYOUT_URL_PARAM);
  if (fromFragment !== null) {
    const rest = new URLSearchParams(url.hash.replace(/^#/, ''));
    rest.delete(LAYOUT_LINK_KEY);
    url.hash = rest.toString();
  }
  window.history.replaceState(window.history.state, '', url);
}
