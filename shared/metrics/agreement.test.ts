import { describe, expect, it } from 'vitest';
import type { Answer } from '../tasks';
import { projectBox } from '../geometry/box3d';
import type { Box3d, Mat3, Vec2 } from '../geometry/types';
import { AgreementAccumulator, krippendorffAlphaNominal, meanPairwise, pairAgreement } from './agreement';
import type { ScorableItem } from '../tasks';

const item = (task: ScorableItem['task'], extra: Partial<ScorableItem> = {}): ScorableItem => ({
  task, width: 200, height: 100, gt: { task: 'spatial', value: true }, alternatives: [], ...extra,
});
const points = (task: 'pose' | 'grasp' | 'trajectory' | 'rearrangement', p: Vec2[]): Answer => ({ task, points: p }) as Answer;

describe("Krippendorff's alpha (nominal), against values computed by hand", () => {
  it('two raters, four units: 1 − 7·2/30 = 8/15', () => {
    // n = 8 ratings, n_T = 3, n_F = 5; o_TF = o_FT = 1 (unit 2); alpha = 1 − (n − 1)·2 / (2·3·5).
    expect(krippendorffAlphaNominal([[true, true], [true, false], [false, false], [false, false]])).toBeCloseTo(8 / 15, 12);
  });
  it('three raters in one unit: 1 − 4·2/12 = 1/3', () => {
    // [T,T,F]: o_TT = 1, o_TF = o_FT = 1 (each pair / (m − 1) = 2); [F,F]: o_FF = 2; n = 5, n_T = 2, n_F = 3.
    expect(krippendorffAlphaNominal([[true, true, false], [false, false]])).toBeCloseTo(1 / 3, 12);
  });
  it('perfect agreement is 1; one value everywhere or no pairable unit is undefined', () => {
    expect(krippendorffAlphaNominal([[true, true], [false, false]])).toBe(1);
    expect(krippendorffAlphaNominal([[true, true], [true, true]])).toBeNull();
    expect(krippendorffAlphaNominal([[true], [false]])).toBeNull();
  });
  it('systematic disagreement is negative', () => {
    // n = 4, n_T = n_F = 2, o_TF = o_FT = 2: 1 − 3·4/8 = −0.5.
    expect(krippendorffAlphaNominal([[true, false], [false, true]])).toBeCloseTo(-0.5, 12);
  });
});

describe('pairAgreement: symmetric pair scores, computed by hand', () => {
  it('grasp: the mean of the two directed NCEs', () => {
    const a: Vec2[] = [[100, 100], [90, 100], [110, 100], [90, 110], [110, 110]]; // width 20 px = 0.1
    const b: Vec2[] = [[100, 100], [80, 100], [120, 100], [80, 110], [120, 110]]; // width 40 px = 0.2
    // Four points 10 px (0.05) apart, one equal: mean offset 0.04; /0.1 = 0.4 and /0.2 = 0.2 → 0.3.
    const it_ = item('grasp');
    expect(pairAgreement(it_, points('grasp', a), points('grasp', b))).toBeCloseTo(0.3, 12);
    expect(pairAgreement(it_, points('grasp', b), points('grasp', a))).toBeCloseTo(0.3, 12);
  });
  it('trajectory: two parallel paths 5 px apart', () => {
    const it_ = item('trajectory');
    expect(pairAgreement(it_, points('trajectory', [[0, 0], [100, 0]]), points('trajectory', [[0, 5], [50, 5], [100, 5]]))).toBeCloseTo(5, 9);
  });
  it('rearrangement: F1 of the matching (one of 2 + 1 markers matched → 2/3)', () => {
    const it_ = item('rearrangement', { width: 640, height: 480 }); // r = 40 px
    expect(pairAgreement(it_, points('rearrangement', [[10, 10], [300, 300]]), points('rearrangement', [[12, 10]]))).toBeCloseTo(2 / 3, 12);
  });
  it('pose without camera: IoU of the hulls (two unit squares offset by half: 1/3)', () => {
    const sq = (x: number): Vec2[] => [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10], [x, 0], [x + 10, 0], [x + 10, 10], [x, 10]];
    expect(pairAgreement(item('pose'), points('pose', sq(0)), points('pose', sq(5)))).toBeCloseTo(1 / 3, 9);
  });
  it('pose with camera: IoU 3D of the lifted boxes (same size, shifted by half its width: 1/3)', () => {
    const K: Mat3 = [[600, 0, 320], [0, 600, 240], [0, 0, 1]];
    const rot: Box3d['rotation'] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const A: Box3d = { center: [0, 0, 800], size: [100, 60, 80], rotation: rot };
    const B: Box3d = { center: [50, 0, 800], size: [100, 60, 80], rotation: rot };
    const it_ = item('pose', { width: 640, height: 480, camera: { K }, box3d: A });
    expect(pairAgreement(it_, points('pose', projectBox(K, A)), points('pose', projectBox(K, B)))).toBeCloseTo(1 / 3, 4);
    expect(pairAgreement(it_, points('pose', projectBox(K, A)), points('pose', projectBox(K, A)))).toBeCloseTo(1, 6);
  });
  it('mean over every pair of three answers', () => {
    const it_ = item('trajectory');
    const at = (y: number) => points('trajectory', [[0, y], [100, y]]);
    expect(meanPairwise(it_, [at(0), at(3), at(9)])).toBeCloseTo((3 + 9 + 6) / 3, 9);
    expect(meanPairwise(it_, [at(0)])).toBeNull();
  });
});

describe('AgreementAccumulator', () => {
  it('averages per-question means over questions with two or more answers, in table units', () => {
    const acc = new AgreementAccumulator();
    const r = item('rearrangement', { width: 640, height: 480 });
    acc.addQuestion(r, [points('rearrangement', [[10, 10]]), points('rearrangement', [[12, 10]])]); // F1 1
    acc.addQuestion(r, [points('rearrangement', [[10, 10]]), points('rearrangement', [[300, 300]])]); // F1 0
    acc.addQuestion(r, [points('rearrangement', [[10, 10]])]); // one contributor: not counted
    expect(acc.result('rearrangement')).toEqual({ value: 50, questions: 2 });
    acc.addQuestion(item('spatial'), [{ task: 'spatial', value: true }, { task: 'spatial', value: false }]);
    acc.addQuestion(item('spatial'), [{ task: 'spatial', value: false }, { task: 'spatial', value: false }]);
    // n = 4, n_T = 1, n_F = 3, o_TF = o_FT = 1: 1 − 3·2/6 = 0.
    expect(acc.result('spatial')).toEqual({ value: 0, questions: 2 });
    expect(acc.result('grasp')).toEqual({ value: null, questions: 0 });
  });
});
