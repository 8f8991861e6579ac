-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "attachmentChannel" TEXT,
ADD COLUMN     "fileId" INTEGER;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "EvidenceFile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

