/**
 * The report's picture: a stacked bar per department (statuses) with its
 * on-time rate, drawn in-process with chart.js on a Skia canvas. The font is
 * Be Vietnam Pro, shipped as an npm package, so Vietnamese labels render on
 * any server, with or without system fonts.
 */
import { createRequire } from "node:module";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Title } from "chart.js";
import type { Translate } from "../i18n.ts";
import type { DepartmentLine } from "../store/report.ts";
import { onTimeRate } from "./summary.ts";

const FAMILY = "Be Vietnam Pro";
const MAX_BARS = 40;
let ready = false;

function setUp(): void {
  if (ready) return;
  const require = createRequire(import.meta.url);
  const base = require.resolve("@expo-google-fonts/be-vietnam-pro/package.json").replace(/package\.json$/, "");
  GlobalFonts.registerFromPath(`${base}400Regular/BeVietnamPro_400Regular.ttf`, FAMILY);
  GlobalFonts.registerFromPath(`${base}600SemiBold/BeVietnamPro_600SemiBold.ttf`, FAMILY);
  Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title);
  Chart.defaults.font.family = FAMILY;
  ready = true;
}

// Green done on time, orange done late, blue in progress, grey not started, purple blocked.
const SERIES = [
  ["doneOnTime", "report.doneOnTime", "#2e7d32"],
  ["doneLate", "report.doneLate", "#ef6c00"],
  ["inProgress", "status.name.IN_PROGRESS", "#1565c0"],
  ["notStarted", "status.name.NOT_STARTED", "#9e9e9e"],
  ["blocked", "status.name.BLOCKED", "#6a1b9a"],
] as const;

export async function renderStatusChart(t: Translate, input: { title: string; lines: DepartmentLine[]; formatRate?: (rate: number) => string }): Promise<Buffer> {
  setUp();
  const lines = input.lines.slice(0, MAX_BARS);
  const width = 1000;
  const height = 140 + Math.max(lines.length, 1) * 34;
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
      datasets: SERIES.map(([key, label, color]) => ({ label: t(label), data: lines.map((l) => l[key]), backgroundColor: color, stack: "s" })),
    },
    options: {
      indexAxis: "y",
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: input.title, font: { size: 20, weight: 600 }, color: "#111" },
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
