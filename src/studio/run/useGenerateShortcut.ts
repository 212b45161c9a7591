import { useEffect } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on a Mac) generates from anywhere in the app, including while typing a
 * description: it is the common "submit" chord, and plain Enter keeps its meaning in fields.
 * Fields that give the chord their own meaning win: a handler that called preventDefault, and the
 * layout paste box, where Ctrl+Enter imports (it does not prevent the default, hence by name).
 */
const OWNS_CTRL_ENTER = '[data-testid="paste-input"]';

export function useGenerateShortcut(generate: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.repeat || event.altKey || event.shiftKey) return;
      if (!(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest(OWNS_CTRL_ENTER)) return;
      event.preventDefault();
      generate();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [generate]);
}
