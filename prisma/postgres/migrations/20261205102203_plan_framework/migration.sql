-- DropIndex
DROP INDEX "Plan_unitId_year_key";

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "framework" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "spanTo" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Plan_unitId_year_framework_key" ON "Plan"("unitId", "year", "framework");

