-- CreateTable
CREATE TABLE `tickets` (
    `id` CHAR(36) NOT NULL,
    `institutionId` CHAR(36) NOT NULL,
    `serviceId` CHAR(36) NOT NULL,
    `patientUserId` CHAR(36) NOT NULL,
    `localDate` DATE NOT NULL,
    `timezone` VARCHAR(64) NOT NULL,
    `sequence` INTEGER NOT NULL,
    `displayNumber` VARCHAR(16) NOT NULL,
    `priority` ENUM('URGENT', 'HIGH', 'NORMAL', 'LOW') NOT NULL DEFAULT 'NORMAL',
    `status` ENUM('WAITING', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED') NOT NULL DEFAULT 'WAITING',
    `source` ENUM('KIOSK', 'OPERATOR', 'APP') NOT NULL,
    `requestId` VARCHAR(128) NOT NULL,
    `activeKey` VARCHAR(120) NULL,
    `callRequestId` VARCHAR(128) NULL,
    `counter` VARCHAR(32) NULL,
    `notes` VARCHAR(500) NULL,
    `recallCount` INTEGER NOT NULL DEFAULT 0,
    `queuedAt` DATETIME(3) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `calledAt` DATETIME(3) NULL,
    `startedAt` DATETIME(3) NULL,
    `completedAt` DATETIME(3) NULL,
    `noShowAt` DATETIME(3) NULL,
    `cancelledAt` DATETIME(3) NULL,
    `transferredAt` DATETIME(3) NULL,
    `transferredFromId` CHAR(36) NULL,
    `transferredToId` CHAR(36) NULL,
    `createdBy` VARCHAR(64) NOT NULL,
    `updatedBy` VARCHAR(64) NOT NULL,
    `updatedAt` DATETIME(3) NOT NULL,

    UNIQUE INDEX `tickets_requestId_key`(`requestId`),
    UNIQUE INDEX `tickets_activeKey_key`(`activeKey`),
    UNIQUE INDEX `tickets_callRequestId_key`(`callRequestId`),
    UNIQUE INDEX `tickets_transferredFromId_key`(`transferredFromId`),
    UNIQUE INDEX `tickets_transferredToId_key`(`transferredToId`),
    UNIQUE INDEX `tickets_institutionId_serviceId_localDate_sequence_key`(`institutionId`, `serviceId`, `localDate`, `sequence`),
    INDEX `tickets_institutionId_serviceId_status_priority_queuedAt_idx`(`institutionId`, `serviceId`, `status`, `priority`, `queuedAt`),
    INDEX `tickets_institutionId_localDate_idx`(`institutionId`, `localDate`),
    INDEX `tickets_patientUserId_status_idx`(`patientUserId`, `status`),
    INDEX `tickets_serviceId_status_completedAt_idx`(`serviceId`, `status`, `completedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ticket_transitions` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `ticketId` CHAR(36) NOT NULL,
    `fromStatus` ENUM('WAITING', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED') NULL,
    `toStatus` ENUM('WAITING', 'CALLED', 'IN_PROGRESS', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'TRANSFERRED') NOT NULL,
    `actorKind` VARCHAR(16) NOT NULL,
    `actorId` VARCHAR(64) NOT NULL,
    `actorRole` VARCHAR(32) NULL,
    `counter` VARCHAR(32) NULL,
    `requestId` VARCHAR(128) NULL,
    `at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `ticket_transitions_ticketId_at_idx`(`ticketId`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `daily_sequences` (
    `institutionId` CHAR(36) NOT NULL,
    `serviceId` CHAR(36) NOT NULL,
    `localDate` DATE NOT NULL,
    `lastValue` INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY (`institutionId`, `serviceId`, `localDate`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `outbox_events` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `eventId` CHAR(36) NOT NULL,
    `routingKey` VARCHAR(255) NOT NULL,
    `payload` JSON NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `publishedAt` DATETIME(3) NULL,
    `attempts` INTEGER NOT NULL DEFAULT 0,

    UNIQUE INDEX `outbox_events_eventId_key`(`eventId`),
    INDEX `outbox_events_publishedAt_id_idx`(`publishedAt`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `ticket_transitions` ADD CONSTRAINT `ticket_transitions_ticketId_fkey` FOREIGN KEY (`ticketId`) REFERENCES `tickets`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
