import { notify } from '../../store/sessionStore';
import { decodeLayoutParam } from './decodeLayoutParam';
import { importLayoutJsonText } from './importLayout';

export const LAYOUT_URL_PARAM = 'layout';

/**
 * Imports `?layout=` once at start-up (after the autosave is loaded, so the link's layout wins
 * and the previous one is a single undo away), then removes the parameter so a reload does not
 * import it over later edits.
 */
export function importLayoutFromUrl(location: Location = window.location): void {
  const url = new URL(location.href);
  const value = url.searchParams.get(LAYOUT_URL_PARAM);
  if (value === null) return;
  const decoded = decodeLayoutParam(value);
  if (decoded.ok) importLayoutJsonText(decoded.text, 'the link’s layout parameter');
  else notify('error', 'Nothing was imported: the link’s layout parameter is not a valid layout.', [`The parameter ${decoded.error}`]);
  url.searchParams.delete(LAYOUT_URL_PARAM);
  window.history.replaceState(window.history.state, '', url);
}
