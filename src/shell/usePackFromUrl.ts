import { useEffect, useState } from 'react';
import { notify } from '../store/sessionStore';
import { chosenPackBaseUrl, usePackCatalog } from '../studio/models';
import { PACK_URL_PARAM, parsePackParam, type PackParam } from './packUrlParam';

/**
 * The pack the studio loads: `?pack=<url>` when valid (a shared link wins for that visit), else
 * the pack chosen in the model manager (persisted), else `env.defaultPackUrl`. An invalid value
 * gets a notice (with what is valid) and the chosen pack; the layout and everything else load as
 * usual. Choosing a pack in the model manager afterwards takes over from the link and removes the
 * parameter from the address, so a reload keeps the person's choice.
 */
export function usePackFromUrl(location: Location = window.location): string {
  const [param] = useState<PackParam>(() => parsePackParam(new URL(location.href).searchParams.get(PACK_URL_PARAM), location.href));
  const chosen = usePackCatalog((catalog) => chosenPackBaseUrl(catalog));
  const [chosenAtStart] = useState(chosen);
  const linkActive = param.kind === 'ok' && chosen === chosenAtStart;
  useEffect(() => {
    // notify() replaces an identical notice, so React's double effects in development show one.
    if (param.kind !== 'invalid') return;
    const fallback = usePackCatalog.getState().chosen === null ? 'the default pack' : 'the pack chosen in the Models panel';
    notify('error', `The link’s model pack was not loaded; using ${fallback}.`, [param.message]);
  }, [param]);
  useEffect(() => {
    if (param.kind !== 'ok' || linkActive) return;
    const url = new URL(location.href);
    url.searchParams.delete(PACK_URL_PARAM);
    history.replaceState(history.state, '', url);
  }, [param, linkActive, location]);
  return linkActive && param.kind === 'ok' ? param.url : chosen;
}
