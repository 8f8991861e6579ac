-- CreateTable
CREATE TABLE "EvidenceFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mime" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignmentId" INTEGER NOT NULL,
    "staffId" INTEGER NOT NULL,
    "fileId" INTEGER,
    "fileName" TEXT,
    "reference" TEXT,
    "docNumber" TEXT,
    "docDate" TEXT,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "channel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceFile_sha256_key" ON "EvidenceFile"("sha256");

-- CreateIndex
CREATE INDEX "Evidence_assignmentId_idx" ON "Evidence"("assignmentId");

