-- AlterTable
ALTER TABLE "Staff" ADD COLUMN "preferredChannel" TEXT;

