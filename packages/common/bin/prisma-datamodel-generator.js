#!/usr/bin/env node
// A Prisma generator that writes the schema's datamodel (models, fields, indexes) as JSON.
// The schema-drift test compares a freshly migrated database with this snapshot.
const fs = require('node:fs');
const path = require('node:path');
const { generatorHandler } = require('@prisma/generator-helper');

generatorHandler({
  onManifest: () => ({ defaultOutput: './datamodel.json', prettyName: 'MediQ datamodel snapshot' }),
  onGenerate: async (options) => {
    const output = options.generator.output?.value;
    if (!output) throw new Error('The datamodel generator needs an output path');
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, `${JSON.stringify(options.dmmf.datamodel, null, 2)}\n`);
  },
});
