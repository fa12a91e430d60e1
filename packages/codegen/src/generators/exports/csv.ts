/*
 * CSV as RFC 4180 writes it: CRLF between records, a field quoted when it holds a comma, a quote,
 * CR or LF, quotes doubled inside. Spreadsheets run a cell that begins with = + - @ (also after
 * spaces, and a tab or CR, which some strip first) as a formula; such a cell gets a leading '
 * (OWASP "CSV injection"), which spreadsheets hide and `parseCsv(…, { unguard: true })` removes.
 */

/**
 * Cells to guard: a formula start, after any quotes already there (so `'=` survives the trip).
 * Spreadsheets skip leading spaces (and some, other blanks and controls) before they look for
 * = + - @, so ` =HYPERLINK(…)` is a formula too: any run of white space, controls and invisible
 * format characters before one counts. A cell that starts with a tab, CR or LF is guarded as well.
 */
const FORMULA_START = /^'*(?:[\t\r\n]|[\s\p{Cc}\p{Cf}\p{Z}]*[=+\-@])/u;
const GUARDED = /^'+(?:[\t\r\n]|[\s\p{Cc}\p{Cf}\p{Z}]*[=+\-@])/u;

/** A cell that cannot start a formula: a leading `'` before = + - @ (after any blanks), tab or CR. */
export function guardFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** Undoes guardFormula: one `'` before what it guards goes; any other `'` stays. */
export function unguardFormula(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows to RFC 4180 text, every cell formula-guarded, ending with CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => `${row.map((cell) => quote(guardFormula(cell))).join(',')}\r\n`)
    .join('');
}

export type ParsedCsv =
  | { readonly ok: true; readonly rows: string[][] }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly reason: string };

/**
 * Parses RFC 4180 text; also accepts LF line ends and a UTF-8 byte order mark (spreadsheet exports
 * have both). A quote inside an unquoted field is kept as text, as most readers do; an unclosed
 * quoted field is an error with its position.
 */
export function parseCsv(text: string, options: { unguard?: boolean } = {}): ParsedCsv {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStart = true;
  let line = 1;
  let column = 1;
  let quoteLine = 1;
  let quoteColumn = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endCell = () => {
    row.push(options.unguard ? unguardFormula(cell) : cell);
    cell = '';
    cellStart = true;
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          cell += '"';
          i++;
          column++;
        } else {
          quoted = false;
        }
      } else {
        cell += char;
        if (char === '\n') {
          line++;
          column = 0;
        }
      }
    } else if (char === '"' && cellStart) {
      quoted = true;
      quoteLine = line;
      quoteColumn = column;
      cellStart = false;
    } else if (char === ',') {
      endCell();
    } else if (char === '\r' && source[i + 1] === '\n') {
      // CRLF: the LF ends the record.
    } else if (char === '\n' || char === '\r') {
      endCell();
      rows.push(row);
      row = [];
      line++;
      column = 0;
    } else {
      cell += char;
      cellStart = false;
    }
    column++;
  }
  if (quoted) {
    return {
      ok: false,
      line: quoteLine,
      column: quoteColumn,
      reason: 'a quoted field is never closed',
    };
  }
  if (!cellStart || cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return { ok: true, rows };
}
