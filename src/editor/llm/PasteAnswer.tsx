import { useId, useState } from 'react';
import { buildCopyPrompt } from '../../llm/layoutPrompts';
import { notify } from '../../store/sessionStore';
import { promptContext, readPastedAnswer } from './layoutSuggestion';

/**
 * Without an endpoint: copy a prompt that asks for both stages at once into any chat app, then
 * paste its answer back; it goes through the same parser and the same Accept as a streamed one.
 */
export function PasteAnswer({ caption }: { caption: string }) {
  const id = useId();
  const [prompt, setPrompt] = useState('');
  const [answer, setAnswer] = useState('');
  const copyPrompt = async () => {
    const text = buildCopyPrompt(caption, promptContext());
    setPrompt(text);
    try {
      await navigator.clipboard.writeText(text);
      notify('success', 'Copied the prompt.', ['Paste it into any chat app, then paste its answer below.']);
    } catch (error) {
      notify('warning', `Could not copy to the clipboard (${error instanceof Error ? error.message : String(error)}).`, ['The prompt is shown below: select it and copy it by hand.']);
    }
  };
  return (
    <details className="llm-paste" data-testid="llm-paste">
      <summary>No endpoint? Copy the prompt, paste the answer</summary>
      <div className="button-row">
        <button type="button" data-testid="llm-copy-prompt" disabled={caption === ''} onClick={() => void copyPrompt()}>
          Copy prompt
        </button>
      </div>
      {prompt !== '' ? (
        <textarea className="llm-prompt" data-testid="llm-copied-prompt" aria-label="The prompt to copy" readOnly rows={5} value={prompt} />
      ) : null}
      <label className="field-label" htmlFor={`${id}-answer`}>
        The chat app&apos;s answer
      </label>
      <textarea
        id={`${id}-answer`}
        data-testid="llm-paste-answer"
        rows={4}
        spellCheck={false}
        value={answer}
        placeholder={'ball {major-radius: 120px; minor-radius: 110px; cx: 150px; cy: 300px; angle: 0}\nball {a red ball}'}
        onChange={(event) => setAnswer(event.target.value)}
      />
      <div className="button-row">
        <button type="button" data-testid="llm-read-pasted" disabled={answer.trim() === ''} onClick={() => readPastedAnswer(caption, answer)}>
          Show pasted answer
        </button>
      </div>
    </details>
  );
}
