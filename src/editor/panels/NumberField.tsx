import { useId, useState } from 'react';
import type { FieldCheck } from './blobFields';

interface NumberFieldProps {
  label: string;
  hint: string;
  value: number;
  step: number;
  format(value: number): string;
  check(text: string): FieldCheck;
  /** Called with each valid value as it is typed; invalid text is never applied. */
  onValid(value: number): void;
  disabled: boolean;
  testId: string;
}

/**
 * A numeric field validated as you type: while the text is not a valid value it shows an
 * inline error and the document keeps its last valid value; leaving the field shows the value
 * in effect again. Text input (not type=number) so partial input like "0." is kept verbatim.
 */
export function NumberField({ label, hint, value, step, format, check, onValid, disabled, testId }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const result = draft === null ? null : check(draft);
  const error = result && !result.ok ? result.message : null;
  return (
    <div className={error ? 'number-field has-error' : 'number-field'}>
      <label htmlFor={id} title={hint}>
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        value={draft ?? format(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          const next = check(event.target.value);
          if (next.ok) onValid(next.value);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') setDraft(null);
          if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
            // Step from the value in effect, like a native number input (Shift: ten steps).
            event.preventDefault();
            const delta = (event.key === 'ArrowUp' ? 1 : -1) * step * (event.shiftKey ? 10 : 1);
            const next = check(format(value + delta));
            if (next.ok) {
              setDraft(null);
              onValid(next.value);
            }
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
