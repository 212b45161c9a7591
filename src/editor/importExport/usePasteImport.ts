import { useEffect } from 'react';
import { isTypingTarget } from '../keyboard/isTypingTarget';
import { importLayoutText } from './importLayout';

/**
 * Ctrl/Cmd+V outside text fields imports the clipboard text as a layout (Layout JSON or the
 * LLM format), the quickest path from an LLM chat to the canvas. Inside text fields paste is
 * left alone.
 */
export function usePasteImport(): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (text.trim() === '') return;
      event.preventDefault();
      importLayoutText(text, 'the pasted text');
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);
}
