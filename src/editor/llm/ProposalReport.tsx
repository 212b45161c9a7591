import { lineLabel } from '../../llm/answerParsing';
import { ERROR_TITLES } from '../../llm/llmErrors';
import { useLayoutProposalStore } from './layoutProposalStore';

/** Why the endpoint failed (and what to do), which lines could not be used, and what was repaired. */
export function ProposalReport() {
  const error = useLayoutProposalStore((s) => s.error);
  const stage = useLayoutProposalStore((s) => s.stage);
  const layout = useLayoutProposalStore((s) => s.layout);
  const status = useLayoutProposalStore((s) => s.status);
  return (
    <>
      {error && error.kind !== 'cancelled' ? (
        <div className="llm-error" role="alert" data-testid="llm-error" data-kind={error.kind}>
          <p>
            <strong>{ERROR_TITLES[error.kind]}</strong>
            {stage > 0 ? ` (stage ${String(stage)})` : ''}: {error.message} The layout was not changed.
          </p>
          {error.advice.length > 0 ? (
            <ul>
              {error.advice.map((advice) => (
                <li key={advice}>{advice}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {status !== 'streaming' && layout && layout.rejected.length > 0 ? (
        <>
          <h3 className="llm-subheading">Lines not used</h3>
          <ul className="llm-problems" data-testid="llm-rejected">
            {layout.rejected.map((problem, index) => (
              <li key={index} data-testid="llm-rejected-line">
                {lineLabel(problem.part, problem.line)}: {problem.reason}
                {problem.text ? <code> {problem.text}</code> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {status !== 'streaming' && layout && layout.notes.length > 0 ? (
        <>
          <h3 className="llm-subheading">Repaired or filled in</h3>
          <ul className="llm-notes" data-testid="llm-notes">
            {layout.notes.map((note, index) => (
              <li key={index} data-testid="llm-note">
                {note}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
