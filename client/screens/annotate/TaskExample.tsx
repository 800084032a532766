/**
 * The example picture shown with each task's first-time instruction: the conventions a contributor
 * must learn (corner order, which finger is left, path direction), drawn as SVG.
 */
import type { Task } from '../../../shared/answers';
import { COLORS } from '../../canvas/colors';

// The canvas's own colours (client/canvas/colors.ts), so the picture and the drawing agree.
const INK = '#1d2330';
const W = 360;

function PoseExample() {
  // A box in perspective, drawn as the canvas draws it: 0–3 the face on the table (solid, shaded), 4–7
  // the top face (dashed), corner i joined to i+4.
  const p = [[60, 150], [170, 165], [215, 130], [110, 118], [60, 70], [170, 85], [215, 50], [110, 38]];
  const face = (ids: number[]) => ids.map((i) => p[i].join(',')).join(' ');
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="A box with its eight corners numbered" data-testid="task-example">
      <polygon points={face([0, 1, 2, 3])} fill={COLORS.front} fillOpacity="0.18" stroke={COLORS.front} strokeWidth="3" />
      <polygon points={face([4, 5, 6, 7])} fill="none" stroke={COLORS.back} strokeWidth="2.5" strokeDasharray="6 5" />
      {[0, 1, 2, 3].map((i) => (
        <line key={i} x1={p[i][0]} y1={p[i][1]} x2={p[i + 4][0]} y2={p[i + 4][1]} stroke={COLORS.back} strokeWidth="1.5" />
      ))}
      {p.map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill="#fff" stroke={i < 4 ? COLORS.front : COLORS.back} strokeWidth="2" />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle" fill={INK}>
            {i}
          </text>
        </g>
      ))}
      <text x="228" y="150" fontSize="12" fill={INK}>
        <tspan fill={COLORS.front} fontWeight="700">━</tspan> bottom face (0–3)
      </text>
      <text x="228" y="45" fontSize="12" fill={INK}>
        <tspan fill={COLORS.back} fontWeight="700">╍</tspan> top face (4–7)
      </text>
    </svg>
  );
}

function GraspExample() {
  return (
    <svg viewBox={`0 0 ${W} 200`} width={W} height="200" role="img" aria-label="A parallel gripper with its five points" data-testid="task-example">
      <line x1="180" y1="120" x2="180" y2="150" stroke={INK} strokeWidth="3" />
      <line x1="140" y1="120" x2="220" y2="120" stroke={INK} strokeWidth="3" />
      <line x1="140" y1="120" x2="140" y2="60" stroke={COLORS.leftFinger} strokeWidth="5" />
      <line x1="220" y1="120" x2="220" y2="60" stroke={COLORS.rightFinger} strokeWidth="5" />
      <text x="128" y="52" fontSize="14" fontWeight="700" fill={COLORS.leftFinger}>L</text>
      <circle cx="180" cy="120" r="6" fill="#fff" stroke={INK} strokeWidth="2" />
      <text x="188" y="140" fontSize="12">center</text>
      <text x="60" y="124" fontSize="12" fill={INK}>left base</text>
      <text x="74" y="64" fontSize="12" fill={INK}>left tip</text>
      <text x="228" y="124" fontSize="12" fill={INK}>right base</text>
      <text x="228" y="64" fontSize="12" fill={INK}>right tip</text>
      <text x={W / 2} y="176" fontSize="12" textAnchor="middle" fill={INK}>fingers point toward the object;</text>
      <text x={W / 2} y="192" fontSize="12" textAnchor="middle" fill={INK}>the left one (L) is on your left</text>
    </svg>
  );
}

function TrajectoryExample() {
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="A path from the object to move to its target" data-testid="task-example">
      <rect x="20" y="120" width="50" height="40" fill="#f2d7a6" stroke={INK} />
      <rect x="250" y="40" width="50" height="40" fill="#bfe3d4" stroke={INK} />
      <polyline points="45,140 100,80 190,60 275,60" fill="none" stroke={COLORS.path} strokeWidth="3" markerEnd="url(#arrow)" />
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill={COLORS.path} />
        </marker>
      </defs>
      {[[45, 140], [100, 80], [190, 60], [275, 60]].map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r="5" fill="#fff" stroke={COLORS.path} strokeWidth="2" />
      ))}
      <text x="18" y="180" fontSize="12">start on the object to move</text>
      <text x="210" y="100" fontSize="12">end on its target</text>
    </svg>
  );
}

function RearrangementExample() {
  return (
    <svg viewBox={`0 0 ${W} 190`} width={W} height="190" role="img" aria-label="Markers on the objects that must be moved first" data-testid="task-example">
      <rect x="130" y="70" width="60" height="60" fill="#cfd8e3" stroke={INK} />
      <text x="139" y="104" fontSize="12">target</text>
      <rect x="80" y="60" width="40" height="80" fill="#f2d7a6" stroke={INK} />
      <rect x="200" y="75" width="40" height="50" fill="#f2d7a6" stroke={INK} />
      <rect x="250" y="150" width="50" height="30" fill="#e8e8e8" stroke={INK} />
      {[[100, 100], [220, 100]].map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill={COLORS.marker} stroke={INK} />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle">{i + 1}</text>
        </g>
      ))}
      <text x="10" y="26" fontSize="12">one marker on each object blocking the grasp,</text>
      <text x="10" y="42" fontSize="12">none on objects that are out of the way</text>
    </svg>
  );
}

function YesNoExample({ text }: { text: string }) {
  // As the real buttons look: outlined; the chosen one filled and ticked.
  return (
    <svg viewBox={`0 0 ${W} 120`} width={W} height="120" role="img" aria-label="Answer with Yes or No" data-testid="task-example">
      <rect x="70" y="30" width="100" height="44" rx="6" fill="#0072B2" stroke="#222" strokeWidth="2" />
      <text x="120" y="58" fontSize="16" fontWeight="700" fill="#fff" textAnchor="middle">✓ Yes (Y)</text>
      <rect x="190" y="30" width="100" height="44" rx="6" fill="#fff" stroke="#222" strokeWidth="2" />
      <text x="240" y="58" fontSize="16" fill="#222" textAnchor="middle">No (N)</text>
      <text x={W / 2} y="102" fontSize="12" textAnchor="middle">{text}</text>
    </svg>
  );
}

export function TaskExample({ task }: { task: Task }) {
  switch (task) {
    case 'pose':
      return <PoseExample />;
    case 'grasp':
      return <GraspExample />;
    case 'trajectory':
      return <TrajectoryExample />;
    case 'rearrangement':
      return <RearrangementExample />;
    case 'spatial':
      return <YesNoExample text="left/right/above/below as seen in the image" />;
    case 'depth':
      return <YesNoExample text="closer/farther: distance from the camera" />;
  }
}

export const TASK_INSTRUCTIONS: Record<Task, { title: string; steps: string[] }> = {
  pose: {
    title: 'Object pose: the 3D box around an object',
    steps: [
      'Click on the table where the object stands: a box appears there. Drag the box to move it.',
      'The box starts at the object\'s real size. Turn it with the ◆ handle on the table (keys [ and ]); T rests it on another face (a box lying down); tilt it with the ▲ handle; drag the round dots to fit its width, depth and height.',
      'The shaded outline under the box is its footprint on the table: line it up with where the object touches the table. After the practice question you are told what is off (too tall, too far, turned).',
      'Images without a known camera: drag the front face, pull out the back face, then drag any corner.',
      'Corners 0–3 are the bottom face (solid orange), 4–7 the top face (dashed blue); the tool orders them for you.',
    ],
  },
  grasp: {
    title: 'Grasp: where a two-finger gripper should close',
    steps: [
      'Press at the grasp center on the object and drag to where the right finger closes: that sets the closing direction and the opening.',
      'Drag the center to move the grasp, either finger base to turn or open it, the tip handle for the finger length.',
      'Looking from the palm toward the tips, the left finger (vermillion, marked L) is on your left.',
    ],
  },
  trajectory: {
    title: 'Trajectory: a path for moving an object',
    steps: [
      'Click waypoints from the object to move to its target; the first point on the object, the last on the target.',
      'Drag a point to move it, click on a segment to insert one, select and press Delete to remove one.',
    ],
  },
  rearrangement: {
    title: 'Rearrangement: what must be moved first',
    steps: ['Click one marker on each object that must be moved before the target can be grasped.', 'Drag to adjust; select and press Delete to remove.'],
  },
  spatial: { title: 'Spatial relation', steps: ['Answer Yes or No (keys Y and N), as seen in the image.'] },
  depth: { title: 'Relative depth', steps: ['Answer Yes or No (keys Y and N): which object is closer to the camera.'] },
};
