-- AlterTable
ALTER TABLE "CriteriaSet" ADD COLUMN "publishedAt" DATETIME;

-- AlterTable
ALTER TABLE "SelfScore" ADD COLUMN "answer" TEXT;
ALTER TABLE "SelfScore" ADD COLUMN "answeredAt" DATETIME;
ALTER TABLE "SelfScore" ADD COLUMN "answeredById" INTEGER;
ALTER TABLE "SelfScore" ADD COLUMN "appraisalReason" TEXT;
ALTER TABLE "SelfScore" ADD COLUMN "appraised" REAL;
ALTER TABLE "SelfScore" ADD COLUMN "appraisedAt" DATETIME;
ALTER TABLE "SelfScore" ADD COLUMN "appraisedById" INTEGER;

-- AlterTable
ALTER TABLE "SelfAssessment" ADD COLUMN "answerBy" TEXT;
ALTER TABLE "SelfAssessment" ADD COLUMN "appraisedAt" DATETIME;
ALTER TABLE "SelfAssessment" ADD COLUMN "finalAt" DATETIME;
ALTER TABLE "SelfAssessment" ADD COLUMN "finalById" INTEGER;
ALTER TABLE "SelfAssessment" ADD COLUMN "finalTotal" REAL;

-- CreateTable
CREATE TABLE "Inspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Inspection_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_minutesFileId_fkey" FOREIGN KEY ("minutesFileId") REFERENCES "EvidenceFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Inspection_conclusionFileId_fkey" FOREIGN KEY ("conclusionFileId") REFERENCES "EvidenceFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Task" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "areaId" INTEGER,
    "ref" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "product" TEXT,
    "leadText" TEXT,
    "coordinatingText" TEXT,
    "timeframe" TEXT,
    "recurrence" TEXT NOT NULL DEFAULT 'NONE',
    "onDemand" BOOLEAN NOT NULL DEFAULT false,
    "notes" TEXT,
    "position" INTEGER NOT NULL,
    "removedAt" DATETIME,
    "givenById" INTEGER,
    "givenAt" DATETIME,
    "inspectionId" INTEGER,
    CONSTRAINT "Task_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Task_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Task" ("areaId", "code", "content", "coordinatingText", "givenAt", "givenById", "id", "leadText", "notes", "onDemand", "planId", "position", "product", "recurrence", "ref", "removedAt", "timeframe") SELECT "areaId", "code", "content", "coordinatingText", "givenAt", "givenById", "id", "leadText", "notes", "onDemand", "planId", "position", "product", "recurrence", "ref", "removedAt", "timeframe" FROM "Task";
DROP TABLE "Task";
ALTER TABLE "new_Task" RENAME TO "Task";
CREATE UNIQUE INDEX "Task_planId_ref_key" ON "Task"("planId", "ref");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_ownerId_unitId_year_key" ON "Inspection"("ownerId", "unitId", "year");

