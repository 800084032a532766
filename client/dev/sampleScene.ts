/**
 * A synthetic tabletop for the canvas playground, e2e tests and the bench: a table grid and boxes drawn
 * with the same camera the pose gizmo uses, so a placed box visibly sits on the table. Pure browser
 * code, no assets.
 */
import type { Answer, AnswerOf, Task } from '../../shared/tasks';
import { boxCorners, projectBox } from '../../shared/geometry/box3d';
import { boxOnTable, defaultWorldToCamera, projectWorldPoint, type WorldToCamera } from '../../shared/geometry/camera';
import type { Mat3, Vec2 } from '../../shared/geometry/types';

export interface SampleCamera {
  K: Mat3;
  world_to_camera: WorldToCamera;
}

/** Intrinsics scaled with the image so 1080p and 4K show the same scene (the dataset example's fx/w). */
export function sampleCamera(width: number, height: number): SampleCamera {
  const f = width * 0.724;
  return { K: [[f, 0, width / 2], [0, f, height / 2], [0, 0, 1]], world_to_camera: defaultWorldToCamera() };
}

const BOXES = [
  { x: -120, y: 40, yawRad: 0.5, size: [90, 60, 140] as [number, number, number], color: '#c44' },
  { x: 110, y: -30, yawRad: -0.3, size: [70, 70, 70] as [number, number, number], color: '#4a7' },
  { x: 20, y: 160, yawRad: 1.1, size: [160, 50, 40] as [number, number, number], color: '#57c' },
];

function drawScene(ctx: CanvasRenderingContext2D, w: number, h: number, cam: SampleCamera) {
  const sky = ctx.createLinearGradient(0, 0, 0, h);
  sky.addColorStop(0, '#d9d4c7');
  sky.addColorStop(1, '#8a7560');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  ctx.lineWidth = Math.max(1, w / 1200);
  ctx.strokeStyle = 'rgba(40,30,20,0.45)';
  const line = (a: Vec2 | null, b: Vec2 | null) => {
    if (!a || !b) return;
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
  };
  for (let i = -600; i <= 600; i += 50) {
    line(projectWorldPoint(cam.K, cam.world_to_camera, [i, -400, 0]), projectWorldPoint(cam.K, cam.world_to_camera, [i, 900, 0]));
    line(projectWorldPoint(cam.K, cam.world_to_camera, [-600, i, 0]), projectWorldPoint(cam.K, cam.world_to_camera, [600, i, 0]));
  }
  for (const b of BOXES) {
    const box = boxOnTable({ x: b.x, y: b.y, yawRad: b.yawRad, tiltRad: 0, size: b.size }, cam.world_to_camera);
    const p = projectBox(cam.K, box);
    const zs = boxCorners(box).map((c) => c[2]);
    const faces = [[0, 1, 2, 3], [4, 5, 6, 7], [0, 1, 5, 4], [1, 2, 6, 5], [2, 3, 7, 6], [3, 0, 4, 7]];
    // Painter's order: farthest faces first.
    faces.sort((f, g) => g.reduce((s, i) => s + zs[i], 0) - f.reduce((s, i) => s + zs[i], 0));
    faces.forEach((f, k) => {
      ctx.beginPath();
      f.forEach((i, j) => (j ? ctx.lineTo(p[i][0], p[i][1]) : ctx.moveTo(p[i][0], p[i][1])));
      ctx.closePath();
      ctx.fillStyle = b.color;
      ctx.globalAlpha = 0.75 + 0.04 * k;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = 'rgba(0,0,0,0.6)';
      ctx.stroke();
    });
  }
}

/** Renders the scene to an object URL (JPEG: 4K PNG encoding would dominate the open time). */
export async function sampleImageUrl(width: number, height: number): Promise<string> {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('canvas 2D context unavailable');
  drawScene(ctx, width, height, sampleCamera(width, height));
  const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/jpeg', 0.9));
  if (!blob) throw new Error('could not encode the sample image');
  return URL.createObjectURL(blob);
}

/** A plausible "generated" answer of each task on the sample scene (`s`: image width / 1920). */
const SAMPLE_OVERLAYS: { [T in Task]: (cam: SampleCamera, s: number) => AnswerOf<T> } = {
  pose: (cam) => {
    const b = BOXES[0];
    const box = boxOnTable({ x: b.x + 15, y: b.y - 10, yawRad: b.yawRad + 0.15, tiltRad: 0, size: b.size }, cam.world_to_camera);
    return { task: 'pose', points: projectBox(cam.K, box) };
  },
  grasp: (_, s) => ({ task: 'grasp', points: [[1100 * s, 520 * s], [1080 * s, 520 * s], [1120 * s, 520 * s], [1080 * s, 470 * s], [1120 * s, 470 * s]] }),
  trajectory: (_, s) => ({ task: 'trajectory', points: [[600 * s, 700 * s], [900 * s, 600 * s], [1250 * s, 650 * s]] }),
  rearrangement: (_, s) => ({ task: 'rearrangement', points: [[700 * s, 640 * s], [1200 * s, 560 * s]] }),
  spatial: () => ({ task: 'spatial', value: true }),
  depth: () => ({ task: 'depth', value: true }),
};

/** A plausible "generated" answer per task, for verify mode. */
export function sampleOverlay(task: Task, width: number, height: number): Answer {
  return SAMPLE_OVERLAYS[task](sampleCamera(width, height), width / 1920);
}
