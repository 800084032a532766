import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => path.join(repo, 'server/cli/fixtures/score', name);

function bopask(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin/bopask.js'), 'score', ...args], { cwd: repo, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Hand-checked (see fixtures/score): Human averages annotators a and b on s1 (1 and 0 → 0.5) and on g1
// (NCE 0 and 0.5 → 0.25: b's points are 10 px off in a 1000 px image with a 20 px gripper); GPT's grasp
// text is unreadable (invalid → inf); GPT's path starts 50 px from the truth (r = 73.4 px → success).
const EXPECTED_MD = `| Source | Pose IoU 3D ↑ | Pose IoU 2D ↑ | Traj. SR ↑ | Dist. Err. ↓ | Grasp NCE ↓ | Spatial SR ↑ | Rel. Depth SR ↑ | Rearr. Recall ↑ | Rearr. Precision ↑ |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Human | 100.0 | 100.0 | 100.0 | 0.0 | 0.25 | 75.0 | 100.0 | 50.0 | 100.0 |
| GPT | – | – | 100.0 | 50.0 | inf | 50.0 | 0.0 | 100.0 | 66.7 |
| Tiny | – | – | – | – | – | 0.0 | – | – | – |

- GPT, Grasp NCE: inf; over valid answers –, 1 invalid
`;

describe('bopask score (end to end)', () => {
  const dataset = fixture('dataset.jsonl');
  const predictions = [fixture('predictions.jsonl'), fixture('tiny.jsonl')];

  it('prints the hand-checked Markdown table and nothing else', () => {
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--predictions', predictions[1]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED_MD);
  });

  it('prints FORMAT.md JSON with counts, and per-question means', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'bopask-score-')), 'pq.jsonl');
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--format', 'json', '--per-question', out);
    expect(r.code).toBe(0);
    const { rows } = JSON.parse(r.stdout);
    expect(rows.map((x: { source: string }) => x.source)).toEqual(['Human', 'GPT']);
    expect(rows[0].pose_iou3d).toBeCloseTo(100, 1);
    expect(rows[0]).toMatchObject({ spatial_sr: 75, grasp_nce: 0.25, rearr_recall: 50, rearr_precision: 100 });
    expect(rows[0].counts.spatial).toEqual({ questions: 2, responses: 3, invalid: 0 });
    expect(rows[1]).toMatchObject({ grasp_nce: 'inf', pose_iou3d: null, traj_dist: 50 });
    expect(rows[1].counts.grasp).toEqual({ questions: 1, responses: 1, invalid: 1 });
    const perQuestion = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(perQuestion).toContainEqual({ id: 's1', source: 'Human', task: 'spatial', responses: 2, invalid: 0, correct: 0.5 });
    expect(perQuestion).toContainEqual({ id: 'g1', source: 'GPT', task: 'grasp', responses: 1, invalid: 1, nce: 'inf' });
  });

  it('prints LaTeX with the best model value bold and the second underlined', () => {
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--predictions', predictions[1], '--format', 'latex');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GPT & -- & -- & \\textbf{100.0} & \\textbf{50.0} & inf & \\textbf{50.0} & \\textbf{0.0}');
    expect(r.stdout).toContain('Tiny & -- & -- & -- & -- & -- & \\underline{0.0}');
  });

  it('rejects a malformed line with exit 2, file:line on stderr and nothing on stdout', () => {
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--predictions', fixture('malformed.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('malformed.jsonl:3: not valid JSON');
  });

  it('lists every bad line (blank source, repeats also across files, unknown id), not just the first', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'bopask-score-')), 'bad.jsonl');
    const lines = [
      { id: 's1', source: 'M', output: 'Yes' },
      { id: 's1', source: '  ', output: 'Yes' },
      { id: 's1', source: 'M ', output: 'No' },
      { id: 'zz', source: 'M', output: 'No' },
      { id: 's1', source: 'Human', annotator: 'a', output: 'No' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--predictions', file);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('4 bad line(s); nothing was scored:');
    expect(r.stderr).toContain(`${file}:2: field source: expected a non-empty string`);
    expect(r.stderr).toContain(`${file}:3: a second answer to 's1' from M (the first is at line 1)`);
    expect(r.stderr).toContain(`${file}:4: field id: 'zz' is not in the dataset`);
    expect(r.stderr).toContain(`${file}:5: a second answer to 's1' from Human (annotator a) (the first is at ${predictions[0]}:1)`);
  });

  it('refuses a --per-question path it cannot write before scoring anything (exit 2, the path named)', () => {
    const out = '/nonexistent/dir/x.jsonl';
    // The malformed predictions would be reported if scoring had started.
    const r = bopask('--dataset', dataset, '--predictions', fixture('malformed.jsonl'), '--per-question', out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`bopask: BAD_INPUT: --per-question ${out}: no folder /nonexistent/dir\n`);
    const dir = mkdtempSync(path.join(tmpdir(), 'bopask-score-'));
    const asFolder = bopask('--dataset', dataset, '--predictions', predictions[0], '--per-question', dir);
    expect(asFolder.code).toBe(2);
    expect(asFolder.stderr).toContain(`--per-question ${dir}: is a folder`);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a line that is not a prediction, and an unknown format', () => {
    expect(bopask('--dataset', dataset, '--predictions', dataset).stderr).toContain('dataset.jsonl:1: field source');
    const r = bopask('--dataset', dataset, '--predictions', predictions[0], '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
