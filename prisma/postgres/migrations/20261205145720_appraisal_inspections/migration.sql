-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "inspectionId" INTEGER;

-- AlterTable
ALTER TABLE "CriteriaSet" ADD COLUMN     "publishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SelfScore" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "answeredById" INTEGER,
ADD COLUMN     "appraisalReason" TEXT,
ADD COLUMN     "appraised" DOUBLE PRECISION,
ADD COLUMN     "appraisedAt" TIMESTAMP(3),
ADD COLUMN     "appraisedById" INTEGER;

-- AlterTable
ALTER TABLE "SelfAssessment" ADD COLUMN     "answerBy" TEXT,
ADD COLUMN     "appraisedAt" TIMESTAMP(3),
ADD COLUMN     "finalAt" TIMESTAMP(3),
ADD COLUMN     "finalById" INTEGER,
ADD COLUMN     "finalTotal" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "ownerId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "plannedOn" TEXT NOT NULL,
    "visitedOn" TEXT,
    "minutesFileId" INTEGER,
    "minutesName" TEXT,
    "conclusionFileId" INTEGER,
    "conclusionName" TEXT,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_ownerId_unitId_year_key" ON "Inspection"("ownerId", "unitId", "year");

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_minutesFileId_fkey" FOREIGN KEY ("minutesFileId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_conclusionFileId_fkey" FOREIGN KEY ("conclusionFileId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

