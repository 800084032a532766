/** fast-check arbitraries of random event scripts for the "every answer passes the schema" property. */
import { fc } from '@fast-check/vitest';
import type { ToolEvent } from '../../canvas/tool';
import { imagePx } from '../../../shared/geometry/types';

export function eventScript(width: number, height: number, commands: string[] = []) {
  // Coordinates go a little outside the image on purpose: tools must clamp or ignore them.
  const x = fc.double({ min: -50, max: width + 50, noNaN: true });
  const y = fc.double({ min: -50, max: height + 50, noNaN: true });
  const tol = fc.constantFrom(0.5, 4, 12, 40);
  const pointer = (type: 'down' | 'move' | 'up') =>
    fc.tuple(x, y, tol, fc.boolean()).map(([px, py, tolPx, shift]): ToolEvent => ({ type, p: imagePx(px, py), tolPx, shift }));
  const others: fc.Arbitrary<ToolEvent>[] = [
    fc.constant<ToolEvent>({ type: 'cancel' }),
    fc.constant<ToolEvent>({ type: 'delete' }),
    fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 })).map(([dx, dy]): ToolEvent => ({ type: 'nudge', dx, dy })),
  ];
  if (commands.length) others.push(fc.constantFrom(...commands).map((command): ToolEvent => ({ type: 'command', command })));
  const ev = fc.oneof(
    { arbitrary: pointer('down'), weight: 3 },
    { arbitrary: pointer('move'), weight: 5 },
    { arbitrary: pointer('up'), weight: 3 },
    { arbitrary: fc.oneof(...others), weight: 1 },
  );
  return fc.array(ev, { maxLength: 40 });
}
