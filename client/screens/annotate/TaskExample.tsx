/**
 * The example picture shown with each task's first-time instruction: the conventions a contributor
 * must learn (corner order, which finger is left, path direction), drawn as SVG.
 */
import type { Task } from '../../../shared/answers';

const INK = '#1d2330';
const BLUE = '#0072B2';
const ORANGE = '#E69F00';
const GREEN = '#009E73';

function PoseExample() {
  // A box in perspective; 0–3 the face on the table (blue), 4–7 the top face (orange), i joined to i+4.
  const p = [[60, 150], [170, 165], [215, 130], [110, 118], [60, 70], [170, 85], [215, 50], [110, 38]];
  const face = (ids: number[]) => ids.map((i) => p[i].join(',')).join(' ');
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A box with its eight corners numbered">
      <polygon points={face([0, 1, 2, 3])} fill="none" stroke={BLUE} strokeWidth="3" />
      <polygon points={face([4, 5, 6, 7])} fill="none" stroke={ORANGE} strokeWidth="3" />
      {[0, 1, 2, 3].map((i) => (
        <line key={i} x1={p[i][0]} y1={p[i][1]} x2={p[i + 4][0]} y2={p[i + 4][1]} stroke={INK} strokeWidth="1.5" strokeDasharray="4 3" />
      ))}
      {p.map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill="#fff" stroke={i < 4 ? BLUE : ORANGE} strokeWidth="2" />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle" fill={INK}>
            {i}
          </text>
        </g>
      ))}
      <text x="232" y="150" fontSize="11" fill={BLUE}>bottom face</text>
      <text x="225" y="45" fontSize="11" fill={ORANGE}>top face</text>
    </svg>
  );
}

function GraspExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A parallel gripper with its five points">
      <rect x="105" y="95" width="70" height="60" rx="8" fill="#dfe6ee" stroke={INK} />
      <line x1="100" y1="120" x2="180" y2="120" stroke={INK} strokeWidth="3" />
      <line x1="100" y1="120" x2="100" y2="60" stroke={BLUE} strokeWidth="5" />
      <line x1="180" y1="120" x2="180" y2="60" stroke={ORANGE} strokeWidth="5" />
      <circle cx="140" cy="120" r="6" fill={GREEN} />
      <text x="148" y="138" fontSize="11">center</text>
      <text x="20" y="124" fontSize="11" fill={BLUE}>left base</text>
      <text x="30" y="62" fontSize="11" fill={BLUE}>left tip</text>
      <text x="188" y="124" fontSize="11" fill={ORANGE}>right base</text>
      <text x="188" y="62" fontSize="11" fill={ORANGE}>right tip</text>
      <text x="60" y="180" fontSize="11" fill={INK}>fingers point toward the object; left is on your left</text>
    </svg>
  );
}

function TrajectoryExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="A path from the source object to the target">
      <rect x="20" y="120" width="50" height="40" fill="#f2d7a6" stroke={INK} />
      <rect x="210" y="40" width="50" height="40" fill="#bfe3d4" stroke={INK} />
      <polyline points="45,140 90,80 170,60 235,60" fill="none" stroke={BLUE} strokeWidth="3" markerEnd="url(#arrow)" />
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" fill={BLUE} />
        </marker>
      </defs>
      {[[45, 140], [90, 80], [170, 60], [235, 60]].map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r="5" fill="#fff" stroke={BLUE} strokeWidth="2" />
      ))}
      <text x="18" y="178" fontSize="11">start on the object to move</text>
      <text x="180" y="100" fontSize="11">end on the target</text>
    </svg>
  );
}

function RearrangementExample() {
  return (
    <svg viewBox="0 0 280 190" width="280" height="190" role="img" aria-label="Markers on the objects that must be moved first">
      <rect x="110" y="70" width="60" height="60" fill="#cfd8e3" stroke={INK} />
      <text x="118" y="104" fontSize="11">target</text>
      <rect x="60" y="60" width="40" height="80" fill="#f2d7a6" stroke={INK} />
      <rect x="180" y="75" width="40" height="50" fill="#f2d7a6" stroke={INK} />
      <rect x="200" y="150" width="50" height="30" fill="#e8e8e8" stroke={INK} />
      {[[80, 100], [200, 100]].map(([x, y], i) => (
        <g key={i}>
          <circle cx={x} cy={y} r="9" fill={ORANGE} stroke={INK} />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle">{i + 1}</text>
        </g>
      ))}
      <text x="10" y="30" fontSize="11">one marker on each object blocking the grasp,</text>
      <text x="10" y="44" fontSize="11">none on objects that are out of the way</text>
    </svg>
  );
}

function YesNoExample({ text }: { text: string }) {
  return (
    <svg viewBox="0 0 280 120" width="280" height="120" role="img" aria-label="Answer with Yes or No">
      <rect x="40" y="40" width="80" height="40" rx="8" fill={GREEN} />
      <text x="80" y="65" fontSize="15" fill="#fff" textAnchor="middle">Yes (Y)</text>
      <rect x="160" y="40" width="80" height="40" rx="8" fill="#c0362c" />
      <text x="200" y="65" fontSize="15" fill="#fff" textAnchor="middle">No (N)</text>
      <text x="140" y="105" fontSize="11" textAnchor="middle">{text}</text>
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
      'Turn it with the ◆ handle on the table (keys [ and ]), tilt it with the ▲ handle (T lays it on its side), and drag the round dots to fit its width, depth and height.',
      'Images without a known camera: drag the front face, pull out the back face, then drag any corner.',
      'Corners 0–3 are the bottom face, 4–7 the top face; the tool orders them for you.',
    ],
  },
  grasp: {
    title: 'Grasp: where a two-finger gripper should close',
    steps: [
      'Press at the grasp center on the object and drag to where the right finger closes: that sets the closing direction and the opening.',
      'Drag the center to move the grasp, either finger base to turn or open it, the tip handle for the finger length.',
      'Looking from the palm toward the tips, the left finger is on your left.',
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
