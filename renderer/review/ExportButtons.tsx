import type { RefObject } from 'react';
import { savePng, saveSvg } from './svgExport.ts';

export function ExportButtons({ target, name, onError }: { target: RefObject<SVGSVGElement | null>; name: string; onError(message: string): void }) {
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => target.current && saveSvg(target.current, `${name}.svg`)}>
        Save SVG
      </button>
      <button type="button" onClick={() => target.current && savePng(target.current, `${name}.png`).catch((e: Error) => onError(e.message))}>
        Save PNG
      </button>
    </span>
  );
}
