/**
 * A by-eye session with the pose tool, for a person (or an agent) looking at screenshots: drives a real
 * browser on the annotate page of a running server and takes one command at a time from a file, so
 * each move is decided after looking at the last screenshot. It never reads the ground truth: handle
 * positions come from the box's own draft and the camera the page was sent. Not part of `npm test`.
 *
 *   npx tsx scripts/poseByEye.ts --url http://localhost:3213 --dir /tmp/byeye [--pid NAME]
 *   echo 'place 640 520' > /tmp/byeye/cmd      # then read /tmp/byeye/out and look at the shot it names
 *
 * Commands (image px): next (skip to the next pose question, continuing past feedback) · info ·
 * place X Y · drag HANDLE DX DY (move yaw sx sy sz tilt) · key K · crop X Y W H · shot · submit ·
 * continue · newbatch PID · quit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { projectWorldPoint, tablePoseCenterWorld, type TablePose, type WorldToCamera } from '../shared/geometry/camera';
import type { Mat3 } from '../shared/geometry/types';
import { handleImage, type GizmoHandle } from '../client/tools/pose/gizmo';
import { chromiumLaunchOptions } from '../e2e/fixtures/browser';

const arg = (name: string, fallback?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const url = arg('url', 'http://localhost:3213')!;
const dir = arg('dir', '/tmp/byeye')!;
fs.mkdirSync(path.join(dir, 'shots'), { recursive: true });

type Camera = { K: Mat3; world_to_camera: WorldToCamera };
const cameras = new Map<number, Camera>();

/** Walks a tRPC reply for batch items and keeps the camera each pose question was sent with. */
function collectCameras(o: unknown): void {
  if (!o || typeof o !== 'object') return;
  const rec = o as { assignmentId?: number; question?: { camera?: Camera | null } };
  if (typeof rec.assignmentId === 'number' && rec.question?.camera) cameras.set(rec.assignmentId, rec.question.camera);
  for (const v of Object.values(o)) collectCameras(v);
}

let shotNo = 0;
let crop: [number, number, number, number] | null = null;

async function view(page: Page) {
  const el = page.getByTestId('annotation-canvas');
  const box = (await el.boundingBox())!;
  const [s, x, y] = await Promise.all(['data-scale', 'data-offset-x', 'data-offset-y'].map((a) => el.getAttribute(a)));
  return { box, scale: Number(s), x: Number(x), y: Number(y) };
}
async function toPage(page: Page, p: [number, number]): Promise<[number, number]> {
  const v = await view(page);
  return [v.box.x + v.x + p[0] * v.scale, v.box.y + v.y + p[1] * v.scale];
}
async function assignment(page: Page): Promise<{ id: number; task: string; mode: string } | null> {
  const q = page.getByTestId('question');
  if (!(await q.isVisible().catch(() => false))) return null;
  return { id: Number(await q.getAttribute('data-assignment')), task: (await q.getAttribute('data-task'))!, mode: (await q.getAttribute('data-mode'))! };
}
async function pose(page: Page, id: number): Promise<TablePose | null> {
  const raw = await page.evaluate((k) => localStorage.getItem(`bopask.annotate.draft.${k}`), id);
  if (!raw) return null;
  const d = JSON.parse(JSON.parse(raw) as string) as { draft?: { pose?: TablePose | null } };
  return d.draft?.pose ?? null;
}
async function shot(page: Page): Promise<string> {
  const file = path.join(dir, 'shots', `${String(++shotNo).padStart(3, '0')}.png`);
  await page.screenshot({ path: file });
  if (crop) {
    const a = await toPage(page, [crop[0], crop[1]]);
    const b = await toPage(page, [crop[0] + crop[2], crop[1] + crop[3]]);
    await page.screenshot({ path: file.replace('.png', '-crop.png'), clip: { x: a[0], y: a[1], width: b[0] - a[0], height: b[1] - a[1] } });
  }
  return file;
}

async function info(page: Page): Promise<string> {
  const a = await assignment(page);
  if (!a) return (await page.getByTestId('practice-feedback').isVisible()) ? `feedback: ${await page.getByTestId('practice-feedback').innerText()}` : 'no question';
  const lines = [`assignment ${a.id} ${a.task} ${a.mode}: ${await page.getByTestId('question-text').innerText()}`];
  const p = await pose(page, a.id);
  const cam = cameras.get(a.id);
  if (p && cam) {
    lines.push(`size ${p.size.map((v) => v.toFixed(0)).join('×')} mm, tilt ${((p.tiltRad * 180) / Math.PI).toFixed(0)}°`);
    for (const h of ['move', 'yaw', 'sx', 'sy', 'sz', 'tilt'] as GizmoHandle[]) {
      const q = handleImage({ K: cam.K, w2c: cam.world_to_camera }, p, h);
      lines.push(`  ${h}: ${q ? q.map((v) => v.toFixed(0)).join(', ') : '-'}`);
    }
  }
  return lines.join('\n');
}

async function dragImage(page: Page, from: [number, number], to: [number, number]) {
  const a = await toPage(page, from);
  const b = await toPage(page, to);
  await page.mouse.move(a[0], a[1]);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(a[0] + ((b[0] - a[0]) * i) / 10, a[1] + ((b[1] - a[1]) * i) / 10);
  await page.mouse.up();
}

/** Continues past intros and feedback, skips every non-pose question, stops on a pose question. */
async function nextPose(page: Page): Promise<string> {
  for (let guard = 0; guard < 40; guard++) {
    await page.waitForTimeout(300);
    if (await page.getByTestId('batch-finished').isVisible()) return 'batch finished';
    if (await page.getByRole('button', { name: 'Start practice' }).isVisible()) { await page.getByRole('button', { name: 'Start practice' }).click(); continue; }
    if (await page.getByTestId('practice-feedback').isVisible()) return 'feedback shown: look, then "continue"';
    const a = await assignment(page);
    if (!a) continue;
    if (a.task === 'pose' && a.mode !== 'verify') {
      await page.getByTestId('annotation-canvas').and(page.locator('[data-image-ready="true"]')).waitFor();
      return info(page);
    }
    await page.getByTestId('skip-question').click();
    await page.getByRole('button', { name: 'Skip question' }).click();
    await page.locator(`[data-testid="question"][data-assignment="${a.id}"]`).waitFor({ state: 'detached' });
  }
  return 'gave up';
}

async function main() {
  const browser = await chromium.launch(chromiumLaunchOptions());
  let context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
  let page = await context.newPage();
  const watch = (p: Page) => p.on('response', async (res) => {
    if (!res.url().includes('annotate.batch')) return;
    try { collectCameras(JSON.parse(await res.text())); } catch { /* aborted reply: nothing to keep */ }
  });
  watch(page);
  await page.goto(`${url}/annotate?pid=${arg('pid', `byeye-${Date.now().toString(36)}`)}`);
  const cmdFile = path.join(dir, 'cmd');
  const outFile = path.join(dir, 'out');
  fs.writeFileSync(outFile, 'ready\n');
  for (;;) {
    if (!fs.existsSync(cmdFile)) { await new Promise((r) => setTimeout(r, 150)); continue; }
    const line = fs.readFileSync(cmdFile, 'utf8').trim();
    fs.unlinkSync(cmdFile);
    const [cmd, ...rest] = line.split(/\s+/);
    const n = rest.map(Number);
    let out = '';
    try {
      const a = await assignment(page);
      if (cmd === 'quit') break;
      else if (cmd === 'next') out = await nextPose(page);
      else if (cmd === 'info') out = await info(page);
      else if (cmd === 'place') { await (async () => { const p = await toPage(page, [n[0], n[1]]); await page.mouse.click(p[0], p[1]); })(); out = await info(page); }
      else if (cmd === 'drag') {
        const p = a ? await pose(page, a.id) : null;
        const cam = a ? cameras.get(a.id) : undefined;
        // The box is grabbed at its centre (as a person grabs its body), not at its footprint centre, which
        // on a thin box lies within reach of the width handle.
        const c = p && cam ? { K: cam.K, w2c: cam.world_to_camera } : null;
        const from = p && c ? (rest[0] === 'move' ? projectWorldPoint(c.K, c.w2c, tablePoseCenterWorld(p)) : handleImage(c, p, rest[0] as GizmoHandle)) : null;
        if (!from) out = 'no such handle';
        else { await dragImage(page, [from[0], from[1]], [from[0] + n[1], from[1] + n[2]]); out = await info(page); }
      } else if (cmd === 'key') { await page.keyboard.press(rest[0]); out = await info(page); }
      else if (cmd === 'crop') { crop = [n[0], n[1], n[2], n[3]]; out = 'crop set'; }
      else if (cmd === 'shot') out = '';
      else if (cmd === 'submit') { await page.getByTestId('submit-answer').click(); await page.waitForTimeout(800); out = await info(page); }
      else if (cmd === 'continue') { await page.getByRole('button', { name: 'Continue' }).click(); out = await nextPose(page); }
      else if (cmd === 'newbatch') {
        await context.close();
        context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 2 });
        page = await context.newPage();
        watch(page);
        await page.goto(`${url}/annotate?pid=${rest[0]}`);
        out = await nextPose(page);
      } else out = `unknown command ${cmd}`;
      out += `\nshot ${await shot(page)}`;
    } catch (e) {
      out = `error: ${(e as Error).message}`;
    }
    fs.writeFileSync(outFile + '.tmp', out + '\n');
    fs.renameSync(outFile + '.tmp', outFile + '.' + shotNo);
    fs.writeFileSync(outFile, out + '\n');
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
