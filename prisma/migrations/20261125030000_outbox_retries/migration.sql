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
    "error" TEXT
);
INSERT INTO "new_Outbox" ("channel", "createdAt", "error", "id", "kind", "messageId", "payload", "sentAt", "staffId", "status") SELECT "channel", "createdAt", "error", "id", "kind", "messageId", "payload", "sentAt", "staffId", "status" FROM "Outbox";
DROP TABLE "Outbox";
ALTER TABLE "new_Outbox" RENAME TO "Outbox";
CREATE INDEX "Outbox_status_id_idx" ON "Outbox"("status", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

