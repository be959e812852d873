import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, DatamodelSnapshot, dropDatabase, findSchemaDrift } from '../src/prisma';
import { testDatabaseUrl } from '../src/testing';

function migrationsFolder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mediq-migrations-'));
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

const CREATE_PATIENTS = `CREATE TABLE \`patients\` (
  \`id\` CHAR(36) NOT NULL,
  \`nikHash\` CHAR(64) NOT NULL,
  \`name\` VARCHAR(100) NULL,
  \`status\` ENUM('ACTIVE', 'GONE') NOT NULL DEFAULT 'ACTIVE',
  UNIQUE INDEX \`patients_nikHash_key\`(\`nikHash\`),
  PRIMARY KEY (\`id\`)
) DEFAULT CHARACTER SET utf8mb4;`;

/** The datamodel Prisma would produce for the table above. */
function patientsDatamodel(extraFields: DatamodelSnapshot['models'][number]['fields'] = []): DatamodelSnapshot {
  return {
    enums: [{ name: 'Status', values: [{ name: 'ACTIVE', dbName: null }, { name: 'GONE', dbName: null }] }],
    models: [
      {
        name: 'Patient',
        dbName: 'patients',
        fields: [
          { name: 'id', kind: 'scalar', type: 'String', isRequired: true, isList: false, nativeType: ['Char', ['36']] },
          { name: 'nikHash', kind: 'scalar', type: 'String', isRequired: true, isList: false, nativeType: ['Char', ['64']] },
          { name: 'name', kind: 'scalar', type: 'String', isRequired: false, isList: false, nativeType: ['VarChar', ['100']] },
          { name: 'status', kind: 'enum', type: 'Status', isRequired: true, isList: false },
          ...extraFields,
        ],
      },
    ],
    indexes: [
      { model: 'Patient', type: 'id', fields: [{ name: 'id' }] },
      { model: 'Patient', type: 'unique', fields: [{ name: 'nikHash' }] },
    ],
  };
}

describe('applyMigrations', () => {
  const urls: string[] = [];
  const freshUrl = () => {
    const url = testDatabaseUrl('migrator');
    urls.push(url);
    return url;
  };
  afterAll(() => Promise.all(urls.map(dropDatabase)));

  it('applies pending migrations in order and records them in _prisma_migrations', async () => {
    const url = freshUrl();
    const dir = migrationsFolder({
      '20260101000000_init': CREATE_PATIENTS,
      '20260102000000_add_index': 'CREATE INDEX `patients_name_idx` ON `patients`(`name`);',
    });
    const first = await applyMigrations(url, dir);
    expect(first.applied).toEqual(['20260101000000_init', '20260102000000_add_index']);
    const second = await applyMigrations(url, dir);
    expect(second).toMatchObject({ applied: [], alreadyApplied: ['20260101000000_init', '20260102000000_add_index'] });
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const url = freshUrl();
    const dir = migrationsFolder({ '20260101000000_init': CREATE_PATIENTS });
    await applyMigrations(url, dir);
    writeFileSync(join(dir, '20260101000000_init', 'migration.sql'), `${CREATE_PATIENTS}\n-- edited`);
    await expect(applyMigrations(url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it('reports a failing migration and refuses to continue past it', async () => {
    const url = freshUrl();
    const dir = migrationsFolder({ '20260101000000_broken': 'CREATE TABLE nonsense (' });
    await expect(applyMigrations(url, dir)).rejects.toThrow(/20260101000000_broken failed/);
    await expect(applyMigrations(url, dir)).rejects.toThrow(/failed earlier/);
  });
});

describe('findSchemaDrift', () => {
  const url = testDatabaseUrl('drift');
  beforeAll(() => applyMigrations(url, migrationsFolder({ '20260101000000_init': CREATE_PATIENTS })));
  afterAll(() => dropDatabase(url));

  it('finds nothing when the database matches the datamodel', async () => {
    expect(await findSchemaDrift(url, patientsDatamodel())).toEqual([]);
  });

  it('names a field that was added to the schema without a migration', async () => {
    const drift = await findSchemaDrift(
      url,
      patientsDatamodel([{ name: 'phone', kind: 'scalar', type: 'String', isRequired: false, isList: false }]),
    );
    expect(drift).toEqual(['patients.phone (field Patient.phone) is missing']);
  });

  it('notices nullability, type, length, enum and index differences', async () => {
    const model = patientsDatamodel();
    const fields = model.models[0].fields as unknown as Array<Record<string, unknown>>;
    fields[2] = { ...fields[2], isRequired: true, nativeType: ['VarChar', ['50']] };
    fields[1] = { ...fields[1], type: 'Int', nativeType: null };
    model.enums[0].values.push({ name: 'BANNED', dbName: null });
    model.indexes.push({ model: 'Patient', type: 'normal', fields: [{ name: 'name' }] });
    const drift = await findSchemaDrift(url, model);
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/patients\.name is NULL but the schema says required/),
        expect.stringMatching(/patients\.name has length 100 but @db\.VarChar\(50\)/),
        expect.stringMatching(/patients\.nikHash is char\(64\) but field type Int/),
        expect.stringMatching(/patients\.status is enum\('ACTIVE','GONE'\) but enum Status/),
        expect.stringMatching(/normal index on patients\(name\) is missing/),
      ]),
    );
  });

  it('notices tables and columns that exist only in the database', async () => {
    const model = patientsDatamodel();
    model.models[0].fields = model.models[0].fields.filter((field) => field.name !== 'name');
    expect(await findSchemaDrift(url, model)).toEqual(['patients.name exists in the database but not in model Patient']);
    expect(await findSchemaDrift(url, { enums: [], models: [], indexes: [] })).toEqual([
      'table patients exists in the database but not in the schema',
    ]);
  });
});
