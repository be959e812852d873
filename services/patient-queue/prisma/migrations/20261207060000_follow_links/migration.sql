-- CreateTable
CREATE TABLE `follow_links` (
    `token` CHAR(22) NOT NULL,
    `ticketId` CHAR(36) NOT NULL,
    `createdAt` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `follow_links_ticketId_key`(`ticketId`),
    PRIMARY KEY (`token`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
