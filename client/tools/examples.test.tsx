import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { COLORS } from '../canvas/colors';
import type { Task } from '../../shared/tasks';
import { TOOLS } from './registry';

const svg = (task: Task) => {
  const { Example } = TOOLS[task];
  return renderToStaticMarkup(<Example />);
};

describe('instruction pictures', () => {
  it('draw the pose box in the canvas colours: bottom face solid orange, top face dashed blue', () => {
    const s = svg('pose');
    expect(s).toMatch(new RegExp(`<polygon[^>]*fill="${COLORS.front}"[^>]*stroke="${COLORS.front}"`));
    expect(s).toMatch(new RegExp(`<polygon[^>]*fill="none" stroke="${COLORS.back}"[^>]*stroke-dasharray`));
  });
  it('draw the grasp\'s left finger as the canvas does: vermillion and labelled L', () => {
    const s = svg('grasp');
    expect(s).toMatch(new RegExp(`<line x1="140"[^>]*stroke="${COLORS.leftFinger}"`));
    expect(s).toMatch(new RegExp(`fill="${COLORS.leftFinger}">L</text>`));
    expect(s).toMatch(new RegExp(`stroke="${COLORS.rightFinger}"`));
  });
  it('draw the path and the markers in their canvas colours', () => {
    expect(svg('trajectory')).toContain(`stroke="${COLORS.path}"`);
    expect(svg('rearrangement')).toContain(`fill="${COLORS.marker}"`);
  });
});
