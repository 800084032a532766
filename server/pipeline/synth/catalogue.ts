/**
 * The synthetic scenes' object catalogue: household and grocery objects approximated as boxes and
 * cylinders with real sizes (mm), two colours (body and label band) so that a person can tell them
 * apart, and the names, descriptions and categories written to objects.json. obj_id = index + 1.
 */
export type Rgb = [number, number, number];

export interface CatalogueEntry {
  name: string;
  description: string;
  category: string;
  shape: 'box' | 'cylinder';
  /** Box: x, y, z extents. Cylinder: diameter, diameter, height (axis = model z). mm. */
  size: [number, number, number];
  body: Rgb;
  band: Rgb;
  /** Lid/cap colour (cylinders) or top colour (boxes). */
  cap: Rgb;
}

const box = (name: string, description: string, category: string, size: [number, number, number],
  body: Rgb, band: Rgb, cap: Rgb = body): CatalogueEntry => ({ name, description, category, shape: 'box', size, body, band, cap });
const cyl = (name: string, description: string, category: string, diameter: number, height: number,
  body: Rgb, band: Rgb, cap: Rgb): CatalogueEntry =>
  ({ name, description, category, shape: 'cylinder', size: [diameter, diameter, height], body, band, cap });

export const CATALOGUE: readonly CatalogueEntry[] = [
  box('cereal box', 'a tall yellow box of honey oat cereal with a red label', 'box', [190, 70, 280], [235, 190, 40], [200, 40, 40]),
  box('cracker box', 'a red box of cheese crackers with a yellow stripe', 'box', [160, 60, 210], [200, 30, 30], [250, 210, 60]),
  box('sugar box', 'a small white box of cane sugar with a blue band', 'box', [90, 40, 175], [240, 240, 235], [40, 90, 200]),
  box('tea box', 'a green box of herbal tea bags', 'box', [125, 70, 75], [60, 150, 70], [240, 230, 200]),
  box('spaghetti box', 'a long blue box of whole wheat spaghetti', 'box', [260, 60, 40], [40, 70, 170], [250, 250, 250]),
  box('tissue box', 'a light blue box of facial tissues', 'box', [230, 120, 90], [150, 200, 235], [255, 255, 255]),
  box('milk carton', 'a white carton of milk with a blue top', 'carton', [70, 70, 195], [245, 245, 245], [60, 110, 220], [60, 110, 220]),
  box('juice carton', 'an orange carton of orange juice', 'carton', [95, 60, 190], [250, 140, 30], [80, 160, 40], [250, 250, 250]),
  box('butter pack', 'a flat golden pack of salted butter', 'box', [120, 65, 35], [245, 210, 90], [180, 40, 40]),
  box('popcorn box', 'a purple box of microwave popcorn', 'box', [110, 55, 160], [120, 50, 150], [250, 220, 60]),
  cyl('soup can', 'a red and white can of tomato soup', 'can', 67, 102, [200, 30, 30], [245, 245, 240], [180, 180, 185]),
  cyl('tuna can', 'a small flat can of tuna with a blue label', 'can', 85, 34, [40, 80, 180], [230, 230, 230], [190, 190, 195]),
  cyl('coffee can', 'a large dark blue can of ground coffee', 'can', 102, 140, [20, 40, 110], [230, 200, 120], [60, 60, 60]),
  cyl('soda can', 'a green can of lemon-lime soda', 'can', 66, 122, [50, 170, 60], [240, 240, 240], [200, 200, 205]),
  cyl('chips can', 'a tall red tube of potato chips', 'can', 75, 250, [190, 20, 40], [250, 200, 60], [250, 250, 250]),
  cyl('mustard bottle', 'a yellow bottle of mustard with a white cap', 'bottle', 60, 190, [240, 200, 20], [40, 100, 40], [245, 245, 245]),
  cyl('water bottle', 'a clear blue bottle of spring water', 'bottle', 65, 220, [120, 180, 230], [30, 90, 200], [30, 60, 160]),
  cyl('ketchup bottle', 'a red squeezable bottle of ketchup', 'bottle', 70, 200, [180, 20, 20], [245, 245, 245], [245, 245, 245]),
  cyl('peanut butter jar', 'a brown jar of peanut butter with a red lid', 'jar', 85, 110, [160, 110, 60], [245, 235, 210], [200, 30, 30]),
  cyl('parmesan container', 'a green cylindrical container of grated Parmesan cheese', 'jar', 70, 150, [30, 110, 60], [250, 245, 220], [30, 110, 60]),
  cyl('mug', 'a white ceramic mug', 'mug', 82, 95, [235, 235, 230], [235, 235, 230], [90, 60, 40]),
  cyl('candle', 'a pink scented candle in a glass jar', 'jar', 75, 90, [240, 150, 180], [250, 250, 250], [240, 150, 180]),
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
