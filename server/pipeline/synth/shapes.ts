/**
 * Model-frame faces (mm, origin at the model box's centre, z up) of the catalogue's shapes: boxes with
 * printed faces, and round things turned on a lathe (cans, bottles with a shoulder, neck and cap, jars
 * with a lid, an open mug with a handle, a bowl) with a printed label band. Every face carries its
 * outward normal (the side a viewer sees), so that insides (of a mug, a bowl) are lit as insides.
 */
import type { Vec2, Vec3 } from '../../../shared/geometry/types';
import { cross, normalize, scale, sub } from '../../../shared/geometry/vec';
import type { CatalogueEntry, Rgb } from './catalogue';
import { boxFaceTexture, wrapTexture } from './labels';
import type { Texture } from './texture';

export interface Face {
  pts: Vec3[];
  normal: Vec3;
  color: Rgb;
  uv?: Vec2[];
  tex?: Texture;
}

const SEGMENTS = 36;

/** The six faces of a box; the largest pair carries the full label, the next pair the name alone. */
function boxFaces(e: CatalogueEntry): Face[] {
  const half: Vec3 = [e.size[0] / 2, e.size[1] / 2, e.size[2] / 2];
  const area = [e.size[1] * e.size[2], e.size[0] * e.size[2], e.size[0] * e.size[1]];
  const rank = [0, 1, 2].sort((a, b) => area[b] - area[a]);
  const faces: Face[] = [];
  for (let axis = 0; axis < 3; axis++) {
    for (const sign of [1, -1]) {
      const n: Vec3 = [0, 0, 0];
      n[axis] = sign;
      // Vertical faces read upright (up = +z); top and bottom faces read along +y.
      const up: Vec3 = axis === 2 ? [0, 1, 0] : [0, 0, 1];
      const right = cross(up, n);
      const [hu, hr] = [Math.abs(up[0] * half[0] + up[1] * half[1] + up[2] * half[2]), Math.abs(right[0] * half[0] + right[1] * half[1] + right[2] * half[2])];
      const c = scale(n, half[axis]);
      const at = (r: number, u: number): Vec3 => [c[0] + right[0] * r + up[0] * u, c[1] + right[1] * r + up[1] * u, c[2] + right[2] * r + up[2] * u];
      const pts = [at(-hr, hu), at(hr, hu), at(hr, -hu), at(-hr, -hu)];
      const plain = axis === 2 && sign === 1 ? e.cap : e.body;
      const role = rank.indexOf(axis);
      if (e.label && role < 2) {
        const tex = boxFaceTexture(e, 2 * hr, 2 * hu, role === 0);
        faces.push({ pts, normal: n, color: plain, uv: [[0, 0], [1, 0], [1, 1], [0, 1]], tex });
      } else faces.push({ pts, normal: n, color: plain });
    }
  }
  return faces;
}

/** One profile point: radius and height (mm); `color` paints the segment that starts here. */
interface ProfilePoint {
  r: number;
  z: number;
  color: Rgb;
  isLabel?: boolean;
}

/** Turns a profile (walked so that its left-hand side, seen from outside the solid, is the surface's visible side). */
function lathe(profile: ProfilePoint[], e: CatalogueEntry, centerX = 0): Face[] {
  const faces: Face[] = [];
  const ring = (r: number, z: number, j: number): Vec3 => {
    const t = (2 * Math.PI * j) / SEGMENTS;
    return [centerX + r * Math.cos(t), r * Math.sin(t), z];
  };
  for (let i = 0; i + 1 < profile.length; i++) {
    const [p, q] = [profile[i], profile[i + 1]];
    const len = Math.hypot(q.r - p.r, q.z - p.z);
    if (len < 1e-9) continue;
    // Outward normal in the profile plane: the segment's direction turned by −90°.
    const [nr, nz] = [(q.z - p.z) / len, -(q.r - p.r) / len];
    const tex = p.isLabel && e.label ? wrapTexture(e, 2 * Math.PI * p.r, Math.abs(q.z - p.z)) : undefined;
    for (let j = 0; j < SEGMENTS; j++) {
      const tm = (2 * Math.PI * (j + 0.5)) / SEGMENTS;
      const normal: Vec3 = [nr * Math.cos(tm), nr * Math.sin(tm), nz];
      const pts = [ring(p.r, p.z, j), ring(p.r, p.z, j + 1), ring(q.r, q.z, j + 1), ring(q.r, q.z, j)];
      if (tex) {
        // u runs with the angle (a viewer's right, outside); v runs down the band.
        const [u0, u1] = [j / SEGMENTS, (j + 1) / SEGMENTS];
        const [v0, v1] = p.z > q.z ? [0, 1] : [1, 0];
        faces.push({ pts, normal, color: p.color, tex, uv: [[u0, v0], [u1, v0], [u1, v1], [u0, v1]] });
      } else faces.push({ pts, normal, color: p.color });
    }
  }
  return faces;
}

function roundProfile(e: CatalogueEntry, R: number, h: number): ProfilePoint[] {
  const { body, cap } = e;
  const label = (r: number, z: number): ProfilePoint => ({ r, z, color: body, isLabel: true });
  const pt = (r: number, z: number, color = body): ProfilePoint => ({ r, z, color });
  switch (e.shape) {
    case 'can':
      return [pt(0, -h), pt(0.95 * R, -h), pt(R, -h + 3), label(R, -0.82 * h), pt(R, 0.82 * h), pt(R, h - 3, cap), pt(0.95 * R, h, cap), pt(0, h)];
    case 'bottle':
      return [pt(0, -h), pt(0.92 * R, -h), pt(R, -h + 4), label(R, -0.78 * h), pt(R, 0.2 * h), pt(R, 0.32 * h),
        pt(0.42 * R, 0.62 * h), pt(0.38 * R, 0.7 * h), pt(0.42 * R, 0.7 * h, cap), pt(0.42 * R, h, cap), pt(0, h)];
    case 'jar':
      return [pt(0, -h), pt(0.95 * R, -h), pt(R, -h + 3), label(R, -0.82 * h), pt(R, 0.42 * h), pt(R, 0.58 * h), pt(0.93 * R, 0.62 * h, cap),
        pt(R, 0.62 * h, cap), pt(R, h - 2, cap), pt(0.96 * R, h, cap), pt(0, h)];
    case 'mug': {
      const t = 5; // wall thickness
      return [pt(0, -h), pt(0.93 * R, -h), pt(R, -h + 3), pt(R, h), pt(R - t, h, cap), pt(R - t, -h + 8, cap), pt(0, -h + 8)];
    }
    case 'bowl': {
      const H = 2 * h;
      return [pt(0, -h), pt(0.38 * R, -h), pt(0.42 * R, -h + 0.1 * H), pt(0.78 * R, -h + 0.45 * H), pt(0.96 * R, -h + 0.82 * H), pt(R, h),
        pt(0.94 * R, h, cap), pt(0.9 * R, -h + 0.8 * H, cap), pt(0.7 * R, -h + 0.45 * H, cap), pt(0.35 * R, -h + 0.17 * H, cap), pt(0, -h + 0.14 * H)];
    }
    default:
      throw new Error(`no round profile for a ${e.shape}`);
  }
}

/** A mug's handle: a C-shaped tube (8 × 12 mm section) from the wall at +x, reaching `reach` mm out. */
function mugHandle(e: CatalogueEntry, bodyX: number, R: number, h: number, reach: number): Face[] {
  const [thick, width, steps] = [8, 12, 10];
  // The tube's outer edge reaches bodyX + R + reach − 2: inside the model box.
  const centre = (t: number): Vec3 => [bodyX + R - 3 + (reach - 3) * Math.sin(Math.PI * t), 0, 0.55 * h * Math.cos(Math.PI * t)];
  const rings: Vec3[][] = [];
  for (let k = 0; k <= steps; k++) {
    const t = k / steps;
    const c = centre(t);
    const d = normalize(sub(centre(Math.min(1, t + 0.01)), centre(Math.max(0, t - 0.01))));
    const nrm: Vec3 = [d[2], 0, -d[0]]; // in the x–z plane, pointing away from the body
    const at = (a: number, b: number): Vec3 => [c[0] + nrm[0] * a, (width / 2) * b, c[2] + nrm[2] * a];
    rings.push([at(thick / 2, -1), at(thick / 2, 1), at(-thick / 2, 1), at(-thick / 2, -1)]);
  }
  const faces: Face[] = [];
  for (let k = 0; k < steps; k++) {
    const [a, b] = [rings[k], rings[k + 1]];
    for (let s = 0; s < 4; s++) {
      const pts = [a[s], a[(s + 1) % 4], b[(s + 1) % 4], b[s]];
      const mid = scale(pts.reduce((m, p) => [m[0] + p[0], m[1] + p[1], m[2] + p[2]] as Vec3, [0, 0, 0]), 0.25);
      const axis = scale([...a, ...b].reduce((m, p) => [m[0] + p[0], m[1] + p[1], m[2] + p[2]] as Vec3, [0, 0, 0]), 1 / 8);
      faces.push({ pts, normal: normalize(sub(mid, axis)), color: e.body });
    }
  }
  return faces;
}

/** All faces of a catalogue entry's model. */
export function modelFaces(e: CatalogueEntry): Face[] {
  if (e.shape === 'box') return boxFaces(e);
  const h = e.size[2] / 2;
  if (e.shape === 'mug') {
    // The x extent holds body and handle: the body sits at −reach/2 so that the model box stays centred.
    const R = e.size[1] / 2;
    const reach = e.size[0] - e.size[1];
    return [...lathe(roundProfile(e, R, h), e, -reach / 2), ...mugHandle(e, -reach / 2, R, h, reach)];
  }
  return lathe(roundProfile(e, e.size[0] / 2, h), e);
}
