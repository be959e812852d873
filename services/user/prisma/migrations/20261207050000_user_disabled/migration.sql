-- Disabled staff accounts (issue #20): set when an administrator disables the account, NULL when enabled.
-- AlterTable
ALTER TABLE `users` ADD COLUMN `disabledAt` DATETIME(3) NULL;
