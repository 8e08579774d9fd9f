import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TIMELINE_BAR_COLORS, escapeHtml, renderTimelineHtml } from '../src/report/timeline-html.js';
import { busiestRow, countPixels, decodePng, distinctColors } from './helpers/png.js';
import { allStepNames, at, attempt, failedRunWithRetriedStep, leaf, successfulRunWithParallelAndMap } from './helpers/run-logs.js';

const run = promisify(execFile);

describe('renderTimelineHtml (markup)', () => {
  it('is one self-contained page: no scripts, stylesheets, fonts or images from anywhere', () => {
    const html = renderTimelineHtml(successfulRunWithParallelAndMap());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:|<script|<link|@import|url\(|<img|<iframe/i);
    expect(html).toContain('<style>');
  });

  it('names every step at every depth and every branch', () => {
    const log = successfulRunWithParallelAndMap();
    const html = renderTimelineHtml(log);
    for (const name of allStepNames(log)) expect(html).toContain(`data-internal-name="${name}"`);
    for (const branch of ['par.left', 'par.right', 'map_state.1', 'map_state.2']) {
      expect(html).toContain(`data-internal-name="${branch}"`);
    }
  });

  it('draws one bar per attempt, placed by time, numbered on multi-attempt steps', () => {
    const html = renderTimelineHtml(failedRunWithRetriedStep()); // 0s..10s
    expect(html.match(/class="bar /g)).toHaveLength(5);
    expect(html).toContain('class="bar s-SUCCESS" style="left:0.00%;width:20.00%"'); // extract 0-2s
    expect(html).toContain('class="bar s-FAIL" style="left:20.00%;width:20.00%"'); // transform #1 2-4s
    expect(html).toContain('class="bar s-FAIL" style="left:40.00%;width:50.00%"'); // transform #2 4-9s
    expect(html).toMatch(/s-FAIL"[^>]*><span>1<\/span>/);
    expect(html).toMatch(/s-FAIL"[^>]*><span>2<\/span>/);
    expect(html).not.toMatch(/s-SUCCESS"[^>]*><span>/); // single attempts carry no number
    expect(html).toContain('total duration 10.0s');
  });

  it('gives composite steps a summary bar spanning their children', () => {
    const html = renderTimelineHtml(successfulRunWithParallelAndMap()); // 0s..7s
    expect(html).toMatch(/data-internal-name="par".*?class="summary" style="left:14\.29%;width:28\.57%"/); // 1s..3s
    expect(html).toMatch(/data-internal-name="map_state".*?class="summary" style="left:42\.86%;width:57\.14%"/); // 3s..7s
  });

  it('puts times, status, message and parameters in the bar title', () => {
    const html = renderTimelineHtml(successfulRunWithParallelAndMap());
    const title = /data-internal-name="map_state\.2\.execute".*?class="bar s-SUCCESS"[^>]*title="([^"]*)"/s.exec(html)?.[1] ?? '';
    expect(title).toContain('map_state.2.execute (attempt 1 of 1)');
    expect(title).toContain('status: SUCCESS');
    expect(title).toContain(`start: ${at(5)}`);
    expect(title).toContain(`end: ${at(7)}`);
    expect(title).toContain('input: chunk=2');
    expect(title).toContain('output: processed=20');
    const failed = renderTimelineHtml(failedRunWithRetriedStep());
    expect(failed).toContain('message: KeyError: &#60;&#34;column&#34;&#62; &#38; friends');
  });

  it('escapes everything that comes from the run log', () => {
    const log = failedRunWithRetriedStep();
    log.run_id = '<script>alert(1)</script>';
    log.tag = '"><b>';
    log.parameters = { '<k>': { kind: 'json', value: '</td><script>' } };
    const html = renderTimelineHtml(log);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<k>');
    expect(html).not.toContain('<"column">');
    expect(html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('lists the root parameters below the chart', () => {
    const html = renderTimelineHtml(successfulRunWithParallelAndMap());
    const table = html.slice(html.indexOf('<h2>Parameters</h2>'));
    expect(table).toContain('<td>chunks</td><td>json</td><td><code>[1,2]</code></td>');
    expect(table).toContain('<td>df</td><td>object</td><td><code>&#60;object df&#62;</code></td>');
  });

  it('stretches a still-running attempt to the end of the run, and survives an empty run', () => {
    const log = failedRunWithRetriedStep();
    log.status = 'PROCESSING';
    log.steps.notify = leaf('notify', 'task', [{ ...attempt(1, 9, 10, 'PROCESSING'), end_time: '' }]);
    log.steps.late = leaf('late', 'task', [attempt(1, 9, 12, 'SUCCESS')]);
    delete log.steps.fail;
    const html = renderTimelineHtml(log); // 0s..12s
    expect(html).toContain('class="bar s-PROCESSING" style="left:75.00%;width:25.00%"');
    expect(html).toContain('end: (still running)');

    const empty = renderTimelineHtml({ ...log, steps: {}, parameters: {} });
    expect(empty).toContain('No steps recorded.');
    expect(empty).not.toContain('NaN');
  });
});

// The page as a browser draws it: Debian's chromium, headless, no network.
const CHROMIUM = '/usr/bin/chromium';
// Each launch is bounded by its own 60s timeout; a test launches Chromium at most twice.
const BROWSER_TEST_TIMEOUT_MS = 150_000;
const browserMissingAndAllowed = !existsSync(CHROMIUM) && process.env.RUNNABLE_TEST_NO_BROWSER === '1';

describe.skipIf(browserMissingAndAllowed)('renderTimelineHtml in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runnable-timeline-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let profiles = 0;
  async function chromium(args: string[]): Promise<string> {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/ci/install-chromium.sh (or set RUNNABLE_TEST_NO_BROWSER=1 to skip this test)`);
    }
    const profile = join(dir, `profile-${++profiles}`);
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--window-size=1200,800',
        ...args,
      ],
      { timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  }

  function writePage(name: string, html: string): string {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, html);
    return `file://${file}`;
  }

  it(
    'renders the bars: a 1200x800 screenshot with the SUCCESS green and FAIL red drawn where the times say',
    async () => {
      const url = writePage('failed', renderTimelineHtml(failedRunWithRetriedStep()));
      const shot = join(dir, 'shot.png');
      await chromium([`--screenshot=${shot}`, url]);
      expect(existsSync(shot)).toBe(true);
      const png = decodePng(readFileSync(shot));
      expect([png.width, png.height]).toEqual([1200, 800]);
      expect(distinctColors(png)).toBeGreaterThan(20); // not blank

      const green = countPixels(png, TIMELINE_BAR_COLORS.SUCCESS);
      const red = countPixels(png, TIMELINE_BAR_COLORS.FAIL);
      // extract (2s) and notify (1s) are green, transform's two attempts (7s) red, on a track ~700px wide, 16px high.
      expect(green).toBeGreaterThan(1500);
      expect(red).toBeGreaterThan(4000);
      expect(red).toBeGreaterThan(green);

      // Bars sit on the time axis: transform (red, from 2s) starts where extract (green, 0-2s) ends.
      const extract = busiestRow(png, TIMELINE_BAR_COLORS.SUCCESS);
      const transform = busiestRow(png, TIMELINE_BAR_COLORS.FAIL);
      expect(transform.y).toBeGreaterThan(extract.y); // the next row down
      expect(Math.abs(transform.x0 - extract.x1)).toBeLessThanOrEqual(4);
      // 7s of red against 2s of green on the same scale.
      expect((transform.x1 - transform.x0) / (extract.x1 - extract.x0)).toBeCloseTo(3.5, 0);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  it(
    'keeps every step internal name in the rendered DOM',
    async () => {
      for (const [name, log] of [
        ['successful', successfulRunWithParallelAndMap()],
        ['failed', failedRunWithRetriedStep()],
      ] as const) {
        const dom = await chromium(['--dump-dom', writePage(`dom-${name}`, renderTimelineHtml(log))]);
        expect(dom).toContain(`Run <code>${log.run_id}</code>`);
        for (const step of allStepNames(log)) expect(dom).toContain(`data-internal-name="${step}"`);
      }
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
