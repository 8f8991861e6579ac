-- CreateTable
CREATE TABLE "ScoreFile" (
    "id" SERIAL NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "fileId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "staffId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScoreFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScoreFile_criterionId_unitId_idx" ON "ScoreFile"("criterionId", "unitId");

-- AddForeignKey
ALTER TABLE "ScoreFile" ADD CONSTRAINT "ScoreFile_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreFile" ADD CONSTRAINT "ScoreFile_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

