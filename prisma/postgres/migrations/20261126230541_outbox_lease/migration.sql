-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

