import { useId, useState } from 'react';
import type { ParsedInput } from './settingInputs';

/**
 * A number field that applies only valid values. While the text is invalid, the field keeps it,
 * shows why inline (announced, linked with aria-describedby) and the last good value stays in
 * force; leaving the field restores the good value's text.
 */
export function ValidatedNumberField(props: {
  label: string;
  value: number;
  parse: (text: string) => ParsedInput<number>;
  onApply: (value: number) => void;
  testId: string;
  inputMode?: 'numeric' | 'decimal';
  disabled?: boolean;
}) {
  const { label, value, parse, onApply, testId, inputMode = 'numeric', disabled } = props;
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const error = draft === null ? null : (() => {
    const parsed = parse(draft);
    return parsed.ok ? null : parsed.message;
  })();
  return (
    <div className="studio-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={draft ?? String(value)}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={error !== null ? `${id}-error` : undefined}
        data-testid={testId}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          const parsed = parse(text);
          if (parsed.ok) onApply(parsed.value);
        }}
        onBlur={() => {
          if (draft !== null && !parse(draft).ok) return; // keep showing the problem until fixed
          setDraft(null);
        }}
      />
      {error !== null ? (
        <p id={`${id}-error`} className="studio-field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
