-- CreateTable
CREATE TABLE `users` (
    `id` CHAR(36) NOT NULL,
    `role` ENUM('PASIEN', 'OPERATOR', 'ADMIN_FASKES') NOT NULL,
    `name` VARCHAR(200) NOT NULL,
    `nameKey` VARCHAR(200) NOT NULL,
    `nikCiphertext` VARCHAR(255) NULL,
    `nikHash` CHAR(64) NULL,
    `email` VARCHAR(200) NULL,
    `passwordHash` VARCHAR(255) NULL,
    `totpSecret` VARCHAR(255) NULL,
    `totpEnabled` BOOLEAN NOT NULL DEFAULT false,
    `institutionId` CHAR(36) NULL,
    `phone` VARCHAR(32) NULL,
    `birthPlace` VARCHAR(100) NULL,
    `birthDate` DATE NULL,
    `gender` ENUM('MALE', 'FEMALE') NULL,
    `bloodType` VARCHAR(2) NULL,
    `address` VARCHAR(500) NULL,
    `rtRw` VARCHAR(16) NULL,
    `kelurahan` VARCHAR(100) NULL,
    `kecamatan` VARCHAR(100) NULL,
    `kabupatenKota` VARCHAR(100) NULL,
    `provinsi` VARCHAR(100) NULL,
    `religion` VARCHAR(50) NULL,
    `maritalStatus` VARCHAR(50) NULL,
    `occupation` VARCHAR(100) NULL,
    `nationality` VARCHAR(50) NULL,
    `validUntil` VARCHAR(32) NULL,
    `idempotencyKey` VARCHAR(128) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updatedAt` DATETIME(3) NOT NULL,
    `deletedAt` DATETIME(3) NULL,

    UNIQUE INDEX `users_nikHash_key`(`nikHash`),
    UNIQUE INDEX `users_email_key`(`email`),
    UNIQUE INDEX `users_idempotencyKey_key`(`idempotencyKey`),
    INDEX `users_institutionId_role_idx`(`institutionId`, `role`),
    INDEX `users_nameKey_idx`(`nameKey`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `token_families` (
    `id` CHAR(36) NOT NULL,
    `userId` CHAR(36) NOT NULL,
    `currentTokenId` CHAR(36) NOT NULL,
    `expiresAt` DATETIME(3) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `rotatedAt` DATETIME(3) NULL,
    `revokedAt` DATETIME(3) NULL,
    `revokedReason` VARCHAR(32) NULL,

    INDEX `token_families_userId_idx`(`userId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `kiosk_keys` (
    `id` CHAR(36) NOT NULL,
    `institutionId` CHAR(36) NOT NULL,
    `label` VARCHAR(100) NOT NULL,
    `prefix` VARCHAR(16) NOT NULL,
    `keyHash` CHAR(64) NOT NULL,
    `createdBy` CHAR(36) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `lastUsedAt` DATETIME(3) NULL,
    `revokedAt` DATETIME(3) NULL,

    UNIQUE INDEX `kiosk_keys_keyHash_key`(`keyHash`),
    INDEX `kiosk_keys_institutionId_idx`(`institutionId`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `audit_logs` (
    `id` CHAR(36) NOT NULL,
    `actorKind` VARCHAR(16) NOT NULL,
    `actorId` CHAR(36) NULL,
    `actorRole` VARCHAR(16) NULL,
    `institutionId` CHAR(36) NULL,
    `action` VARCHAR(64) NOT NULL,
    `targetId` CHAR(36) NULL,
    `details` JSON NULL,
    `requestId` VARCHAR(128) NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `audit_logs_targetId_idx`(`targetId`),
    INDEX `audit_logs_action_createdAt_idx`(`action`, `createdAt`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `token_families` ADD CONSTRAINT `token_families_userId_fkey` FOREIGN KEY (`userId`) REFERENCES `users`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
