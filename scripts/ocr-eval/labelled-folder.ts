import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Ground truth in the labelled-folder format: one JSON per image, fields as printed (dates DD-MM-YYYY). */
export interface LabelledCard {
  name: string;
  imagePath: string;
  /** `KTP`, `SIM`, `OTHER`, or `NONE` for a photo without a card. */
  cardType: string;
  fields: Record<string, string> | null;
}

export function readLabelledFolder(dir: string): LabelledCard[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const label = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const imageName: string = label.image ?? file.replace(/\.json$/, '.jpg');
      return {
        name: file.replace(/\.json$/, ''),
        imagePath: path.join(dir, imageName),
        cardType: label.cardType ?? 'KTP',
        fields: label.fields ?? null,
      };
    });
}
