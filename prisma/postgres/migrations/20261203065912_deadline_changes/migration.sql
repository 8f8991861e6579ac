-- AlterTable
ALTER TABLE "Occurrence" ADD COLUMN     "originalDueDate" TEXT;

-- CreateTable
CREATE TABLE "DeadlineChange" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadlineChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeadlineChange_occurrenceId_idx" ON "DeadlineChange"("occurrenceId");

-- AddForeignKey
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "Occurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

