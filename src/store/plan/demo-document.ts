/** What the example plan says of its unit: the settings the demo sets for its report files, and removes with it. */
export const DEMO_DOCUMENT = {
  unitDisplayName: "Trung tâm Y tế khu vực Yên Bái",
  superiorBody: "Sở Y tế tỉnh Lào Cai",
  leaderName: "Trần Quang Mạnh",
} as const;
