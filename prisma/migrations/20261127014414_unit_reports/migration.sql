-- CreateTable
CREATE TABLE "UnitReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "sentById" INTEGER,
    "sentAt" DATETIME NOT NULL,
    CONSTRAINT "UnitReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "UnitReport_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER,
    "senderId" INTEGER,
    "text" TEXT NOT NULL,
    "attachmentKind" TEXT,
    "attachmentName" TEXT,
    "attachmentFileId" TEXT,
    "attachmentData" BLOB,
    "audience" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "progressChannel" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "remindedAt" DATETIME,
    CONSTRAINT "Broadcast_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Broadcast" ("attachmentData", "attachmentFileId", "attachmentKind", "attachmentName", "audience", "createdAt", "id", "progressChannel", "progressChatId", "progressMessageId", "remindedAt", "senderId", "text") SELECT "attachmentData", "attachmentFileId", "attachmentKind", "attachmentName", "audience", "createdAt", "id", "progressChannel", "progressChatId", "progressMessageId", "remindedAt", "senderId", "text" FROM "Broadcast";
DROP TABLE "Broadcast";
ALTER TABLE "new_Broadcast" RENAME TO "Broadcast";
CREATE INDEX "Broadcast_unitId_id_idx" ON "Broadcast"("unitId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UnitReport_unitId_year_kind_idx" ON "UnitReport"("unitId", "year", "kind");


-- Backfill (added by hand): notices older than units went to the one unit there was.
UPDATE "Broadcast" SET "unitId" = (SELECT MIN("id") FROM "Unit") WHERE "unitId" IS NULL;
