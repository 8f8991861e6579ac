-- AlterTable
ALTER TABLE "Occurrence" ADD COLUMN "originalDueDate" TEXT;

-- CreateTable
CREATE TABLE "DeadlineChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" INTEGER,
    "at" DATETIME NOT NULL,
    CONSTRAINT "DeadlineChange_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "Occurrence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DeadlineChange_occurrenceId_idx" ON "DeadlineChange"("occurrenceId");

