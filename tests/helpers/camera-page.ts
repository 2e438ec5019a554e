/**
 * Pages in a Chromium whose camera is a looping video (see fake-camera.ts), for the tests that go through the
 * real camera path. Every getUserMedia stream such a page obtains is remembered (window.__cameraStreams), so a
 * test can tell whether the camera was opened and whether it was released.
 */
import { chromium, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath, fakeCameraArgs } from './chromium.ts';

/** Browsers started by openCameraPage and not yet closed by closeCameraPages. */
const openBrowsers = new Set<Browser>();

/**
 * Starts a Chromium whose camera loops `video` and opens a page in it, with the project's baseURL, viewport and
 * locale and the camera permission granted. Close it with closeCameraPages (e.g. `test.afterEach(closeCameraPages)`).
 */
export async function openCameraPage(video: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs(fakeCameraArgs(video)) });
  openBrowsers.add(browser);
  const { baseURL, viewport, locale } = test.info().project.use;
  const context = await browser.newContext({
    ...(baseURL ? { baseURL } : {}),
    ...(viewport ? { viewport } : {}),
    ...(locale ? { locale } : {}),
  });
  await context.grantPermissions(['camera']);
  await context.addInitScript(() => {
    const streams: MediaStream[] = [];
    (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams = streams;
    const media = navigator.mediaDevices;
    if (!media) return;
    const original = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
  });
  return { browser, page: await context.newPage() };
}

/** Closes every browser openCameraPage started. */
export async function closeCameraPages(): Promise<void> {
  const browsers = [...openBrowsers];
  openBrowsers.clear();
  await Promise.all(browsers.map((b) => b.close()));
}

/** Camera streams the page opened, and how many video tracks are still live (in them or in any <video>). */
export async function cameraUse(page: Page): Promise<{ opened: number; liveTracks: number; liveVideoElements: number }> {
  return page.evaluate(() => {
    const streams = (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams;
    const live = (s: MediaStream) => s.getVideoTracks().filter((t) => t.readyState === 'live').length;
    const videos = [...document.querySelectorAll('video')].filter(
      (v) => v.srcObject instanceof MediaStream && live(v.srcObject) > 0,
    );
    return {
      opened: streams.length,
      liveTracks: streams.reduce((n, s) => n + live(s), 0),
      liveVideoElements: videos.length,
    };
  });
}

/** How many camera video tracks the page opened are still live. */
export async function liveCameraTracks(page: Page): Promise<number> {
  return (await cameraUse(page)).liveTracks;
}
