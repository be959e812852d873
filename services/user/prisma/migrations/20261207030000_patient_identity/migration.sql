-- CreateTable
CREATE TABLE `patient_history` (
    `id` CHAR(36) NOT NULL,
    `userId` CHAR(36) NOT NULL,
    `event` VARCHAR(32) NOT NULL,
    `field` VARCHAR(32) NULL,
    `oldValue` VARCHAR(1024) NULL,
    `newValue` VARCHAR(1024) NULL,
    `channel` VARCHAR(16) NOT NULL,
    `actorKind` VARCHAR(16) NOT NULL,
    `actorId` CHAR(36) NULL,
    `actorRole` VARCHAR(16) NULL,
    `institutionId` CHAR(36) NULL,
    `reason` VARCHAR(1024) NULL,
    `requestId` VARCHAR(128) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `patient_history_userId_createdAt_idx`(`userId`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `patient_review_flags` (
    `id` CHAR(36) NOT NULL,
    `userId` CHAR(36) NOT NULL,
    `field` VARCHAR(32) NOT NULL,
    `recordValue` VARCHAR(1024) NULL,
    `cardValue` VARCHAR(1024) NULL,
    `institutionId` CHAR(36) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `resolvedAt` DATETIME(3) NULL,
    `resolvedBy` CHAR(36) NULL,

    INDEX `patient_review_flags_userId_resolvedAt_idx`(`userId`, `resolvedAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The name key is now the sign-in comparison of @mediq/contracts' nameMatchKey: upper case, letters
-- and digits only (word spaces and punctuation are not evidence of another person).
UPDATE `users` SET `nameKey` = UPPER(REGEXP_REPLACE(`name`, '[^\\p{L}\\p{N}]+', ''));
