-- CreateTable
CREATE TABLE "CoordinationReport" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "fileId" INTEGER,
    "fileName" TEXT,
    "channel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoordinationReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CoordinationReport_occurrenceId_departmentId_key" ON "CoordinationReport"("occurrenceId", "departmentId");

-- AddForeignKey
ALTER TABLE "CoordinationReport" ADD CONSTRAINT "CoordinationReport_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "Occurrence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationReport" ADD CONSTRAINT "CoordinationReport_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationReport" ADD CONSTRAINT "CoordinationReport_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

