import { importDataset } from '../../services/importDataset';
import { parseCommandArgs, requireOption } from '../args';
import { cliDatabase, DB_OPTION_HELP } from '../db';

export const usage = `usage: bopask import --dataset FILE.jsonl [--images DIR] [--practice] [--db FILE]
Imports a dataset (FORMAT.md) and its images into the database. All-or-nothing: every line and image is
checked first; a bad line is reported with its number and field and nothing is imported.
  --dataset FILE      the dataset, one question a line
  --images DIR        the folder image paths are relative to (default: the dataset's folder)
  --practice          import into the practice pool (shown to contributors for training, never scored)
${DB_OPTION_HELP}
  Images are copied to $IMAGES_DIR (default ./data/images).`;

export async function run(argv: string[]): Promise<void> {
  const { values } = parseCommandArgs(
    argv,
    { dataset: { type: 'string' }, images: { type: 'string' }, practice: { type: 'boolean' }, db: { type: 'string' } },
    usage,
  );
  const datasetPath = requireOption(values.dataset, 'dataset', usage);
  const { db, imagesDir } = cliDatabase(values.db, { mayCreate: true });
  const report = await importDataset(db, {
    datasetPath,
    imagesRoot: values.images,
    imagesDir,
    pool: values.practice ? 'practice' : 'benchmark',
  });
  process.stdout.write(`imported ${report.inserted} new question(s), ${report.unchanged} unchanged, ${report.total} in the file\n`);
}
