-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Plan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "framework" BOOLEAN NOT NULL DEFAULT false,
    "spanTo" INTEGER,
    CONSTRAINT "Plan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Plan" ("id", "importedAt", "sourceFile", "title", "unitId", "year") SELECT "id", "importedAt", "sourceFile", "title", "unitId", "year" FROM "Plan";
DROP TABLE "Plan";
ALTER TABLE "new_Plan" RENAME TO "Plan";
CREATE UNIQUE INDEX "Plan_unitId_year_framework_key" ON "Plan"("unitId", "year", "framework");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

