/**
 * The synthetic scenes' object catalogue: household and grocery objects with real sizes (mm), in the
 * shapes their names promise (boxes, cans, bottles with a neck and cap, jars with a lid, a mug with a
 * handle, a bowl), in the colours their descriptions give (a label's background is the product's
 * colour where the description names one: the red ketchup bottle's label is red), and with a printed
 * label (the product's name and a pictogram) so that a person can find "the tuna can" from the
 * question's words alone.
 * The names, descriptions and categories are written to objects.json. obj_id = index + 1.
 */
import type { PictogramName } from './pictograms';

export type Rgb = [number, number, number];

/** Upright round shapes share the lathe mesh (synth/shapes.ts); only boxes have corners. */
export type ShapeKind = 'box' | 'can' | 'bottle' | 'jar' | 'mug' | 'bowl';

export interface PrintedLabel {
  /** The product's name as printed, e.g. "TOMATO SOUP". */
  text: string;
  pictogram: PictogramName;
  /** Label background; `lower`, when given, is the background of its lower half (a two-tone can). */
  bg: Rgb;
  lower?: Rgb;
  /** Text colour. */
  ink: Rgb;
}

export interface CatalogueEntry {
  name: string;
  description: string;
  category: string;
  shape: ShapeKind;
  /**
   * Box: x, y, z extents. Round shapes: diameter, diameter, height (axis = model z); a mug's x extent
   * includes its handle (on +x). mm.
   */
  size: [number, number, number];
  body: Rgb;
  /** Lid, cap or top colour (a mug's and a bowl's inside). */
  cap: Rgb;
  label?: PrintedLabel;
}

type Size = [number, number, number];
const lbl = (text: string, pictogram: PictogramName, bg: Rgb, ink: Rgb, lower?: Rgb): PrintedLabel => ({ text, pictogram, bg, ink, lower });
const box = (name: string, description: string, category: string, size: Size, body: Rgb, label: PrintedLabel, cap: Rgb = body): CatalogueEntry =>
  ({ name, description, category, shape: 'box', size, body, cap, label });
const round = (shape: ShapeKind, name: string, description: string, category: string, diameter: number, height: number,
  body: Rgb, cap: Rgb, label?: PrintedLabel): CatalogueEntry =>
  ({ name, description, category, shape, size: [diameter, diameter, height], body, cap, label });

const WHITE: Rgb = [245, 245, 240];
const CREAM: Rgb = [248, 240, 215];
const RED: Rgb = [200, 30, 30];

export const CATALOGUE: readonly CatalogueEntry[] = [
  box('cereal box', 'a tall yellow box of honey oat cereal with a red label', 'box', [190, 70, 280], [235, 190, 40], lbl('HONEY OATS', 'wheat', RED, [255, 230, 120])),
  box('cracker box', 'a red box of cheese crackers with a yellow stripe', 'box', [160, 60, 210], [200, 30, 30], lbl('CRACKERS', 'cracker', [250, 210, 60], [170, 20, 20])),
  box('sugar box', 'a small white box of cane sugar with a blue band', 'box', [90, 40, 175], [240, 240, 235], lbl('SUGAR', 'cube', [40, 90, 200], WHITE)),
  box('tea box', 'a green box of herbal tea bags', 'box', [125, 70, 75], [60, 150, 70], lbl('HERBAL TEA', 'leaf', CREAM, [30, 100, 40])),
  box('spaghetti box', 'a long blue box of whole wheat spaghetti', 'box', [260, 60, 40], [40, 70, 170], lbl('SPAGHETTI', 'pasta', [40, 70, 170], WHITE)),
  box('tissue box', 'a light blue box of facial tissues', 'box', [230, 120, 90], [150, 200, 235], lbl('TISSUES', 'cloud', [150, 200, 235], [20, 60, 140]), [255, 255, 255]),
  box('milk carton', 'a white carton of milk with a blue top', 'carton', [70, 70, 195], [245, 245, 245], lbl('MILK', 'drop', WHITE, [40, 90, 200]), [60, 110, 220]),
  box('juice carton', 'an orange carton of orange juice', 'carton', [95, 60, 190], [250, 140, 30], lbl('ORANGE JUICE', 'orange', [250, 140, 30], WHITE)),
  box('butter pack', 'a flat golden pack of salted butter', 'box', [120, 65, 35], [245, 210, 90], lbl('BUTTER', 'butter', [245, 210, 90], [170, 30, 30])),
  box('popcorn box', 'a purple box of microwave popcorn', 'box', [110, 55, 160], [120, 50, 150], lbl('POPCORN', 'popcorn', [120, 50, 150], [250, 220, 60])),
  round('can', 'soup can', 'a red and white can of tomato soup', 'can', 67, 102, RED, [180, 180, 185], lbl('TOMATO SOUP', 'tomato', RED, WHITE, WHITE)),
  round('can', 'tuna can', 'a small flat can of tuna with a blue label', 'can', 85, 34, [40, 80, 180], [190, 190, 195], lbl('TUNA', 'fish', [40, 80, 180], WHITE)),
  round('can', 'coffee can', 'a large dark blue can of ground coffee', 'can', 102, 140, [20, 40, 110], [60, 60, 60], lbl('COFFEE', 'coffee', [20, 40, 110], [235, 205, 120])),
  round('can', 'soda can', 'a green can of lemon-lime soda', 'can', 66, 122, [50, 170, 60], [200, 200, 205], lbl('LEMON LIME', 'lemon', [50, 170, 60], WHITE)),
  round('can', 'chips can', 'a tall red tube of potato chips', 'can', 75, 250, [190, 20, 40], [250, 250, 250], lbl('POTATO CHIPS', 'chip', [190, 20, 40], [250, 205, 60])),
  round('bottle', 'mustard bottle', 'a yellow bottle of mustard with a white cap', 'bottle', 60, 190, [240, 200, 20], [245, 245, 245], lbl('MUSTARD', 'seed', [240, 200, 20], [180, 30, 20])),
  round('bottle', 'water bottle', 'a clear blue bottle of spring water', 'bottle', 65, 220, [140, 195, 235], [30, 60, 160], lbl('SPRING WATER', 'drop', [30, 90, 200], WHITE)),
  round('bottle', 'ketchup bottle', 'a red squeezable bottle of ketchup', 'bottle', 70, 200, [180, 20, 20], [245, 245, 245], lbl('KETCHUP', 'tomato', [180, 20, 20], WHITE)),
  round('jar', 'peanut butter jar', 'a brown jar of peanut butter with a red lid', 'jar', 85, 110, [160, 110, 60], [200, 30, 30], lbl('PEANUT BUTTER', 'peanut', [150, 100, 55], CREAM)),
  round('jar', 'parmesan container', 'a green cylindrical container of grated Parmesan cheese', 'jar', 70, 150, [30, 110, 60], [30, 110, 60], lbl('PARMESAN', 'cheese', [30, 110, 60], CREAM)),
  // The mug's x extent holds its handle: an 82 mm body and a handle reaching 26 mm out.
  { name: 'mug', description: 'a white ceramic mug with a handle', category: 'mug', shape: 'mug', size: [108, 82, 95], body: [238, 238, 232], cap: [200, 200, 195] },
  round('jar', 'candle', 'a pink scented candle in a glass jar', 'jar', 75, 90, [240, 150, 180], [250, 250, 250], lbl('CANDLE', 'flower', [245, 195, 215], [170, 40, 90])),
  round('bowl', 'bowl', 'a blue ceramic bowl', 'bowl', 150, 60, [50, 100, 190], [120, 165, 225]),
];

/** objects.json content: obj_id → name, description, category. */
export function objectsJson(): Record<string, { name: string; description: string; category: string }> {
  const out: Record<string, { name: string; description: string; category: string }> = {};
  CATALOGUE.forEach((e, i) => {
    out[String(i + 1)] = { name: e.name, description: e.description, category: e.category };
  });
  return out;
}

/** models_info.json content: bounding boxes centred on the model origin, as BOP writes them. */
export function modelsInfoJson(): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  CATALOGUE.forEach((e, i) => {
    const [sx, sy, sz] = e.size;
    out[String(i + 1)] = {
      diameter: Math.hypot(sx, sy, sz),
      min_x: -sx / 2, min_y: -sy / 2, min_z: -sz / 2,
      size_x: sx, size_y: sy, size_z: sz,
    };
  });
  return out;
}
