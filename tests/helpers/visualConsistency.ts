import type { Page } from 'playwright-core';

/**
 * Everything on screen that strays from the app's declared design: a font
 * size off the type scale (`--text-*` on `:root`), a margin, padding or gap
 * off the spacing grid (`--space-unit`), a corner off the radius scale
 * (`--radius-*`), or a button whose shape (corners, border, padding) is not
 * one of the declared button styles (`--button-*`, each a class). Within
 * `selector` when given (an open dialog), else the whole page. Drawings
 * (SVG: the matrix, graph and charts) keep their own sizes and are left out.
 * Returns one line per kind of stray, with up to three places it was seen.
 */
export async function designStrays(page: Page, within?: string): Promise<string[]> {
  return page.evaluate((scope) => {
    const root = getComputedStyle(document.documentElement);
    const remPx = parseFloat(root.fontSize);
    const tokens = (prefix: string) =>
      [...new Set([...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]))]
        .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText === ':root')
        .flatMap((rule) => [...rule.style].filter((name) => name.startsWith(prefix)));
    const px = (value: string) => {
      const number = parseFloat(value);
      return value.endsWith('rem') ? number * remPx : number;
    };
    const typeScale = tokens('--text-').map((name) => px(root.getPropertyValue(name).trim()));
    const radii = [0, ...tokens('--radius-').map((name) => px(root.getPropertyValue(name).trim()))];
    const grid = px(root.getPropertyValue('--space-unit').trim());
    if (typeScale.length === 0 || !grid) return ['the stylesheet declares no type scale (--text-*) or spacing unit (--space-unit)'];
    const near = (value: number, allowed: readonly number[]) => allowed.some((a) => Math.abs(a - value) < 0.05);
    // Hairlines are borders and separators drawn as padding or margin; every other space is on the grid.
    const onGrid = (value: number) => value <= 2 || Math.abs(value / grid - Math.round(value / grid)) < 0.01;

    const strays = new Map<string, string[]>();
    const stray = (kind: string, element: Element) => {
      const type = element.getAttribute('type');
      const where = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${type ? `[type=${type}]` : ''}${[...element.classList].map((c) => `.${c}`).join('')}`;
      const seen = strays.get(kind) ?? [];
      if (!seen.includes(where)) seen.push(where);
      strays.set(kind, seen);
    };
    // A look is a button's shape; its type size is checked against the scale like any text's.
    const buttonLook = (style: CSSStyleDeclaration) => [style.borderTopLeftRadius, style.borderTopWidth, style.paddingTop, style.paddingLeft].join(' ');
    const declaredLooks = new Set<string>();
    for (const name of tokens('--button-')) {
      // Each declared button style is measured as it renders: a probe button wearing its class.
      const probe = document.createElement('button');
      const look = root.getPropertyValue(name).trim();
      // `button` names the standard look: a button with no class.
      probe.className = look === 'button' ? '' : look;
      probe.textContent = 'probe';
      probe.style.position = 'absolute';
      probe.style.visibility = 'hidden';
      document.body.append(probe);
      declaredLooks.add(buttonLook(getComputedStyle(probe)));
      probe.remove();
    }

    for (const element of (scope ? document.querySelector(scope)! : document.body).querySelectorAll('*')) {
      if (element.closest('svg, [hidden]') || !(element instanceof HTMLElement)) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const style = getComputedStyle(element);
      const typed = element.computedStyleMap();
      if (style.visibility === 'hidden') continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== '');
      if ((ownText || element.matches('input, select, textarea, button')) && !near(parseFloat(style.fontSize), typeScale)) {
        stray(`font size ${style.fontSize} is off the type scale`, element);
      }
      for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
        for (const property of [`margin${side}`, `padding${side}`] as const) {
          const value = parseFloat(style[property]);
          // An `auto` margin (centring, pushing a group aside) is whatever room is left, not a spacing choice.
          if (property.startsWith('margin') && typed.get(property.replace(/[A-Z]/, (c) => `-${c.toLowerCase()}`))?.toString() === 'auto') continue;
          if (!Number.isNaN(value) && !onGrid(Math.abs(value))) stray(`${property} ${style[property]} is off the ${grid}px grid`, element);
        }
      }
      for (const property of ['rowGap', 'columnGap'] as const) {
        const value = parseFloat(style[property]);
        if (!Number.isNaN(value) && !onGrid(value)) stray(`${property} ${style[property]} is off the ${grid}px grid`, element);
      }
      const radius = parseFloat(style.borderTopLeftRadius);
      if (!style.borderTopLeftRadius.endsWith('%') && !near(radius, radii))
        stray(`corner radius ${style.borderTopLeftRadius} is off the radius scale`, element);
      if (element instanceof HTMLButtonElement && !declaredLooks.has(buttonLook(style)))
        stray(`a button looks like none of the declared button styles (${buttonLook(style)})`, element);
    }
    return [...strays].map(([kind, where]) => `${kind}: ${where.slice(0, 3).join(', ')}${where.length > 3 ? ` and ${where.length - 3} more` : ''}`);
  }, within ?? null);
}
