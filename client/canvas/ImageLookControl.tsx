import { memo, useState } from 'react';
import { LOOK_RANGE, PLAIN_LOOK, type ImageLook } from './imageLook';

interface Props {
  look: ImageLook;
  onChange(look: ImageLook): void;
}

const btn: React.CSSProperties = { font: '13px system-ui, sans-serif', padding: '4px 10px', border: '1px solid #888', borderRadius: 4, background: '#fff', cursor: 'pointer' };
const changed: React.CSSProperties = { ...btn, background: '#0072B2', color: '#fff', borderColor: '#0072B2' };

/** "Image" button: opens brightness and contrast sliders (and a reset) under it. */
export const ImageLookControl = memo(function ImageLookControl({ look, onChange }: Props) {
  const [isOpen, setOpen] = useState(false);
  const isPlain = look.brightness === 1 && look.contrast === 1;
  const slider = (key: keyof ImageLook, label: string) => (
    <label style={{ display: 'grid', gridTemplateColumns: '76px 120px 40px', alignItems: 'center', gap: 6, font: '12px system-ui' }}>
      {label}
      <input
        type="range"
        data-testid={`image-${key}`}
        min={LOOK_RANGE.min}
        max={LOOK_RANGE.max}
        step={LOOK_RANGE.step}
        value={look[key]}
        onChange={(e) => onChange({ ...look, [key]: Number(e.target.value) })}
      />
      <span>{Math.round(look[key] * 100)}%</span>
    </label>
  );
  return (
    <span style={{ position: 'relative' }}>
      <button type="button" style={isPlain ? btn : changed} aria-expanded={isOpen} data-testid="image-look" title="Brightness and contrast of the photo" onClick={() => setOpen((o) => !o)}>
        Image ▾
      </button>
      {isOpen && (
        <div
          role="group"
          aria-label="Brightness and contrast"
          style={{ position: 'absolute', top: '100%', left: 0, marginTop: 4, zIndex: 5, display: 'grid', gap: 6, padding: 10, background: '#fff', border: '1px solid #888', borderRadius: 6, boxShadow: '0 2px 8px rgba(0,0,0,.25)' }}
        >
          {slider('brightness', 'Brightness')}
          {slider('contrast', 'Contrast')}
          <button type="button" style={{ ...btn, justifySelf: 'start' }} data-testid="image-look-reset" disabled={isPlain} onClick={() => onChange(PLAIN_LOOK)}>
            Reset
          </button>
        </div>
      )}
    </span>
  );
});
