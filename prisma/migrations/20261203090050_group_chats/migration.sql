-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "groupChatId" INTEGER;

-- CreateTable
CREATE TABLE "GroupChat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "linkedById" INTEGER NOT NULL,
    "linkedAt" DATETIME NOT NULL,
    CONSTRAINT "GroupChat_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "GroupChat_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupChat_channel_chatId_key" ON "GroupChat"("channel", "chatId");

