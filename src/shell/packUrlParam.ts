/**
 * The `?pack=<url>` URL parameter: which model pack the studio loads for a shared link (the model
 * manager's choice otherwise), and the check on URLs typed into the model manager. Pure validation: an http(s) URL, or a path relative to the page (resolved against it).
 * Anything else (javascript:, data:, file:, blob:, credentials in the URL, an http: pack on an
 * https: page, which the browser would block) is refused with a message that says what is valid;
 * the caller then keeps the default pack and nothing else changes (the layout included).
 */

export const PACK_URL_PARAM = 'pack';
/** Longer than any real pack address; refuses pasted junk before it is parsed. */
export const MAX_PACK_PARAM_LENGTH = 2048;

export type PackParam = { kind: 'absent' } | { kind: 'ok'; url: string } | { kind: 'invalid'; message: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const WHAT_IS_VALID = 'Give an http(s) address of a pack folder or its manifest.json, or a path on this site such as /models/my-pack/.';

export function parsePackParam(value: string | null, pageUrl: string): PackParam {
  if (value === null) return { kind: 'absent' };
  const trimmed = value.trim();
  if (trimmed === '') return { kind: 'invalid', message: `The pack parameter is empty. ${WHAT_IS_VALID}` };
  if (trimmed.length > MAX_PACK_PARAM_LENGTH) {
    return { kind: 'invalid', message: `The pack parameter is ${trimmed.length} characters long; the limit is ${MAX_PACK_PARAM_LENGTH}.` };
  }
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return { kind: 'invalid', message: `“${scheme}:” addresses cannot be model packs. ${WHAT_IS_VALID}` };
  }
  let url: URL;
  let page: URL;
  try {
    page = new URL(pageUrl);
    url = new URL(trimmed, page);
  } catch {
    return { kind: 'invalid', message: `“${clip(trimmed)}” is not a valid address. ${WHAT_IS_VALID}` };
  }
  // A relative value resolves against the page; only http(s) pages can serve packs that way.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'invalid', message: `“${clip(trimmed)}” does not resolve to an http(s) address from this page. ${WHAT_IS_VALID}` };
  }
  if (url.username !== '' || url.password !== '') {
    return { kind: 'invalid', message: 'The pack address contains a user name or password; put credentials nowhere in a link. Serve the pack without them (with CORS headers).' };
  }
  if (page.protocol === 'https:' && url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { kind: 'invalid', message: `This page is served over https, so the browser blocks the http address ${url.origin}. Serve the pack over https.` };
  }
  return { kind: 'ok', url: url.href };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
