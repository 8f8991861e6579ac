-- CreateTable
CREATE TABLE "SelfAssessment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "setId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "submittedAt" DATETIME NOT NULL,
    "submittedById" INTEGER NOT NULL,
    "total" REAL NOT NULL,
    "returnedAt" DATETIME,
    "returnedById" INTEGER,
    "returnReason" TEXT,
    CONSTRAINT "SelfAssessment_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CriteriaSet" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SelfAssessment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "SelfAssessment_setId_unitId_key" ON "SelfAssessment"("setId", "unitId");

