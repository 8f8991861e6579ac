-- CreateTable
CREATE TABLE "NumberedChoice" (
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "choices" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NumberedChoice_pkey" PRIMARY KEY ("channel","chatId")
);

