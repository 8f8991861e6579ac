/**
 * The report's picture: a stacked bar per department (statuses) with its
 * on-time rate, drawn in-process with chart.js on a Skia canvas. The font is
 * Be Vietnam Pro, shipped as an npm package, so Vietnamese labels render on
 * any server, with or without system fonts.
 */
import { createRequire } from "node:module";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, SubTitle, Title } from "chart.js";
import type { Translate } from "../i18n.ts";
import { onTimeRate, type DepartmentLine } from "../domain/report.ts";

const FAMILY = "Be Vietnam Pro";
const MAX_BARS = 40;
let ready = false;

function setUp(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const base = require.resolve("@expo-google-fonts/be-vietnam-pro/package.json").replace(/package\.json$/, "");
  GlobalFonts.registerFromPath(`${base}400Regular/BeVietnamPro_400Regular.ttf`, FAMILY);
  GlobalFonts.registerFromPath(`${base}600SemiBold/BeVietnamPro_600SemiBold.ttf`, FAMILY);
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, SubTitle);
  Chart.defaults.font.family = FAMILY;
  ready = true;
}

// Green done on time, orange done late, blue in progress, grey not started,
// purple blocked (overdue or not: what holds it up is the news), and the rest
// of overdue work in its own red: each bar part counts once.
const SERIES: [string, (l: DepartmentLine) => number, string][] = [
  ["report.doneOnTime", (l) => l.doneOnTime, "#2e7d32"],
  ["report.doneLate", (l) => l.doneLate, "#ef6c00"],
  ["status.name.IN_PROGRESS", (l) => l.inProgress - l.overdueInProgress, "#1565c0"],
  ["status.name.NOT_STARTED", (l) => l.notStarted - l.overdueNotStarted, "#9e9e9e"],
  ["status.name.BLOCKED", (l) => l.blocked, "#6a1b9a"],
  ["report.overdue", (l) => l.overdue - l.overdueBlocked, "#d32f2f"],
];

export async function renderStatusChart(
  t: Translate,
  input: { title: string; unit?: string; lines: DepartmentLine[]; formatRate?: (rate: number) => string },
): Promise<Buffer> {
  setUp();
  const lines = input.lines.slice(0, MAX_BARS);
  const width = 1000;
  const height = 140 + (input.unit ? 30 : 0) + Math.max(lines.length, 1) * 34;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  const labels = lines.map((l) => {
    const rate = onTimeRate(l);
    return `${l.department} — ${rate === null ? "—" : (input.formatRate ?? ((r: number) => `${r}%`))(rate)}${l.overdue ? ` · ${t("report.overdue").toLowerCase()} ${l.overdue}` : ""}`;
  });
  // chart.js types its context as the DOM one; Skia's implements the same calls.
  const chart = new Chart(ctx as unknown as ConstructorParameters<typeof Chart>[0], {
    type: "bar",
    data: {
      labels,
      datasets: SERIES.map(([label, value, color]) => ({
        label: t(label),
        data: lines.map(value),
        backgroundColor: color,
        stack: "s",
      })),
    },
    options: {
      indexAxis: "y",
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: input.title, font: { size: 20, weight: 600 }, color: "#111" },
        subtitle: {
          display: Boolean(input.unit),
          text: input.unit ?? "",
          font: { size: 15 },
          color: "#333",
          padding: { bottom: 10 },
        },
        legend: { position: "bottom", labels: { font: { size: 14 }, color: "#222" } },
      },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { precision: 0, font: { size: 13 } } },
        y: { stacked: true, ticks: { font: { size: 14 }, color: "#222" } },
      },
    },
  });
  const png = await canvas.encode("png");
  chart.destroy();
  return png;
}
