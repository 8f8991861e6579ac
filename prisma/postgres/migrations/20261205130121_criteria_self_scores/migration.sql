-- CreateTable
CREATE TABLE "CriteriaSet" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "sourceFile" TEXT,
    "deadline" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CriteriaSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" SERIAL NOT NULL,
    "setId" INTEGER NOT NULL,
    "ref" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "parentRef" TEXT,
    "depth" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "maxScore" DOUBLE PRECISION NOT NULL,
    "rule" TEXT NOT NULL,
    "steps" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "departmentText" TEXT NOT NULL,
    "departmentId" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfScore" (
    "id" SERIAL NOT NULL,
    "criterionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "evidence" TEXT,
    "explanation" TEXT,
    "byId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SelfScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaSet_unitId_year_key" ON "CriteriaSet"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_setId_ref_key" ON "Criterion"("setId", "ref");

-- CreateIndex
CREATE UNIQUE INDEX "SelfScore_criterionId_unitId_key" ON "SelfScore"("criterionId", "unitId");

-- AddForeignKey
ALTER TABLE "CriteriaSet" ADD CONSTRAINT "CriteriaSet_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_setId_fkey" FOREIGN KEY ("setId") REFERENCES "CriteriaSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfScore" ADD CONSTRAINT "SelfScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfScore" ADD CONSTRAINT "SelfScore_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

