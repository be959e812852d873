import { join } from 'node:path';
import { describeMigrationsMatchSchema } from '@mediq/common/testing';
import datamodel from '../src/generated/datamodel.json';

describeMigrationsMatchSchema('user', join(__dirname, '../prisma/migrations'), datamodel);
