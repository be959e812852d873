-- Staff TOTP codes are accepted once (RFC 6238, section 5.2): the step of the last accepted code.
-- AlterTable
ALTER TABLE `users` ADD COLUMN `totpLastStep` INTEGER NULL;
