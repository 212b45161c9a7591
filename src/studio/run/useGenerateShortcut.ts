import { useEffect } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on a Mac) generates from anywhere in the app, including while typing a
 * description: it is the common "submit" chord, and plain Enter keeps its meaning in fields.
 */
export function useGenerateShortcut(generate: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.repeat || event.altKey || event.shiftKey) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      generate();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [generate]);
}
