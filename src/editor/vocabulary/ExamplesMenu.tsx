/**
 * The toolbar's Examples menu: a few layouts made for the loaded pack, in words it knows.
 * Packs without shipped examples (src/layout/examples/packExamples.ts) get no menu.
 */
import { useEffect, useRef } from 'react';
import { packExamples } from '../../layout/examples/packExamples';
import { usePackVocabularyStore } from '../llm/packVocabularyStore';
import { loadExample } from './loadExample';
import './vocabulary.css';

/** The list opens under the button, moved left as far as needed to stay inside the window. */
function keepOnScreen(details: HTMLDetailsElement): void {
  const list = details.querySelector('ul');
  if (!list || !details.open) return;
  list.style.left = '0px';
  const overflow = list.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
  if (overflow > 0) list.style.left = `${String(-overflow)}px`;
}

export function ExamplesMenu() {
  const packName = usePackVocabularyStore((state) => state.vocabulary?.packName);
  const menu = useRef<HTMLDetailsElement>(null);
  const examples = packExamples(packName);
  useEffect(() => {
    // A pointer press anywhere else closes the menu, as menus do.
    const closeOutside = (event: PointerEvent) => {
      const details = menu.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, []);
  if (examples.length === 0) return null;
  return (
    <details
      className="examples-menu"
      data-testid="examples-menu"
      ref={menu}
      onToggle={(event) => keepOnScreen(event.currentTarget)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !menu.current?.open) return;
        event.stopPropagation();
        menu.current.open = false;
        menu.current.querySelector('summary')?.focus();
      }}
    >
      <summary title={`Layouts made for ${packName ?? 'this pack'}`}>Examples</summary>
      <ul aria-label={`Example layouts for ${packName ?? 'this pack'}`}>
        {examples.map((example) => (
          <li key={example.id}>
            <button
              type="button"
              data-testid={`example-${example.id}`}
              onClick={() => {
                if (loadExample(example) && menu.current) menu.current.open = false;
              }}
            >
              {example.title}
              <span className="examples-caption">{example.sampleCaption}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
