-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "leaseUntil" DATETIME;

