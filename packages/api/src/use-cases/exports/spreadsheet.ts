import ExcelJS from 'exceljs';
import type { ExportFormat } from '@samrad/core';

export type Cell = string | number | null;

export interface Column {
  key: string;
  header: string;
}

/** A file as the typed client receives it: JSON carries its bytes as base64. */
export interface ExportFile {
  filename: string;
  contentType: string;
  /** Data rows, the header row not counted. */
  rows: number;
  base64: string;
}

const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A cell of a CSV file that a spreadsheet would run as a formula (=, +, -, @, a tab or a return
 * first) is what residents wrote, not a formula: it is kept as text by a leading apostrophe
 * (OWASP's CSV injection advice). XLSX cells are typed, so their text is never run.
 */
function inert(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One sheet of rows as a CSV or XLSX file, written by ExcelJS. */
export async function spreadsheetFile(
  name: string,
  columns: readonly Column[],
  rows: readonly Record<string, Cell>[],
  format: ExportFormat,
): Promise<ExportFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name.slice(0, 31));
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header }));
  for (const row of rows) {
    sheet.addRow(
      Object.fromEntries(
        columns.map((c) => [c.key, format === 'csv' ? inert(row[c.key] ?? null) : row[c.key]]),
      ),
    );
  }
  const buffer =
    format === 'csv'
      ? await workbook.csv.writeBuffer({ formatterOptions: { writeBOM: true } })
      : await workbook.xlsx.writeBuffer();
  return {
    filename: `${name}.${format}`,
    contentType: contentTypes[format],
    rows: rows.length,
    base64: Buffer.from(buffer).toString('base64'),
  };
}
