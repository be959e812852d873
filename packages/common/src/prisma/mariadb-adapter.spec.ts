import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

describe('createMariaDbAdapter (text protocol)', () => {
  // The text protocol rounds large DECIMAL values (prisma/prisma#29160): it is used only while no schema has one.
  it('is used only while no service schema has a Decimal column', () => {
    const services = path.resolve(__dirname, '../../../../services');
    let read = 0;
    const decimals = readdirSync(services).flatMap((service) => {
      const file = path.join(services, service, 'src/generated/datamodel.json');
      let datamodel: { models: Array<{ name: string; fields: Array<{ name: string; type: string }> }> };
      try {
        datamodel = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return [];
      }
      read++;
      return datamodel.models.flatMap((model) => model.fields.filter((field) => field.type === 'Decimal').map((field) => `${service}: ${model.name}.${field.name}`));
    });
    expect(read).toBe(4); // user, institution, patient-queue, ocr
    expect(decimals).toEqual([]);
  });
});
