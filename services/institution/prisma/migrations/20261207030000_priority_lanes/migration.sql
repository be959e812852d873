-- Priority lanes (issue #20): per service a call ratio between the priority lane and the general lane
-- (both NULL: strict priority); per institution the age from which a patient is lansia (elderly).
-- AlterTable
ALTER TABLE `institutions` ADD COLUMN `lansiaAge` INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE `services` ADD COLUMN `priorityLaneCalls` INTEGER NULL,
    ADD COLUMN `generalLaneCalls` INTEGER NULL;
