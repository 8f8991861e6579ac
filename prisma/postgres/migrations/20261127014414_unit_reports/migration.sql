-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "unitId" INTEGER;

-- CreateTable
CREATE TABLE "UnitReport" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sentById" INTEGER,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitReport_unitId_year_kind_idx" ON "UnitReport"("unitId", "year", "kind");

-- CreateIndex
CREATE INDEX "Broadcast_unitId_id_idx" ON "Broadcast"("unitId", "id");

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReport" ADD CONSTRAINT "UnitReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitReport" ADD CONSTRAINT "UnitReport_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill (added by hand): notices older than units went to the one unit there was.
UPDATE "Broadcast" SET "unitId" = (SELECT MIN("id") FROM "Unit") WHERE "unitId" IS NULL;
