/**
 * The annotation canvas in a real browser: what is drawn with the mouse is what is emitted, in image
 * pixels within 1 px, at two zoom levels; undo/redo, nudge, yes/no, verify → correct, reload restore,
 * the photo alone (O) and its brightness / contrast.
 * Screenshots of every tool at 1366×768 and 2560×1440 go to test-results/canvas-shots/.
 */
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { CanvasPage, expectPointsClose, type Pt } from './fixtures/canvasPage';

const SHOTS = process.env.CANVAS_SHOTS ?? 'test-results/canvas-shots';
const ZOOMS = [
  { name: 'fit', wheel: 0 },
  { name: 'zoomed', wheel: -400 },
] as const;

async function openAt(page: Page, query: string, wheel: number, around: Pt) {
  const c = new CanvasPage(page);
  await c.open(`${query}&fresh=1`);
  if (wheel) await c.zoomAt(around, wheel);
  return c;
}

/** Intersection of the diagonals of quad abcd: the image of the face's centre under perspective. */
function diagonalsMeet([a, b, c, d]: Pt[]): Pt {
  const [x1, y1] = a, [x2, y2] = c, [x3, y3] = b, [x4, y4] = d;
  const den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4);
  const t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den;
  return [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
}

for (const zoom of ZOOMS) {
  test.describe(`drawn = emitted at ${zoom.name} zoom`, () => {
    test('rearrangement markers', async ({ page }) => {
      const c = await openAt(page, 'task=rearrangement', zoom.wheel, [960, 540]);
      const pts: Pt[] = [[930.5, 520.25], [1001, 566]];
      for (const p of pts) await c.click(p);
      const a = await c.answer();
      expect(a?.task).toBe('rearrangement');
      expectPointsClose(a?.points, pts);
    });

    test('trajectory waypoints, insert on a segment', async ({ page }) => {
      const c = await openAt(page, 'task=trajectory', zoom.wheel, [960, 540]);
      for (const p of [[900, 500], [1020, 500]] as Pt[]) await c.click(p);
      await c.click([960, 500]); // on the segment: inserted between the two
      expectPointsClose((await c.answer())?.points, [[900, 500], [960, 500], [1020, 500]]);
    });

    test('grasp: centre, then drag to the right finger base', async ({ page }) => {
      const c = await openAt(page, 'task=grasp', zoom.wheel, [960, 540]);
      const centre: Pt = [950, 530], right: Pt = [990, 545];
      await c.drag(centre, right);
      const p = (await c.answer())?.points ?? [];
      expectPointsClose(p.slice(0, 3), [centre, [2 * centre[0] - right[0], 2 * centre[1] - right[1]], right]);
    });

    test('pose without camera: front face, back face, corner drag', async ({ page }) => {
      const c = await openAt(page, 'task=pose&camera=none', zoom.wheel, [960, 540]);
      await c.drag([900, 500], [1000, 580]);
      await c.drag([1100, 600], [1120, 585]);
      await c.drag([1000, 580], [1004, 583]);
      expectPointsClose((await c.answer())?.points, [
        [900, 500], [1000, 500], [1004, 583], [900, 580],
        [920, 485], [1020, 485], [1020, 565], [920, 565],
      ]);
    });

    test('pose with camera: the box stands where clicked and moves with the cursor', async ({ page }) => {
      const c = await openAt(page, 'task=pose', zoom.wheel, [960, 600]);
      await c.click([960, 600]);
      let pts = (await c.answer())?.points ?? [];
      expect(pts).toHaveLength(8);
      expectPointsClose([diagonalsMeet(pts.slice(0, 4))], [[960, 600]]);
      await c.drag([960, 600], [930, 620]);
      pts = (await c.answer())?.points ?? [];
      expectPointsClose([diagonalsMeet(pts.slice(0, 4))], [[930, 620]]);
    });
  });
}

test('undo / redo / nudge from the keyboard', async ({ page }) => {
  const c = await openAt(page, 'task=rearrangement', 0, [0, 0]);
  await c.click([800, 500]);
  await c.click([900, 500]);
  await page.keyboard.press('Control+z');
  expectPointsClose((await c.answer())?.points, [[800, 500]]);
  await page.keyboard.press('Control+Shift+z');
  expectPointsClose((await c.answer())?.points, [[800, 500], [900, 500]]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  expectPointsClose((await c.answer())?.points, [[800, 500], [901, 510]], 0.01);
  await page.keyboard.press('Delete');
  expectPointsClose((await c.answer())?.points, [[800, 500]]);
  await page.getByTestId('canvas-undo').click();
  expect((await c.answer())?.points).toHaveLength(2);
});

test('yes / no by button and key', async ({ page }) => {
  const c = await openAt(page, 'task=depth', 0, [0, 0]);
  await page.getByTestId('answer-yes').click();
  expect(await c.answer()).toEqual({ task: 'depth', value: true });
  await page.keyboard.press('n');
  expect(await c.answer()).toEqual({ task: 'depth', value: false });
  await expect(page.getByTestId('answer-no')).toHaveAttribute('aria-pressed', 'true');
});

test('verify shows the proposal read-only, then corrects it with the same tool', async ({ page }) => {
  const c = await openAt(page, 'task=trajectory&mode=verify', 0, [0, 0]);
  await expect(page.getByTestId('verify-badge')).toBeVisible();
  await c.click([600, 700]);
  expect(await c.answer()).toBeNull(); // read-only: a click does not draw
  await page.getByTestId('verify-correct').click();
  expectPointsClose((await c.answer())?.points, [[600, 700], [900, 600], [1250, 650]]);
  await c.drag([900, 600], [910, 640]);
  expectPointsClose((await c.answer())?.points, [[600, 700], [910, 640], [1250, 650]]);
});

test('a half-drawn answer survives a reload', async ({ page }) => {
  const c = await openAt(page, 'task=pose&camera=none', 0, [0, 0]);
  await c.drag([900, 500], [1000, 580]);
  await page.goto('/dev/canvas?task=pose&camera=none');
  await expect(c.surface).toHaveAttribute('data-image-ready', 'true');
  await c.drag([1100, 600], [1120, 585]);
  expect((await c.answer())?.points).toHaveLength(8);
});

const SCENES: { name: string; query: string; draw: (c: CanvasPage) => Promise<void> }[] = [
  { name: 'pose-gizmo', query: 'task=pose', draw: async (c) => { await c.click([1000, 640]); await c.page.mouse.move(0, 0); } },
  { name: 'pose-free', query: 'task=pose&camera=none', draw: async (c) => { await c.drag([900, 500], [1000, 580]); await c.drag([1100, 600], [1130, 580]); } },
  { name: 'grasp', query: 'task=grasp', draw: (c) => c.drag([1160, 470], [1210, 470]) },
  { name: 'trajectory', query: 'task=trajectory', draw: async (c) => { for (const p of [[700, 700], [1000, 600], [1400, 640]] as Pt[]) await c.click(p); } },
  { name: 'rearrangement', query: 'task=rearrangement', draw: async (c) => { for (const p of [[1150, 450], [1300, 360]] as Pt[]) await c.click(p); } },
  { name: 'spatial', query: 'task=spatial', draw: async (c) => { await c.page.getByTestId('answer-yes').click(); } },
  { name: 'verify-pose', query: 'task=pose&mode=verify', draw: async () => {} },
  {
    name: 'image-look',
    query: 'task=pose',
    draw: async (c) => {
      await c.click([1000, 640]);
      await c.page.getByTestId('image-look').click();
      await c.page.getByTestId('image-brightness').fill('1.6');
      await c.page.getByTestId('image-contrast').fill('1.4');
    },
  },
  { name: 'photo-alone', query: 'task=pose', draw: async (c) => { await c.click([1000, 640]); await c.page.keyboard.press('o'); } },
];

for (const viewport of [{ width: 1366, height: 768 }, { width: 2560, height: 1440 }]) {
  test.describe(`screenshots ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    for (const s of SCENES) {
      test(s.name, async ({ page }) => {
        const c = await openAt(page, s.query, 0, [0, 0]);
        await s.draw(c);
        const [x, y] = await c.toPage([1080, 560]);
        await page.mouse.move(x, y); // show the magnifier where it is useful
        await page.waitForTimeout(150);
        await page.screenshot({ path: `${SHOTS}/${viewport.width}-${s.name}.png` });
      });
    }
  });
}

test('handles keep their screen size at any zoom (Konva node tree)', async ({ page }) => {
  const c = await openAt(page, 'task=trajectory', 0, [0, 0]);
  for (const p of [[900, 500], [1000, 520]] as Pt[]) await c.click(p);
  const screenRadii = () =>
    page.evaluate<number[]>(`(() => {
      const stage = window.Konva.stages[0];
      const layer = stage.getLayers().at(-1);
      return layer.find('Circle').map((n) => n.radius() * n.getAbsoluteScale().x);
    })()`);
  const before = await screenRadii();
  await c.zoomAt([950, 510], -600);
  await c.zoomAt([950, 510], -600);
  const after = await screenRadii();
  expect(Number(await c.surface.getAttribute('data-scale'))).toBeGreaterThan(1);
  expect(before.length).toBe(2);
  after.forEach((r, i) => expect(r).toBeCloseTo(before[i], 6));
  // And every layer is non-listening: no hit graph is drawn on pointer moves.
  expect(await page.evaluate(`window.Konva.stages[0].getLayers().every((l) => !l.listening())`)).toBe(true);
});

test('O shows the photo alone; Image ▾ changes its brightness and contrast, never the answer', async ({ page }) => {
  const c = await openAt(page, 'task=trajectory', 0, [0, 0]);
  for (const p of [[900, 500], [1000, 520]] as Pt[]) await c.click(p);
  const layers = () => page.evaluate<number>('window.Konva.stages[0].getLayers().length');
  // Mean brightness of the canvas on screen (the loupe moved away first), 0–255.
  const meanLevel = async () => {
    await page.mouse.move(0, 0);
    const { channels } = await sharp(await c.surface.screenshot()).stats();
    return (channels[0].mean + channels[1].mean + channels[2].mean) / 3;
  };
  await expect(page.getByTestId('shortcut-legend')).toContainText('Hide / show the drawing and overlays');
  const drawnLayers = await layers();
  await page.keyboard.press('o');
  await expect(c.surface).toHaveAttribute('data-overlay-hidden', 'true');
  await expect(page.getByTestId('overlay-hidden-badge')).toBeVisible();
  expect(await layers()).toBe(drawnLayers - 1);
  // Meanwhile the left button pans: nothing is drawn unseen.
  await c.click([950, 600]);
  expect((await c.answer())?.points).toHaveLength(2);
  await page.getByTestId('canvas-hide-overlay').click();
  await expect(c.surface).toHaveAttribute('data-overlay-hidden', 'false');
  expect(await layers()).toBe(drawnLayers);

  // Measured with the sliders' panel open throughout: it lies over a corner of the canvas.
  await page.getByTestId('image-look').click();
  const plain = await meanLevel();
  const answer = await c.answer();
  await page.getByTestId('image-brightness').fill('1.5');
  await expect(c.surface).toHaveAttribute('data-image-filter', 'brightness(1.5) contrast(1)');
  expect(await meanLevel()).toBeGreaterThan(plain * 1.2);
  await page.getByTestId('image-contrast').fill('2');
  await expect(c.surface).toHaveAttribute('data-image-filter', 'brightness(1.5) contrast(2)');
  expect(await c.answer()).toEqual(answer);
  await page.getByTestId('image-look-reset').click();
  await expect(c.surface).toHaveAttribute('data-image-filter', 'none');
  expect(Math.abs((await meanLevel()) - plain)).toBeLessThan(1);
});
