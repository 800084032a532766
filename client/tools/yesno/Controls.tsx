import type { ControlsProps } from '../../canvas/tool';
import type { BinaryDraft } from './tool';

const base: React.CSSProperties = { fontSize: 18, padding: '10px 28px', borderRadius: 6, border: '2px solid #222', cursor: 'pointer', minWidth: 96 };

/** Yes / No buttons; the chosen one is filled (and aria-pressed) so the state is not colour-only. */
export function BinaryControls({ draft, dispatch, disabled }: ControlsProps<BinaryDraft>) {
  const button = (value: boolean, label: string) => {
    const isOn = draft.value === value;
    return (
      <button
        type="button"
        data-testid={`answer-${label.toLowerCase()}`}
        aria-pressed={isOn}
        disabled={disabled}
        onClick={() => dispatch({ type: 'command', command: value ? 'yes' : 'no' })}
        style={{ ...base, background: isOn ? '#0072B2' : '#fff', color: isOn ? '#fff' : '#222', fontWeight: isOn ? 700 : 400 }}
      >
        {isOn ? '✓ ' : ''}
        {label}
      </button>
    );
  };
  return (
    <div style={{ display: 'flex', gap: 12 }} role="group" aria-label="Answer">
      {button(true, 'Yes')}
      {button(false, 'No')}
    </div>
  );
}
