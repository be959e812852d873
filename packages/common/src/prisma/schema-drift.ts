import { createConnection } from 'mariadb';
import { parseDatabaseUrl } from './database-url';

/**
 * Compares a migrated database with the Prisma datamodel (the JSON snapshot written by
 * bin/prisma-datamodel-generator.js during `prisma generate`). Every model, column, type family,
 * nullability, primary key, unique constraint, index and foreign key must match, and nothing
 * extra may exist. Returns one readable line per difference; empty means in sync.
 */
export interface DatamodelSnapshot {
  models: DatamodelModel[];
  enums: Array<{ name: string; values: Array<{ name: string; dbName: string | null }> }>;
  indexes: Array<{ model: string; type: 'id' | 'normal' | 'unique' | 'fulltext'; fields: Array<{ name: string }> }>;
}

interface DatamodelModel {
  name: string;
  dbName: string | null;
  fields: DatamodelField[];
}

interface DatamodelField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isRequired: boolean;
  isList: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
}

interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: 'YES' | 'NO';
  CHARACTER_MAXIMUM_LENGTH: number | bigint | null;
}

interface IndexRow {
  TABLE_NAME: string;
  INDEX_NAME: string;
  NON_UNIQUE: number | bigint;
  INDEX_TYPE: string;
  COLUMN_NAME: string;
}

interface ForeignKeyRow {
  TABLE_NAME: string;
  CONSTRAINT_NAME: string;
  COLUMN_NAME: string;
  REFERENCED_TABLE_NAME: string;
  REFERENCED_COLUMN_NAME: string;
}

const TYPE_FAMILIES: Record<string, string[]> = {
  String: ['char', 'varchar', 'text', 'tinytext', 'mediumtext', 'longtext'],
  Int: ['int', 'smallint', 'tinyint', 'mediumint'],
  BigInt: ['bigint'],
  Boolean: ['tinyint', 'bit'],
  DateTime: ['datetime', 'timestamp', 'date', 'time'],
  Float: ['double', 'float'],
  Decimal: ['decimal'],
  Json: ['json', 'longtext'],
  Bytes: ['blob', 'tinyblob', 'mediumblob', 'longblob', 'binary', 'varbinary'],
};

const IGNORED_TABLES = new Set(['_prisma_migrations']);

export async function findSchemaDrift(databaseUrl: string, datamodel: DatamodelSnapshot): Promise<string[]> {
  const { connection: options, database } = parseDatabaseUrl(databaseUrl);
  const connection = await createConnection(options);
  let columns: ColumnRow[];
  let indexRows: IndexRow[];
  let foreignKeys: ForeignKeyRow[];
  try {
    columns = await connection.query(
      `SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [database],
    );
    indexRows = await connection.query(
      `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE, COLUMN_NAME
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
      [database],
    );
    foreignKeys = await connection.query(
      `SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
       FROM information_schema.KEY_COLUMN_USAGE
       WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`,
      [database],
    );
  } finally {
    await connection.end();
  }

  const problems: string[] = [];
  const tableOf = new Map(datamodel.models.map((model) => [model.name, model.dbName ?? model.name]));
  const enumValues = new Map(datamodel.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const columnsByTable = groupBy(columns.filter((c) => !IGNORED_TABLES.has(c.TABLE_NAME)), (c) => c.TABLE_NAME);
  const indexesByTable = groupIndexes(indexRows.filter((i) => !IGNORED_TABLES.has(i.TABLE_NAME)));
  const foreignKeysByTable = groupBy(foreignKeys, (fk) => fk.TABLE_NAME);

  for (const table of columnsByTable.keys()) {
    if (![...tableOf.values()].includes(table)) problems.push(`table ${table} exists in the database but not in the schema`);
  }

  for (const model of datamodel.models) {
    const table = tableOf.get(model.name)!;
    const tableColumns = columnsByTable.get(table);
    if (!tableColumns) {
      problems.push(`table ${table} (model ${model.name}) is missing`);
      continue;
    }
    const columnOf = new Map(model.fields.map((field) => [field.name, field.dbName ?? field.name]));
    const scalarFields = model.fields.filter((field) => field.kind === 'scalar' || field.kind === 'enum');
    const byName = new Map(tableColumns.map((column) => [column.COLUMN_NAME, column]));

    for (const field of scalarFields) {
      const columnName = columnOf.get(field.name)!;
      const column = byName.get(columnName);
      if (!column) {
        problems.push(`${table}.${columnName} (field ${model.name}.${field.name}) is missing`);
        continue;
      }
      problems.push(...compareColumn(table, field, column, enumValues));
    }
    const expectedColumns = new Set(scalarFields.map((field) => columnOf.get(field.name)!));
    for (const column of tableColumns) {
      if (!expectedColumns.has(column.COLUMN_NAME)) {
        problems.push(`${table}.${column.COLUMN_NAME} exists in the database but not in model ${model.name}`);
      }
    }

    const expectedForeignKeys = model.fields
      .filter((field) => field.kind === 'object' && field.relationFromFields && field.relationFromFields.length > 0)
      .map((field) => ({
        columns: field.relationFromFields!.map((name) => columnOf.get(name)!),
        referencedTable: tableOf.get(field.type)!,
      }));
    const actualForeignKeys = [...groupBy(foreignKeysByTable.get(table) ?? [], (fk) => fk.CONSTRAINT_NAME).values()].map((rows) => ({
      columns: rows.map((row) => row.COLUMN_NAME),
      referencedTable: rows[0].REFERENCED_TABLE_NAME,
    }));
    for (const expected of expectedForeignKeys) {
      if (!actualForeignKeys.some((actual) => sameList(actual.columns, expected.columns) && actual.referencedTable === expected.referencedTable)) {
        problems.push(`foreign key ${table}(${expected.columns.join(', ')}) -> ${expected.referencedTable} is missing`);
      }
    }

    const actualIndexes = indexesByTable.get(table) ?? [];
    const expectedIndexes = datamodel.indexes
      .filter((index) => index.model === model.name)
      .map((index) => ({ type: index.type, columns: index.fields.map((f) => columnOf.get(f.name) ?? f.name) }));
    for (const expected of expectedIndexes) {
      const match = actualIndexes.find((actual) => sameList(actual.columns, expected.columns) && indexKind(actual) === expected.type);
      if (!match) problems.push(`${expected.type} index on ${table}(${expected.columns.join(', ')}) is missing`);
    }
    for (const actual of actualIndexes) {
      const declared = expectedIndexes.some((expected) => sameList(actual.columns, expected.columns) && indexKind(actual) === expected.type);
      const backsForeignKey = expectedForeignKeys.some((fk) => sameList(fk.columns, actual.columns)) && indexKind(actual) === 'normal';
      if (!declared && !backsForeignKey) {
        problems.push(`${indexKind(actual)} index ${actual.name} on ${table}(${actual.columns.join(', ')}) is not in the schema`);
      }
    }
  }
  return problems;
}

function compareColumn(table: string, field: DatamodelField, column: ColumnRow, enumValues: Map<string, string[]>): string[] {
  const problems: string[] = [];
  const where = `${table}.${column.COLUMN_NAME}`;
  const nullable = column.IS_NULLABLE === 'YES';
  if (field.isRequired === nullable) {
    problems.push(`${where} is ${nullable ? 'NULL' : 'NOT NULL'} but the schema says ${field.isRequired ? 'required' : 'optional'}`);
  }
  if (field.kind === 'enum') {
    const expected = enumValues.get(field.type) ?? [];
    const actual = [...column.COLUMN_TYPE.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]);
    if (column.DATA_TYPE !== 'enum' || !sameList(actual, expected)) {
      problems.push(`${where} is ${column.COLUMN_TYPE} but enum ${field.type} is (${expected.join(', ')})`);
    }
    return problems;
  }
  const family = TYPE_FAMILIES[field.type];
  if (family && !family.includes(column.DATA_TYPE)) {
    problems.push(`${where} is ${column.COLUMN_TYPE} but field type ${field.type} needs one of ${family.join('/')}`);
  }
  if (field.nativeType) {
    const [nativeName, args] = field.nativeType;
    const expectedType = nativeName.replace(/^Unsigned/, '').toLowerCase();
    if (column.DATA_TYPE !== expectedType) problems.push(`${where} is ${column.COLUMN_TYPE} but @db.${nativeName} was declared`);
    const length = column.CHARACTER_MAXIMUM_LENGTH === null ? null : Number(column.CHARACTER_MAXIMUM_LENGTH);
    if (['char', 'varchar'].includes(expectedType) && args[0] !== undefined && length !== Number(args[0])) {
      problems.push(`${where} has length ${length} but @db.${nativeName}(${args[0]}) was declared`);
    }
  }
  return problems;
}

interface ActualIndex {
  name: string;
  unique: boolean;
  type: string;
  columns: string[];
}

function groupIndexes(rows: IndexRow[]): Map<string, ActualIndex[]> {
  const result = new Map<string, ActualIndex[]>();
  for (const [table, tableRows] of groupBy(rows, (row) => row.TABLE_NAME)) {
    result.set(
      table,
      [...groupBy(tableRows, (row) => row.INDEX_NAME).entries()].map(([name, indexRows]) => ({
        name,
        unique: Number(indexRows[0].NON_UNIQUE) === 0,
        type: indexRows[0].INDEX_TYPE,
        columns: indexRows.map((row) => row.COLUMN_NAME),
      })),
    );
  }
  return result;
}

function indexKind(index: ActualIndex): 'id' | 'unique' | 'normal' | 'fulltext' {
  if (index.name === 'PRIMARY') return 'id';
  if (index.type === 'FULLTEXT') return 'fulltext';
  return index.unique ? 'unique' : 'normal';
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
