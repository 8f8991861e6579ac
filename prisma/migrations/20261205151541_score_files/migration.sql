-- CreateTable
CREATE TABLE "ScoreFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "criterionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "fileId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ScoreFile_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScoreFile_criterionId_unitId_idx" ON "ScoreFile"("criterionId", "unitId");

