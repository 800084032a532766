import { useState } from 'react';

const REASONS = ['The object is not visible', 'The question is unclear', 'The image does not load', 'Other'];

/** Skipping needs a reason; "Other" asks for a few words. */
export function SkipForm({ onSkip, onCancel, isBusy }: { onSkip(reason: string): void; onCancel(): void; isBusy: boolean }) {
  const [choice, setChoice] = useState(REASONS[0]);
  const [other, setOther] = useState('');
  const reason = choice === 'Other' ? other.trim() : choice;
  return (
    <form
      className="panel"
      data-testid="skip-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) onSkip(reason);
      }}
    >
      <label htmlFor="skip-reason">Why skip this question?</label>
      <select id="skip-reason" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {REASONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      {choice === 'Other' && (
        <input aria-label="Other reason" value={other} onChange={(e) => setOther(e.target.value)} placeholder="A few words" style={{ marginLeft: 8 }} />
      )}
      <p style={{ display: 'flex', gap: 8 }}>
        <button type="submit" disabled={!reason || isBusy}>
          Skip question
        </button>
        <button type="button" onClick={onCancel}>
          Back
        </button>
      </p>
    </form>
  );
}
