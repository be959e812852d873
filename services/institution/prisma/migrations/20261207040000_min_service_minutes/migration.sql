-- ETA (issue #20): the fewest minutes per patient an estimate may assume for a service, however quick the last ones were.
-- AlterTable
ALTER TABLE `services` ADD COLUMN `minServiceMinutes` INTEGER NOT NULL DEFAULT 2;
