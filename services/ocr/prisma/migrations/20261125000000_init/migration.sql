-- CreateTable
CREATE TABLE `scan_sessions` (
    `id` CHAR(36) NOT NULL,
    `status` ENUM('PENDING_CONFIRMATION', 'CONFIRMED', 'CANCELLED', 'EXPIRED') NOT NULL DEFAULT 'PENDING_CONFIRMATION',
    `source` ENUM('CAMERA', 'MANUAL') NOT NULL,
    `kioskKeyId` CHAR(36) NULL,
    `createdByUserId` CHAR(36) NULL,
    `institutionId` CHAR(36) NULL,
    `cardType` VARCHAR(16) NOT NULL,
    `sealedReading` TEXT NULL,
    `patientExists` BOOLEAN NOT NULL DEFAULT false,
    `expiresAt` DATETIME(3) NOT NULL,
    `patientUserId` CHAR(36) NULL,
    `ticketId` CHAR(36) NULL,
    `confirmedAt` DATETIME(3) NULL,
    `cancelledAt` DATETIME(3) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,

    INDEX `scan_sessions_status_expiresAt_idx`(`status`, `expiresAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
