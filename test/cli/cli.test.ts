import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { example } from "../helpers/db.ts";
import { cchc } from "../helpers/run.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cchc-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const dbFile = path.join(dir, "cli.db");
const env = { DATABASE_URL: `file:${dbFile}`, PLAN_YEAR: "2026", UNIT_NAME: "TTYT Yên Bái" };

describe("cchc", () => {
  it("plan import --dry-run --json prints exactly one JSON document, the committed one, and writes nothing", () => {
    const r = cchc(["plan", "import", example("yen-bai-2026-plan.csv"), "--dry-run", "--json"], env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(
        fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/yen-bai-2026-plan.dry-run.json"), "utf8"),
      ),
    );
    expect(r.stderr).toContain("Chạy thử: không ghi gì");
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it("imports the roster, plan and indicators, then shows them; migrates on first use", () => {
    expect(cchc(["staff", "import", example("yen-bai-2026-staff.csv")], env).stdout).toBe(
      "Đã nhập 16 cán bộ (16 mới, 0 cập nhật, 0 thôi hoạt động), 7 khoa/phòng.\n",
    );
    const plan = cchc(["plan", "import", example("yen-bai-2026-plan.xlsx")], env);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(
      /^Đã nhập kế hoạch “DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026” năm 2026: 38 nhiệm vụ \(38 mới/,
    );
    expect(cchc(["indicators", "import", example("yen-bai-2026-indicators.csv")], env).stdout).toBe(
      "Đã nhập 6 chỉ số năm 2026 (6 mới, 0 cập nhật).\n",
    );
    // A file with no title above its table is named in words, not by its file name.
    expect(cchc(["plan", "import", example("yen-bai-2026-plan.csv")], env).stdout).toMatch(
      /^Đã nhập kế hoạch “Kế hoạch cải cách hành chính năm 2026” năm 2026: 38 nhiệm vụ \(0 mới, 0 cập nhật/,
    );
    expect(cchc(["plan", "import", example("yen-bai-2026-plan.xlsx")], env).status).toBe(0);
    const show = cchc(["plan", "show"], env);
    expect(show.stdout.split("\n")[0]).toBe(
      "Kế hoạch “DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026” năm 2026 — 38 nhiệm vụ",
    );
    expect(show.stdout).toMatch(/B\.IV\.5 +Tăng cường kỷ luật.*Phòng Tổ chức - Hành chính +\d\d\/\d\d\/2026 +0\/2/);
    const list = cchc(["staff", "list"], { ...env, DEFAULT_LOCALE: "en" });
    expect(list.stdout).toContain("Trần Quang Mạnh  0912 345 601  Ban Giám đốc");
    expect(list.stdout).toContain("Leader");
  });

  // The tests below go on with the database the one above filled: they run in order, one process each.
  it("sets a role, writes invitations (0600), unlinks, sets and checks a setting", () => {
    expect(cchc(["staff", "role", "0987.654.303", "admin"], env).stdout).toBe(
      "Hoàng Minh Đức (0987 654 303) nay có vai trò Quản trị.\n",
    );
    expect(cchc(["db", "migrate"], env).stdout).toMatch(/^Đã áp dụng 0 migration/);
    const csv = path.join(dir, "invites.csv");
    // An old list readable by others is replaced by one that is not: it holds every phone number.
    fs.writeFileSync(csv, "old", { mode: 0o644 });
    const invite = cchc(["staff", "invite", "--department", "Phòng TC-HC", "--csv", csv], {
      ...env,
      TELEGRAM_BOT_USERNAME: "@cchc_yb_bot",
    });
    const lines = invite.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^3 mã mời, hết hạn \d\d\/\d\d\/\d{4}:$/);
    expect(lines[1]).toMatch(
      /^Hoàng Minh Đức \(0987 654 303, Phòng Tổ chức - Hành chính\): https:\/\/t\.me\/cchc_yb_bot\?start=[A-Z2-9]{10}$/,
    );
    expect(fs.statSync(csv).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(csv, "utf8").split("\r\n")[0]).toBe(
      "\uFEFFHọ và tên,Số điện thoại,Khoa/Phòng,Mã mời,Đường dẫn,Hết hạn",
    );
    expect(cchc(["staff", "unlink", "0987654301"], env).stdout).toBe(
      "Đã hủy liên kết 0 tài khoản chat của Lê Văn Thành.\n",
    );
    expect(cchc(["settings", "set", "remindAt", "07:45"], env).stdout).toBe("Đã lưu remindAt = 07:45.\n");
    const badSetting = cchc(["settings", "set", "remindAt", "25:00"], env);
    expect([badSetting.status, badSetting.stderr.trim()]).toEqual([
      1,
      "Giá trị “25:00” không hợp lệ cho remindAt: cần giờ:phút, ví dụ 07:45.",
    ]);
    expect(cchc(["settings", "show"], env).stdout).toMatch(/remindAt +07:45 +giờ gửi nhắc việc/);
  });

  it("imports the official holidays (and refuses a wrong list whole); sends a notice and follows it", () => {
    const holidays = path.join(dir, "holidays.csv");
    fs.writeFileSync(holidays, "Ngày,Tên ngày lễ\n01/01/2027,Tết Dương lịch\n04/02/2027,Tết Nguyên đán\n");
    expect(cchc(["holidays", "import", holidays, "--year", "2027"], env).stdout).toBe(
      "Đã nhập 2 ngày nghỉ năm 2027.\n",
    );
    expect(cchc(["holidays", "list", "--year", "2027"], env).stdout).toBe(
      "Ngày nghỉ năm 2027 (danh sách chính thức đã nhập):\n01/01/2027  Tết Dương lịch\n04/02/2027  Tết Nguyên đán\n",
    );
    fs.writeFileSync(holidays, "Ngày,Tên\n31/02/2027,Sai\n01/01/2026,Năm khác\n");
    const badHolidays = cchc(["holidays", "import", holidays, "--year", "2027"], env);
    expect(badHolidays.stderr.trim().split("\n")).toEqual([
      "holidays.csv, dòng 2: “31/02/2027” không phải ngày (dd/mm/yyyy)",
      "holidays.csv, dòng 3: 01/01/2026 không thuộc năm 2027",
      "Chưa nhập gì: 2 lỗi, cơ sở dữ liệu giữ nguyên như trước.",
    ]);
    const notice = path.join(dir, "notice.txt");
    fs.writeFileSync(notice, "Triển khai Nghị định 118/2025/NĐ-CP về thủ tục hành chính.\n");
    const sent = cchc(["broadcast", "send", "--text-file", notice, "--department", "Phòng TC-HC", "--wait"], env);
    expect(sent.stdout).toBe(
      "1\nThông báo #1 đã xong: gửi được 0/3, chặn bot 0, chưa liên kết 3, chưa rõ đã nhận 0, lỗi 0.\n",
    );
    expect(sent.stderr).toContain("Đã xếp thông báo #1: 0 người nhận, 3 người cần liên hệ trực tiếp.");
    const status = cchc(["broadcast", "status", "1"], env);
    expect(status.stdout).toContain(
      "• Phòng Tổ chức - Hành chính: gửi 0/3, đã đọc 0, lỗi 0, chưa rõ đã nhận 0, chặn bot 0, chưa liên kết 3, đang chờ 0",
    );
    expect(status.stdout).toContain("Cần liên hệ trực tiếp (3):");
    expect(cchc(["broadcast", "status", "9"], env).stderr.trim()).toBe("Không có thông báo #9");
    // An unknown department stops before anything is created.
    const ghost = cchc(["broadcast", "send", "--text-file", notice, "--department", "Phòng Ma"], env);
    expect([ghost.status, ghost.stdout, ghost.stderr.trim()]).toEqual([
      1,
      "",
      "Không tìm thấy khoa/phòng: Phòng Ma — chưa gửi gì. Xem tên đúng bằng: cchc staff list",
    ]);
    expect(cchc(["broadcast", "status", "2"], env).stderr.trim()).toBe("Không có thông báo #2");
    const unknown = cchc(["staff", "invite", "--department", "Phòng Bay"], env);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([1, "Không có khoa/phòng “Phòng Bay”"]);
  });

  it("task add gives work outside the plan; evidence export writes the period's zip", () => {
    const added = cchc(
      [
        "task",
        "add",
        "--to",
        "0987654301",
        "--by",
        "0987654301",
        "--text",
        "Rà soát hồ sơ lưu trữ",
        "--due",
        "15/12/2026",
      ],
      env,
    );
    expect(added.stderr).toBe("");
    expect(added.stdout).toBe("✅ Đã giao PS-1 cho Lê Văn Thành, hạn 15/12/2026. Xem các việc đã giao: /viecdagiao\n");
    const nobody = cchc(
      ["task", "add", "--to", "0900000000", "--by", "0987654301", "--text", "x", "--due", "15/12/2026"],
      env,
    );
    expect([nobody.status, nobody.stderr]).toEqual([1, "Không có cán bộ nào với số 0900000000.\n"]);
    const zip = path.join(dir, "minh-chung.zip");
    const exported = cchc(["evidence", "export", "--period", "nam", "--out", zip], env);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(
      /^Đã ghi .*minh-chung\.zip: 0 tệp, 0 văn bản dẫn số, \d+ nhiệm vụ đã xong chưa có minh chứng\.\n$/,
    );
    expect(fs.readFileSync(zip).subarray(0, 2).toString()).toBe("PK");
  });

  it("unit add builds the tree above and beside the configured unit; unit list shows it; a wrong parent is refused", () => {
    expect(cchc(["unit", "add", "Sở Y tế"], env).stdout).toBe("Đã thêm đơn vị “Sở Y tế” ở cấp cao nhất.\n");
    expect(cchc(["unit", "add", "TTYT Yên Bái", "--parent", "Sở Y tế"], env).stdout).toBe(
      "Đơn vị “TTYT Yên Bái” đã có, trực thuộc “Sở Y tế”.\n",
    );
    expect(
      cchc(["unit", "add", "Bệnh viện Đa khoa tỉnh", "--parent", "Sở Y tế"], { ...env, DEFAULT_LOCALE: "en" }).stdout,
    ).toBe("Added unit “Bệnh viện Đa khoa tỉnh” under “Sở Y tế”.\n");
    expect(cchc(["unit", "list"], env).stdout).toBe(
      "Sở Y tế — 0 cán bộ, 0 kế hoạch\n  Bệnh viện Đa khoa tỉnh — 0 cán bộ, 0 kế hoạch\n  TTYT Yên Bái — 16 cán bộ, 1 kế hoạch\n",
    );
    const wrong = cchc(["unit", "add", "Trạm Y tế", "--parent", "So Y te"], env);
    expect([wrong.status, wrong.stderr.trim()]).toEqual([
      1,
      "Không có đơn vị “So Y te”. Xem các đơn vị bằng: npx cchc unit list",
    ]);
    // Each unit's roster goes in with --unit, named loosely; a unit that does not exist is never created by a typo.
    expect(
      cchc(["--unit", "benh vien da khoa", "staff", "import", example("yen-bai-2026-staff.csv")], env).stdout,
    ).toBe("Đã nhập 16 cán bộ (16 mới, 0 cập nhật, 0 thôi hoạt động), 7 khoa/phòng.\n");
    expect(cchc(["staff", "list", "--unit", "Bệnh viện Đa khoa tỉnh"], env).stdout).toContain("Trần Quang Mạnh");
    expect(cchc(["unit", "list"], env).stdout).toBe(
      "Sở Y tế — 0 cán bộ, 0 kế hoạch\n  Bệnh viện Đa khoa tỉnh — 16 cán bộ, 0 kế hoạch\n  TTYT Yên Bái — 16 cán bộ, 1 kế hoạch\n",
    );
    const stray = cchc(["--unit", "TTYT Lục Yên", "staff", "import", example("yen-bai-2026-staff.csv")], env);
    expect([stray.status, stray.stderr.trim()]).toEqual([
      1,
      "Không có đơn vị “TTYT Lục Yên” (hoặc tên khớp nhiều đơn vị). Xem các đơn vị bằng: npx cchc unit list",
    ]);
    expect(cchc(["unit", "list"], env).stdout).not.toContain("Lục Yên");
    const units = path.join(dir, "don-vi.csv");
    fs.writeFileSync(units, "Tên đơn vị,Đơn vị cấp trên\nTTYT Lục Yên,Sở Y tế\nTrạm Y tế xã Mai Sơn,TTYT Lục Yên\n");
    expect(cchc(["unit", "import", units], env).stdout).toBe(
      "Đã nhập danh sách đơn vị: 2 đơn vị mới, 2 đơn vị được đặt dưới đơn vị cấp trên. Cây đơn vị:\nSở Y tế\n  Bệnh viện Đa khoa tỉnh\n  TTYT Lục Yên\n    Trạm Y tế xã Mai Sơn\n  TTYT Yên Bái\n",
    );
  });

  it("bad arguments get one clear line and exit 1", () => {
    const role = cchc(["staff", "role", "0912345601", "BOSS"], env);
    expect(role.status).toBe(1);
    expect(role.stderr.trim()).toBe("Vai trò “BOSS” không hợp lệ — chọn STAFF, DEPT_HEAD, LEADER hoặc ADMIN");
    const phone = cchc(["staff", "role", "123", "ADMIN"], env);
    expect(phone.stderr.trim()).toBe("“123” không phải số điện thoại Việt Nam");
    const nobody = cchc(["staff", "role", "0999 999 999", "ADMIN"], env);
    expect([nobody.status, nobody.stderr.trim()]).toEqual([1, "Không có cán bộ nào với số 0999 999 999"]);
    const year = cchc(["plan", "show", "--year", "twenty"], env);
    expect(year.stderr.trim()).toBe("Năm “twenty” không hợp lệ — cần một năm từ 2000 đến 2100");
    // Commander's own mistakes, in the user's language, pointing to the right help; never a stack trace.
    const missing = cchc(["plan", "import"], env);
    expect([missing.status, missing.stderr.trim()]).toEqual([
      1,
      "Thiếu tham số <file>. Xem cách dùng: cchc plan import --help",
    ]);
    const noOut = cchc(["report", "export", "--period", "q1"], { ...env, DEFAULT_LOCALE: "en" });
    expect([noOut.status, noOut.stderr.trim()]).toEqual([
      1,
      "Missing required option --out <file>. See how to use it: cchc report export --help",
    ]);
    const unknown = cchc(["frobnicate"], env);
    expect([unknown.status, unknown.stderr.trim()]).toEqual([
      1,
      "Không có lệnh “frobnicate”. Xem các lệnh: cchc --help",
    ]);
    const nowhere = cchc(
      ["report", "export", "--period", "q1", "--out", path.join(dir, "no-such-folder", "x.docx")],
      env,
    );
    expect([nowhere.status, nowhere.stderr.trim()]).toEqual([
      1,
      `Không ghi được ${path.join(dir, "no-such-folder", "x.docx")}: thư mục ${path.join(dir, "no-such-folder")} không tồn tại. Hãy tạo thư mục hoặc chọn nơi khác.`,
    ]);
  });

  it("a failed import says nothing was written, in English when asked", () => {
    const bad = path.join(dir, "bad.csv");
    fs.writeFileSync(bad, "Họ tên,SĐT\nAn,12\n");
    const r = cchc(["staff", "import", bad], { ...env, DEFAULT_LOCALE: "en" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "Reading bad.csv…",
      "bad.csv, row 2, column B (SĐT): “12” is not a Vietnamese phone number",
      "Nothing imported: 1 errors; the database is unchanged.",
    ]);
  });

  it("a dry run of a file with no task table still prints its one JSON document, with the errors, and exits 1", () => {
    const bad = path.join(dir, "no-table.csv");
    fs.writeFileSync(bad, "a,b,c\n1,2,3\n");
    const r = cchc(["plan", "import", bad, "--dry-run", "--json"], env);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      tasks: [],
      warnings: [],
      errors: [
        "no-table.csv: không tìm thấy dòng tiêu đề của bảng — cần các cột như “STT”, “Nội dung nhiệm vụ”, “Sản phẩm”, “Chủ trì”, “Phối hợp”, “Thời gian thực hiện”, “Ghi chú”",
      ],
    });
  });

  it("criteria import: the PAR index set is read and kept; a set with a duplicate code is refused, the database unchanged", () => {
    const ok = cchc(["criteria", "import", example("chi-so-cchc-2026-tieu-chi.csv")], env);
    expect([ok.status, ok.stdout]).toEqual([
      0,
      "🏅 chi-so-cchc-2026-tieu-chi.csv: bộ tiêu chí Chỉ số CCHC năm 2026 — 8 lĩnh vực, 29 tiêu chí chấm điểm, tổng 100 điểm.\nĐã nhập bộ tiêu chí năm 2026: 41 dòng.\n",
    ]);
    const bad = path.join(dir, "tieu-chi-trung.csv");
    fs.writeFileSync(bad, "STT,Tiêu chí,Điểm tối đa\n1,Kế hoạch,2\n1,Báo cáo,2\n");
    const refused = cchc(["criteria", "import", bad], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("tieu-chi-trung.csv, dòng 3, cột A (STT): mã “1” trùng với dòng 2");
  });

  it("a bad setting stops with one line naming the variable", () => {
    const r = cchc(["plan", "show"], { ...env, PLAN_YEAR: "abc" });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("Cấu hình không hợp lệ: PLAN_YEAR = “abc” — cần một năm từ 2000 đến 2100\n");
    const tz = cchc(["plan", "show"], { ...env, TZ_NAME: "Mars/Olympus", DEFAULT_LOCALE: "en" });
    expect(tz.stderr).toBe(
      "Invalid setting: TZ_NAME = “Mars/Olympus” — not an IANA time zone name, e.g. Asia/Ho_Chi_Minh\n",
    );
  });
});
