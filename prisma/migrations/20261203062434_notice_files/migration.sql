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
    "attachmentChannel" TEXT,
    "attachmentData" BLOB,
    "fileId" INTEGER,
    "audience" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "progressChannel" TEXT,
    "progressChatId" TEXT,
    "progressMessageId" TEXT,
    "remindedAt" DATETIME,
    CONSTRAINT "Broadcast_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Broadcast_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Broadcast" ("attachmentData", "attachmentFileId", "attachmentKind", "attachmentName", "audience", "createdAt", "id", "progressChannel", "progressChatId", "progressMessageId", "remindedAt", "senderId", "text", "unitId") SELECT "attachmentData", "attachmentFileId", "attachmentKind", "attachmentName", "audience", "createdAt", "id", "progressChannel", "progressChatId", "progressMessageId", "remindedAt", "senderId", "text", "unitId" FROM "Broadcast";
DROP TABLE "Broadcast";
ALTER TABLE "new_Broadcast" RENAME TO "Broadcast";
CREATE INDEX "Broadcast_unitId_id_idx" ON "Broadcast"("unitId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

