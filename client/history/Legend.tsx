import { memo } from 'react';
import type { Shortcut } from './shortcuts';

interface Props {
  table: readonly Shortcut[];
  hint?: string;
}

/** The visible shortcut legend, rendered from the same table the key listener uses. */
export const Legend = memo(function Legend({ table, hint }: Props) {
  return (
    <aside data-testid="shortcut-legend" style={{ font: '12px/1.45 system-ui, sans-serif', color: '#222' }}>
      {hint && <p style={{ margin: '0 0 6px', fontWeight: 600 }}>{hint}</p>}
      <dl style={{ display: 'flex', flexWrap: 'wrap', gap: '2px 18px', margin: 0 }}>
        {table
          .filter((s) => s.keys)
          .map((s) => (
            <div key={s.keys} style={{ display: 'flex', gap: 6 }}>
              <dt>
                <kbd style={{ background: '#eee', border: '1px solid #bbb', borderRadius: 3, padding: '0 4px', fontFamily: 'inherit' }}>{s.keys}</kbd>
              </dt>
              <dd style={{ margin: 0 }}>{s.label}</dd>
            </div>
          ))}
      </dl>
    </aside>
  );
});
