-- CreateTable
CREATE TABLE "CoordinationReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "fileId" INTEGER,
    "fileName" TEXT,
    "channel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CoordinationReport_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "Occurrence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoordinationReport_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CoordinationReport_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CoordinationReport_occurrenceId_departmentId_key" ON "CoordinationReport"("occurrenceId", "departmentId");

