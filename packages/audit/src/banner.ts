import { randomBytes } from 'node:crypto';
import type { RuleId } from '@cookie-catalog/catalog';
import type { CDPSession } from 'playwright-core';

/*
 * The consent question on the first page, as a supervisor reads it (EDPB Cookie Banner Taskforce
 * report, 2023): a refusal on the first layer, as easy to see as the acceptance, and nothing
 * optional ticked in advance. Measured in the browser before anything is clicked; judged here.
 */

/** One control of the consent question (accept or reject), as the browser lays it out. */
export interface BannerControl {
  /** The element and, for an input, its type: `button`, `a`, `input:submit`. */
  readonly kind: string;
  readonly text: string;
  readonly visible: boolean;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** WCAG 2.2 contrast ratio of its text against the first opaque background behind it. */
  readonly contrast: number;
}

/** The first page's consent question, measured before anything is clicked. */
export interface BannerObservation {
  readonly accept: BannerControl | undefined;
  readonly reject: BannerControl | undefined;
  /** Optional choices already checked in the question (name, value or label of each). */
  readonly preselected: readonly string[];
  /** The selectors looked for. */
  readonly acceptSelector: string;
  readonly rejectSelector: string;
}

/**
 * Measures the consent question in an isolated world (CDP Page.createIsolatedWorld): the page's
 * scripts share the DOM but not its prototypes there, so a page that replaces
 * getBoundingClientRect or getComputedStyle cannot make a small reject button look large.
 */
export async function measureBanner(
  session: CDPSession,
  selectors: { readonly accept: string; readonly reject: string },
): Promise<BannerObservation> {
  const { frameTree } = (await session.send('Page.getFrameTree')) as {
    frameTree: { frame: { id: string } };
  };
  const { executionContextId } = (await session.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: `audit-${randomBytes(6).toString('hex')}`,
  })) as { executionContextId: number };
  const { result, exceptionDetails } = (await session.send('Runtime.evaluate', {
    expression: `(${BANNER_PROBE})(${JSON.stringify(selectors)})`,
    contextId: executionContextId,
    returnByValue: true,
  })) as {
    result: { value?: Omit<BannerObservation, 'acceptSelector' | 'rejectSelector'> };
    exceptionDetails?: { text?: string };
  };
  // Not measured is not "no reject control": the caller notes it, and judges nothing.
  if (exceptionDetails || !result.value)
    throw new Error(
      `the consent question could not be measured (${exceptionDetails?.text ?? 'no answer'})`,
    );
  const value = result.value;
  return {
    accept: value.accept ?? undefined,
    reject: value.reject ?? undefined,
    preselected: value.preselected ?? [],
    acceptSelector: selectors.accept,
    rejectSelector: selectors.reject,
  };
}

/**
 * Runs in the page (isolated world). Contrast after WCAG 2.2 (relative luminance, G18): the text
 * colour against the first ancestor background that is not transparent, white when none is.
 * A control is visible when it has an area, is not hidden by display, visibility or opacity, and
 * lies at least partly inside the page.
 */
const BANNER_PROBE = `(selectors) => {
  const pick = (selector) => { try { return document.querySelector(selector); } catch { return null; } };
  const rgba = (text) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(text || '');
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v = v / 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const bg = rgba(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] >= 1) break;
    }
    let color = [255, 255, 255, 1];
    for (const layer of layers.reverse()) color = over(layer, color);
    return color;
  };
  const control = (element) => {
    if (!element) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    let hidden = false;
    for (let e = element; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) hidden = true;
    }
    const bg = background(element);
    const fg = over(rgba(style.color), bg);
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const tag = element.tagName.toLowerCase();
    return {
      kind: tag === 'input' ? 'input:' + (element.getAttribute('type') || 'text').toLowerCase() : tag,
      text: (element.innerText || element.value || element.getAttribute('aria-label') || '').trim().slice(0, 100),
      visible: !hidden && box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
        && box.left < document.documentElement.scrollWidth && box.top < document.documentElement.scrollHeight,
      width: Math.round(box.width * 10) / 10,
      height: Math.round(box.height * 10) / 10,
      contrast: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100,
    };
  };
  const accept = pick(selectors.accept);
  const reject = pick(selectors.reject);
  // The question: the nearest element holding both controls (or the one found).
  let root = accept || reject;
  while (root && accept && reject && !(root.contains(accept) && root.contains(reject))) root = root.parentElement;
  const preselected = [];
  if (root) {
    const box = root.closest('.cookie-consent, [role=dialog], [role=region], [aria-modal=true]') || root;
    for (const input of box.querySelectorAll('input[type=checkbox], input[type=radio]')) {
      if (!input.checked || input.disabled) continue;
      const label = (input.labels && input.labels[0] && input.labels[0].innerText) || input.name || input.value;
      preselected.push(String(label).trim().slice(0, 100));
    }
  }
  return { accept: control(accept), reject: control(reject), preselected };
}`;

/** The accept and reject of a consent question are prominent alike at 80 % of the area. */
const AREA_RATIO = 0.8;
/** WCAG 2.2 SC 1.4.3 (AA): text contrast at least 4.5:1. */
const CONTRAST = 4.5;

/**
 * The first page's consent question as a supervisor reads it: a refusal on the first layer, as
 * easy to see as the acceptance, and nothing optional ticked in advance.
 */
export function checkBanner(
  banner: BannerObservation,
  page: string,
  add: (rule: RuleId, url: string, message: string, fix: string) => void,
): void {
  const { accept, reject } = banner;
  if (!reject?.visible) {
    add(
      'audit/banner-reject-missing',
      page,
      reject
        ? `the reject control (${banner.rejectSelector}) is on the first page but not visible${accept?.visible ? ', while the accept control is' : ''}`
        : `the first page has no reject control (${banner.rejectSelector})${accept ? `, but has an accept control (${banner.acceptSelector})` : ''}`,
      'put a reject button next to accept on the first layer of the consent question (the generated banner has one), or give --reject-selector for your own banner',
    );
  }
  if (reject?.visible && accept?.visible) {
    const failed: string[] = [];
    if (reject.kind !== accept.kind)
      failed.push(
        `reject is <${reject.kind}>, accept <${accept.kind}> (not the same kind of element)`,
      );
    const area = (c: BannerControl) => c.width * c.height;
    if (area(reject) < AREA_RATIO * area(accept))
      failed.push(
        `reject is ${reject.width}×${reject.height} px, ${Math.floor((100 * area(reject)) / Math.max(1, area(accept)))} % of accept's ${accept.width}×${accept.height} px (at least 80 %)`,
      );
    for (const [which, c] of [
      ['reject', reject],
      ['accept', accept],
    ] as const)
      if (c.contrast < CONTRAST)
        failed.push(`${which}'s text contrast is ${c.contrast}:1 (at least 4.5:1)`);
    if (failed.length > 0)
      add(
        'audit/banner-reject-prominence',
        page,
        `rejecting is less prominent than accepting: ${failed.join('; ')}`,
        'give reject the same element, size and colours as accept (the generated banner does)',
      );
  }
  if (banner.preselected.length > 0)
    add(
      'audit/banner-preselected',
      page,
      `the consent question has optional choices already ticked: ${banner.preselected.map((p) => `"${p}"`).join(', ')}`,
      'leave every optional category unticked until the visitor ticks it (only strictly necessary ones may be shown ticked, and disabled)',
    );
}
