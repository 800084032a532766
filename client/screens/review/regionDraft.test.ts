import { describe, expect, it } from 'vitest';
import type { Vec2 } from '../../../shared/geometry/types';
import { deleteRegion, draftOf, editableRegions, insertVertex, regionProblems, removeVertex, setRegion } from './regionDraft';

const sq: Vec2[] = [[10, 10], [50, 10], [50, 50], [10, 50]];
const size = { width: 100, height: 80 };
const markers = (...p: Vec2[]) => ({ task: 'rearrangement' as const, points: p });

describe('region drafts', () => {
  it('edits vertices: insert at an edge middle, remove down to 3 and no further', () => {
    expect(insertVertex(sq, 3)).toEqual([...sq, [10, 30]]);
    expect(insertVertex(sq, 0)).toEqual([[10, 10], [30, 10], [50, 10], [50, 50], [10, 50]]);
    const three = removeVertex(sq, 1) as Vec2[];
    expect(three).toEqual([[10, 10], [50, 50], [10, 50]]);
    expect(removeVertex(three, 0)).toMatch(/at least 3 vertices/);
  });

  it('keeps one region per marker, and says what is missing or extra', () => {
    const d = draftOf({ regions: [sq], sourceRegion: null, targetRegion: null });
    expect(regionProblems('rearrangement', d, markers([20, 20]), size)).toEqual([]);
    expect(regionProblems('rearrangement', d, markers([20, 20], [70, 70]), size)).toEqual([expect.stringContaining('Marker 2 has no region yet')]);
    const two = setRegion(d, 'r1', [[60, 60], [90, 60], [90, 79]]);
    expect(editableRegions(two).map((r) => r.label)).toEqual(['region 1', 'region 2']);
    expect(regionProblems('rearrangement', two, markers([20, 20]), size)).toEqual([expect.stringContaining('Region 2 has no marker')]);
    expect(deleteRegion(two, 'r0').regions).toEqual([[[60, 60], [90, 60], [90, 79]]]);
  });

  it('refuses regions outside the image or without an area', () => {
    const d = draftOf({ regions: null, sourceRegion: [[0, 0], [120, 0], [0, 10]], targetRegion: [[0, 0], [10, 10], [20, 20]] });
    expect(regionProblems('trajectory', d, null, size)).toEqual(['Source region goes outside the image.', 'Target region has no area.']);
  });
});
