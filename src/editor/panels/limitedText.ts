/**
 * Text fields with a length limit. `maxLength` on an input counts UTF-16 units (an emoji is two)
 * and silently drops what does not fit, so the limit is enforced here instead, in the one text
 * unit (code points, src/layout/limits.ts): a change that would go over the limit is refused as a
 * whole and the person is told, a change that shortens the text is always taken.
 */
import { checkTextEdit } from '../../layout/textUnits';
import { notify } from '../../store/sessionStore';

/** Calls `apply(next)` when the change fits; otherwise explains and leaves the text as it was. */
export function changeLimitedText(previous: string, next: string, max: number, what: string, apply: (text: string) => void): void {
  const check = checkTextEdit(previous, next, max);
  if (check.ok) {
    apply(next);
    return;
  }
  notify('warning', `The ${what} is limited to ${String(max)} characters; that change was not applied.`, [
    `It would have made the ${what} ${String(check.length)} characters long. Shorten it first, or paste less.`,
  ]);
}
