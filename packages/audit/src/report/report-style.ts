/** The column widths (per cent) the report's tables use; each has a class `.wN`. */
const COLUMN_WIDTHS = [8, 10, 11, 12, 13, 14, 18, 20, 25, 28, 33, 36] as const;
export type ColumnWidth = (typeof COLUMN_WIDTHS)[number];

/*
 * The report's only style sheet, inline (one file, no network). Colours keep text contrast at
 * 4.5:1 or more (WCAG 2.2 1.4.3); long names and addresses wrap anywhere instead of widening
 * the page; tables scroll in their own region on small screens.
 */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.4rem; margin-top: 2.5rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.1rem; margin-top: 2rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
code, pre { font-family: ui-monospace, monospace; font-size: .9em; overflow-wrap: anywhere; word-break: break-word; white-space: pre-wrap; }
h1 code, h2 code, h3 code { font-size: .85em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #6b6b6b; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead th { background: #e8e8e8; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #1d4ed8; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.provenance dt { font-weight: 600; }
dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #6b6b6b; }
.finding { border-left: 6px solid #6b6b6b; background: #f4f4f4; padding: .25rem .75rem; margin: .5rem 0; }
.finding p { margin: .25rem 0; }
.finding.error { border-color: #b00020; background: #fdecee; }
.finding.warning { border-color: #8a5300; background: #fff4e0; }
.severity { font-weight: 700; }
.error .severity { color: #9b001c; }
.warning .severity { color: #6e4200; }
.muted { color: #4a4a4a; }
ul.findings { list-style: none; padding: 0; }
table.fixed { table-layout: fixed; min-width: 56rem; }
td ul { margin: 0; padding-left: 1.1rem; }
${COLUMN_WIDTHS.map((w) => `.w${w} { width: ${w}%; }`).join('\n')}
`;
