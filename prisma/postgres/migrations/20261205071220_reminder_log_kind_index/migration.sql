-- DropIndex
DROP INDEX "ReminderLog_assignmentId_idx";

-- CreateIndex
CREATE INDEX "ReminderLog_assignmentId_kind_idx" ON "ReminderLog"("assignmentId", "kind");

