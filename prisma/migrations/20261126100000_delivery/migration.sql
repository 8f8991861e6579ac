-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- AlterTable (a plain ADD COLUMN: the outbox may hold many rows, no need to copy them)
ALTER TABLE "Outbox" ADD COLUMN "partsSent" INTEGER NOT NULL DEFAULT 0;
