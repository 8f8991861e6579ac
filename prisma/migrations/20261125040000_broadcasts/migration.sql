-- CreateTable
CREATE TABLE "Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "remindedAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "staffId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "channel" TEXT,
    "messageId" TEXT,
    "error" TEXT,
    "broadcastId" INTEGER,
    "readAt" DATETIME,
    CONSTRAINT "Outbox_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Outbox" ("attempts", "channel", "createdAt", "error", "id", "kind", "messageId", "notBefore", "payload", "sentAt", "staffId", "status") SELECT "attempts", "channel", "createdAt", "error", "id", "kind", "messageId", "notBefore", "payload", "sentAt", "staffId", "status" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE INDEX "Outbox_status_id_idx" ON "Outbox"("status", "id");
CREATE INDEX "Outbox_broadcastId_staffId_idx" ON "Outbox"("broadcastId", "staffId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

