-- One active ticket per operator: the user id of the operator who called the ticket, set while it is
-- CALLED or IN_PROGRESS and NULL otherwise; the unique index makes a second one impossible.
-- AlterTable
ALTER TABLE `tickets` ADD COLUMN `servingOperatorId` VARCHAR(64) NULL;

-- CreateIndex
CREATE UNIQUE INDEX `tickets_servingOperatorId_key` ON `tickets`(`servingOperatorId`);
