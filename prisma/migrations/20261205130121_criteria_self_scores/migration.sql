-- CreateTable
CREATE TABLE "CriteriaSet" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sourceFile" TEXT,
    "deadline" TEXT,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "CriteriaSet_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "setId" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parentRef" TEXT,
    "depth" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "maxScore" REAL NOT NULL,
    "rule" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "departmentText" TEXT NOT NULL,
    "departmentId" INTEGER,
    "position" INTEGER NOT NULL,
    CONSTRAINT "Criterion_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CriteriaSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Criterion_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SelfScore" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "criterionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "score" REAL NOT NULL,
    "evidence" TEXT,
    "explanation" TEXT,
    "byId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "SelfScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SelfScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaSet_unitId_year_key" ON "CriteriaSet"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_setId_ref_key" ON "Criterion"("setId", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "SelfScore_criterionId_unitId_key" ON "SelfScore"("criterionId", "unitId");

