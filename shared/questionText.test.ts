import { describe, expect, it } from 'vitest';
import { humanQuestion, textForPeople, TRAJECTORY_DIRECTION } from './questionText';

// The six sample questions of the paper's Table 6, as printed (with its "[].." and its spacing).
const PAPER: [string, string][] = [
  [
    'Locate the cuboid corners of the squeezable bottle of mayonnaise, output its bbox coordinates using JSON format. ' +
      'The coordinates should obey the limits of the image, and thus x coordinate should be between (0, 1920) and y coordinate should be between (0, 1080).',
    'Locate the cuboid corners of the squeezable bottle of mayonnaise.',
  ],
  [
    'What are the five 2D points in image pixel space that outline the grasp plane for the bottle of tangy BBQ sauce? ' +
      'Your response should be as Grasp center: [], Left finger base: [], Right finger base: [], Left finger tip: [], Right finger tip: []., ' +
      'output its coordinates in XML format <points x y>object</points>. Output nothing else. The coordinates should obey the limits of the image, ' +
      'and thus x coordinate should be between (0, 1280) and y coordinate should be between (0, 720).',
    'What are the five 2D points in image pixel space that outline the grasp plane for the bottle of tangy BBQ sauce?',
  ],
  [
    'What is the 2D pixel path to move the rightmost instance of the box of raisins to the location of the cylindrical container of grated Parmesan cheese? ' +
      'Your response should be a list of 2D points that show the path from target object to goal object in that order path: []., ' +
      'output its coordinates in XML format <points x y>object</points>. Output nothing else. The coordinates should obey the limits of the image, ' +
      'and thus x coordinate should be between (0, 1920) and y coordinate should be between (0, 1080).',
    'What is the 2D pixel path to move the rightmost instance of the box of raisins to the location of the cylindrical container of grated Parmesan cheese? ' +
      TRAJECTORY_DIRECTION,
  ],
  [
    'Which objects should be moved first to create space for grabbing the box of organic whole wheat spaghetti? ' +
      'Your response should be a list of 2D points which mark the objects you need to move as object markers: [].. ' +
      'Output all the object coordinates in JSON format. The coordinates should obey the limits of the image, ' +
      'and thus x coordinate should be between (0, 1920) and y coordinate should be between (0, 1080).',
    'Which objects should be moved first to create space for grabbing the box of organic whole wheat spaghetti?',
  ],
  [
    'Is the box of microwave popcorn, designed for convenient preparation of popcorn in a microwave, to the left of the cylindrical container of grated Parmesan cheese?',
    'Is the box of microwave popcorn, designed for convenient preparation of popcorn in a microwave, to the left of the cylindrical container of grated Parmesan cheese?',
  ],
  [
    'Is the cooking spoon with green heads and light wooden handles farther from the camera than the whisk with a black handle and yellow wires? ' +
      'Your response should be a single word: yes or no.',
    'Is the cooking spoon with green heads and light wooden handles farther from the camera than the whisk with a black handle and yellow wires?',
  ],
];

describe('humanQuestion', () => {
  it.each(PAPER)('strips the answer format from the paper template %#', (prompt, human) => {
    expect(humanQuestion(prompt)).toBe(human);
  });

  it('leaves no model-only phrase in any paper template', () => {
    for (const [prompt] of PAPER) {
      expect(humanQuestion(prompt)).not.toMatch(/output|XML|JSON|coordinates should|Your response|<points|goal object/i);
    }
  });

  it('keeps decimal limits, extra spaces and line breaks out of the result', () => {
    const q = 'Locate the cuboid corners of the mug,  output its bbox coordinates using JSON format.\n' +
      'The coordinates should obey the limits of the image, and thus x coordinate should be between (0, 1279.5) and y coordinate should be between (0, 719.5).';
    expect(humanQuestion(q)).toBe('Locate the cuboid corners of the mug.');
  });

  it('keeps text it does not recognise, and the prompt when only format would be left', () => {
    expect(humanQuestion('Is the mug left of the can?')).toBe('Is the mug left of the can?');
    expect(humanQuestion('  Point at the mug.  ')).toBe('Point at the mug.');
    expect(humanQuestion('Output nothing else.')).toBe('Output nothing else.');
  });
});

describe('textForPeople', () => {
  it('prefers question_human and falls back to the stripped prompt', () => {
    const question = PAPER[0][0];
    expect(textForPeople({ question, question_human: 'Find the mayonnaise bottle’s box.' })).toBe('Find the mayonnaise bottle’s box.');
    expect(textForPeople({ question })).toBe(PAPER[0][1]);
  });
});
