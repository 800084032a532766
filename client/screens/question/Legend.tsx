import type { ReactNode } from 'react';
import type { LegendEntry } from './useQuestionOverlay';

interface Props {
  entries: LegendEntry[];
  highlight: string | null;
  onHighlight: (key: string | null, isClick: boolean) => void;
  /** Controls at the end of an entry's row (the curate page's "Adopt as label"). */
  actions?: (entry: LegendEntry) => ReactNode;
}

/** Swatch, name and score of each drawn answer; hover or click to highlight it on the image. */
export function Legend({ entries, highlight, onHighlight, actions }: Props) {
  return (
    <ul className="legend" data-testid="answers-legend">
      {entries.map((e) => (
        <li
          key={e.key}
          data-key={e.key}
          className={highlight === e.key ? 'hot' : highlight ? 'dim' : ''}
          onMouseEnter={() => onHighlight(e.key, false)}
          onMouseLeave={() => onHighlight(null, false)}
          onClick={() => onHighlight(e.key, true)}
        >
          <svg width="28" height="12" aria-hidden>
            <line x1="2" y1="6" x2="26" y2="6" stroke="#333" strokeWidth="6" strokeLinecap="round" />
            <line x1="2" y1="6" x2="26" y2="6" stroke={e.color} strokeWidth="4" strokeDasharray={e.dash?.join(' ')} strokeLinecap="round" />
          </svg>
          <b>{e.label}</b>
          <span className="muted">
            {e.answer === null ? 'unreadable answer (nothing to draw)' : 'value' in e.answer ? `${e.answer.value ? 'Yes' : 'No'} · ` : ''}
            {e.detail}
          </span>
          {e.isExcluded && <span className="flag">excluded</span>}
          {actions?.(e)}
        </li>
      ))}
    </ul>
  );
}
