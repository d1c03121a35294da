import { CrosscheckError } from '../contract/errors.ts';

/**
 * A single left-to-right pass over a page's markup that measures what makes
 * parsers and Readability slow — nesting, element and attribute counts — before
 * any of them runs. Every character is visited a bounded number of times, so a
 * page of unclosed comments, unclosed scripts or a million attributes costs the
 * same as a plain page of its size.
 */
export interface MarkupLimits {
  /** Open elements at once, counted loosely (an unclosed tag counts as open). */
  maxDepth: number;
  /** The depth a refusal names, when the loose count is given a margin over the real limit. */
  depthInMessage?: number;
  maxElements: number;
  maxAttributesPerElement: number;
  maxAttributes: number;
}

export interface MarkupShape {
  depth: number;
  elements: number;
  attributes: number;
  /** Where a comment or a script, style or similar raw-text element opens and never closes (swallowing the rest of the page), or null. */
  unclosedAt: number | null;
}

const VOID_OR_SELF_CLOSING = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
  'p',
  'li',
  'dt',
  'dd',
  'option',
  'tr',
  'td',
  'th',
]);
/** Elements whose content is text up to their own end tag, as an HTML parser reads them. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

const isNameStart = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isNameChar = (code: number) => isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f || code === 0x3a;
const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;

/** Measures the page, throwing a clear refusal as soon as a limit is passed. */
export function measureMarkup(html: string, limits: MarkupLimits): MarkupShape {
  // Searched for end tags case-insensitively; one lower-cased copy keeps every search an indexOf.
  const lower = html.toLowerCase();
  const shape: MarkupShape = { depth: 0, elements: 0, attributes: 0, unclosedAt: null };
  let depth = 0;
  let at = 0;
  const refuse = (what: string) => {
    throw new CrosscheckError('unsupported_file', `the page ${what}; no article page does`);
  };
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      if (end === -1) return { ...shape, unclosedAt: open };
      at = end + 3;
      continue;
    }
    const next = html.charCodeAt(open + 1);
    if (next === 0x21 || next === 0x3f) {
      // <!doctype …>, <![CDATA[ … or <? … ?>: up to the next '>'.
      const end = html.indexOf('>', open + 2);
      if (end === -1) break;
      at = end + 1;
      continue;
    }
    const closing = next === 0x2f;
    let cursor = open + (closing ? 2 : 1);
    if (!isNameStart(html.charCodeAt(cursor))) {
      at = open + 1;
      continue;
    }
    const nameStart = cursor;
    while (cursor < html.length && isNameChar(html.charCodeAt(cursor))) cursor++;
    const name = lower.slice(nameStart, cursor);
    const tag = readAttributes(html, cursor);
    at = tag.end;
    if (closing) {
      if (!VOID_OR_SELF_CLOSING.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    shape.elements++;
    shape.attributes += tag.attributes;
    if (tag.attributes > limits.maxAttributesPerElement) refuse(`has an element with more than ${limits.maxAttributesPerElement} attributes`);
    if (shape.attributes > limits.maxAttributes) refuse(`has more than ${limits.maxAttributes} attributes`);
    if (shape.elements > limits.maxElements) refuse(`has more than ${limits.maxElements} elements`);
    if (RAW_TEXT.has(name) && !tag.selfClosing) {
      const end = lower.indexOf(`</${name}`, at);
      if (end === -1) return { ...shape, depth: Math.max(shape.depth, depth + 1), unclosedAt: open };
      at = end;
      continue;
    }
    if (VOID_OR_SELF_CLOSING.has(name) || tag.selfClosing) continue;
    depth++;
    if (depth > shape.depth) shape.depth = depth;
    if (depth > limits.maxDepth) refuse(`nests elements more than ${limits.depthInMessage ?? limits.maxDepth} deep`);
  }
  return shape;
}

/** The attributes of a tag from just after its name to just after its '>', quotes respected; a tag left open runs to the end. */
function readAttributes(html: string, from: number): { end: number; attributes: number; selfClosing: boolean } {
  let attributes = 0;
  let inName = false;
  // After '=', the next word is that attribute's value, not another attribute.
  let expectValue = false;
  let cursor = from;
  let lastNonSpace = -1;
  while (cursor < html.length) {
    const code = html.charCodeAt(cursor);
    if (code === 0x3e) return { end: cursor + 1, attributes, selfClosing: lastNonSpace === 0x2f };
    if (code === 0x22 || code === 0x27) {
      const close = html.indexOf(html[cursor]!, cursor + 1);
      if (close === -1) return { end: html.length, attributes, selfClosing: false };
      cursor = close + 1;
      inName = false;
      expectValue = false;
      lastNonSpace = code;
      continue;
    }
    if (code === 0x3d) {
      inName = false;
      expectValue = true;
    } else if (isSpace(code) || code === 0x2f) {
      if (inName) expectValue = false;
      inName = false;
    } else if (!inName) {
      inName = true;
      if (!expectValue) attributes++;
      expectValue = false;
    }
    if (!isSpace(code)) lastNonSpace = code;
    cursor++;
  }
  return { end: html.length, attributes, selfClosing: false };
}
