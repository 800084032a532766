/**
 * The tool contract (STYLE.md "Canvas and tools"). A tool is a pure state machine written as a reducer:
 * the canvas turns pointer and key input into `ToolEvent`s in image pixels and feeds them to `step`; the
 * tool returns a new draft (saying whether the change enters undo history) or asks for a rollback.
 * Tools never fetch, never touch history, never read React context, and their drafts are plain JSON
 * (the host saves them to localStorage as they are drawn).
 */
import type { FC } from 'react';
import type { Answer, Task } from '../../shared/tasks';
import type { WorldToCamera } from '../../shared/geometry/camera';
import type { Box3d, ImagePx, Mat3, Vec3 } from '../../shared/geometry/types';

/** What a tool is built for: the question's task, image size and, for pose, the camera. */
export interface ToolContext {
  task: Task;
  imageWidth: number;
  imageHeight: number;
  camera?: { K: Mat3; world_to_camera?: WorldToCamera };
  /** Pose: the object's edge lengths (mm) when the dataset knows them; a new box starts at this size. */
  objectSizeMm?: Vec3;
  /** The session starts from an existing answer (correcting one): tools that draw it differently say so. */
  isEditingAnswer?: boolean;
  /**
   * Pose, correcting a label whose 3D box is known (curators only: contributors never get a box): with
   * `camera.world_to_camera` the session starts as the 3D gizmo at this box instead of 8 free corners.
   */
  initialBox3d?: Box3d;
}

/**
 * Input to a tool. `tolPx` is the grab radius of a handle in image pixels at the current zoom (handles
 * have a constant screen size, so their size in image pixels shrinks as one zooms in).
 */
export type ToolEvent =
  | { type: 'down'; p: ImagePx; tolPx: number; shift: boolean }
  | { type: 'move'; p: ImagePx; tolPx: number; shift: boolean }
  | { type: 'up'; p: ImagePx; tolPx: number; shift: boolean }
  /** Escape: the canvas rolls back to the last history entry whatever the tool says; tools may ignore it. */
  | { type: 'cancel' }
  | { type: 'delete' }
  /** Move the selected handle by (dx, dy) image pixels. */
  | { type: 'nudge'; dx: number; dy: number }
  /** A tool-specific command (its own key or control), e.g. `yes`, `rotate+`. */
  | { type: 'command'; command: string };

/**
 * `capture: true` makes the draft a new undo entry (a click, the end of a drag, a delete); `false` is a
 * transient change (a drag in progress) that undo never sees. `{ cancel: true }` rolls back to the
 * last entry and leaves no trace.
 */
export type StepResult<D> = { draft: D; capture: boolean } | { cancel: true };

/** A key a tool adds to the shortcut table; `keys` is how the legend writes it. */
export interface ToolKey {
  keys: string;
  label: string;
  keyTest: (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>) => boolean;
  event: ToolEvent;
}

export interface PreviewProps<D> {
  draft: D;
  /** Current zoom (screen px per image px): handles divide their radius by it to keep a constant size. */
  scale: number;
}

export interface ShapeProps {
  answer: Answer;
  scale: number;
  /**
   * `overlay`: a generated answer (or ground truth) shown read-only — overlay colour, dashed.
   * `answer`: the contributor's own answer shown read-only — the drawing colours.
   */
  variant: 'overlay' | 'answer';
  /** What the overlay is, in words (e.g. 'Proposed answer', 'Correct answer'); shapes that write text use it. */
  overlayLabel?: string;
}

/** DOM controls a tool may render beside the canvas (e.g. Yes/No). They may only dispatch events. */
export interface ControlsProps<D> {
  draft: D;
  dispatch: (ev: ToolEvent) => void;
  disabled: boolean;
}

export interface Tool<D> {
  /** Stable id, e.g. `cuboid3d`; also the data-testid suffix of its controls. */
  id: string;
  label: string;
  /** Key that switches back to this tool from pan mode. */
  hotkey: string;
  /** One line for the legend and first-time hint. */
  hint: string;
  begin(): D;
  /** Draft that edits an existing answer (initial answer, or a verify overlay being corrected). */
  fromAnswer(answer: Answer): D;
  step(draft: D, ev: ToolEvent): StepResult<D>;
  /** The answer this draft stands for, or null while it is incomplete. Must pass `answerSchema`. */
  toAnswer(draft: D): Answer | null;
  /**
   * Pose gizmo on a known table (`camera.world_to_camera`): the camera-frame box whose projection is the
   * answer, or null (free corners, no box yet). Other tools leave it out.
   */
  toBox3d?(draft: D): Box3d | null;
  /** Konva nodes for the draft in image-pixel space; listening=false, no state of its own. */
  Preview: FC<PreviewProps<D>>;
  Controls?: FC<ControlsProps<D>>;
  keys?: ToolKey[];
  /** Whether the pointer is drawing on the canvas at all (the binary tool is buttons only). */
  usesPointer: boolean;
}

/** A tool with its draft type erased, as the registry and the canvas hold it. */
// oxlint-disable-next-line typescript/no-explicit-any -- Preview is contravariant in the draft: Tool<unknown> would accept no tool
export type AnyTool = Tool<any>;

/**
 * A task's entry in the tool registry (a typed map keyed by task, client/tools/registry.ts): builds the
 * tool for a question (pose picks the 3D gizmo when a camera is given) and renders its answers.
 */
export interface ToolEntry {
  create(ctx: ToolContext): AnyTool;
  /** Renders a saved answer of the task (verify overlay, practice ground truth). */
  Shape: FC<ShapeProps>;
  /** The example picture shown with the task's first-time instruction (SVG, no canvas); its caption is the spec's. */
  Example: FC;
}
