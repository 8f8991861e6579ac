-- AlterTable (plain ADD COLUMNs: a plan's tasks are not copied)
ALTER TABLE "Task" ADD COLUMN "givenById" INTEGER;
ALTER TABLE "Task" ADD COLUMN "givenAt" DATETIME;
