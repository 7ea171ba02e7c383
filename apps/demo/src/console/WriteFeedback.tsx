import { isRapportError } from '@rapport/core';

/**
 * What a console write answered: the server's error (message, field issues, code and request id from the
 * error envelope, after `explain` when the console knows more) as an alert, or the success message as a status. Both regions stay in the page so screen
 * readers announce what appears in them.
 */
export function WriteFeedback({ error, success, explain }: { error: Error | null; success: string | null; explain?: string | null }) {
  const issues = isRapportError(error) ? (error.issues ?? []) : [];
  return (
    <>
      <div role="alert" className="demo-write-error">
        {error && (
          <>
            <p>
              Not saved: {explain && `${explain} `}
              {error.message}
            </p>
            {issues.length > 0 && (
              <ul>
                {issues.map((issue, i) => (
                  <li key={i}>
                    {issue.path.length > 0 && <code>{issue.path.join('.')}</code>} {issue.message}
                  </li>
                ))}
              </ul>
            )}
            {isRapportError(error) && (
              <p className="demo-hint">
                Code <code>{error.code}</code>
                {error.requestId && (
                  <>
                    {' '}
                    · request <code>{error.requestId}</code>
                  </>
                )}
              </p>
            )}
          </>
        )}
      </div>
      <p role="status" className="demo-write-status">
        {success}
      </p>
    </>
  );
}
