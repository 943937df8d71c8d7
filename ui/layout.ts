import { createContext, useContext } from "react";

/** The drawing area: never wider than 80 columns; `bodyRows` is what a step may use between header and footer. */
export interface Layout {
  width: number;
  rows: number;
  bodyRows: number;
}

export const MAX_WIDTH = 80;
/** Header (title + rule) and footer (status + hints) rows around a step's body. */
export const CHROME_ROWS = 5;

export function makeLayout(columns: number, rows: number): Layout {
  const width = Math.max(40, Math.min(MAX_WIDTH, columns));
  const r = Math.max(12, rows);
  return { width, rows: r, bodyRows: r - CHROME_ROWS };
}

export const LayoutContext = createContext<Layout>(makeLayout(80, 24));

export function useLayout(): Layout {
  return useContext(LayoutContext);
}
