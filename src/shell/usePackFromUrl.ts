import { useEffect, useState } from 'react';
import { env } from '../config/env';
import { notify } from '../store/sessionStore';
import { PACK_URL_PARAM, parsePackParam, type PackParam } from './packUrlParam';

/**
 * The pack the studio loads: `?pack=<url>` when valid, else `env.defaultPackUrl`. An invalid
 * value gets a notice (with what is valid) and the default pack; the layout and everything else
 * load as usual. The parameter stays in the address, so a reload keeps the chosen pack.
 */
export function usePackFromUrl(location: Location = window.location): string {
  const [param] = useState<PackParam>(() => parsePackParam(new URL(location.href).searchParams.get(PACK_URL_PARAM), location.href));
  useEffect(() => {
    // notify() replaces an identical notice, so React's double effects in development show one.
    if (param.kind === 'invalid') notify('error', 'The link’s model pack was not loaded; using the default pack.', [param.message]);
  }, [param]);
  return param.kind === 'ok' ? param.url : env.defaultPackUrl;
}
