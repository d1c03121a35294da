import type { RefObject } from 'react';
import { useReportError } from '../data/DataProvider.tsx';
import { savePng, saveSvg } from './svgExport.ts';

export function ExportButtons({ target, name }: { target: RefObject<SVGSVGElement | null>; name: string }) {
  const report = useReportError();
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => target.current && saveSvg(target.current, `${name}.svg`)}>
        Save SVG
      </button>
      <button type="button" onClick={() => target.current && savePng(target.current, `${name}.png`).catch(report)}>
        Save PNG
      </button>
    </span>
  );
}
