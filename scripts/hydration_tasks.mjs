// The main thread's long tasks (over 50 ms) while a page loads and hydrates, in Debian's
// chromium with the CPU slowed down as Lighthouse's mobile preset does (4×): what its
// « Total Blocking Time » adds up, measured without Lighthouse's own script in the way.
// A measurement, not a test:
//   node scripts/hydration_tasks.mjs http://localhost:3960 /offres /vis-mon-job/printemps-2027
// Prints, per page and as the median of RUNS (3) loads: the time to hydration, the long
// tasks' durations and their blocking sum (each task's part over 50 ms).
import { chromium } from "@playwright/test";

const [base, ...paths] = process.argv.slice(2);
const runs = Number(process.env.RUNS || 3);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const path of paths) {
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
      }).observe({ type: "longtask", buffered: true });
      let hydrated = false;
      Object.defineProperty(window, "__talentsHydrated", {
        get: () => hydrated,
        set: (v) => { hydrated = v; window.__hydratedAt = Math.round(performance.now()); },
      });
    });
    await page.goto(base + path);
    await page.waitForFunction(() => window.__talentsHydrated === true, null, { timeout: 60000 });
    await page.waitForTimeout(500);
    const { tasks, hydrated } = await page.evaluate(() => ({
      tasks: window.__longTasks,
      hydrated: window.__hydratedAt,
    }));
    loads.push({ tasks, hydrated, blocking: tasks.reduce((s, t) => s + Math.max(0, t - 50), 0) });
    await context.close();
  }
  const m = loads.find((l) => l.blocking === median(loads.map((x) => x.blocking)));
  console.log(
    `${path.padEnd(34)} hydrated at ${m.hydrated} ms, blocking ${m.blocking} ms (runs: ${loads.map((l) => l.blocking).join(", ")})` +
      `  long tasks [${m.tasks.join(", ")}] ms`,
  );
}
await browser.close();
