-- Priority lanes (issue #20): why a ticket is in the priority lane.
-- AlterTable
ALTER TABLE `tickets` ADD COLUMN `category` ENUM('LANSIA', 'IBU_HAMIL', 'DISABILITAS', 'ANAK_BALITA') NULL;

-- CreateIndex
CREATE INDEX `tickets_institutionId_serviceId_localDate_calledAt_idx` ON `tickets`(`institutionId`, `serviceId`, `localDate`, `calledAt`);
