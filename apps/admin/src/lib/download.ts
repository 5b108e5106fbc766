import type { RouterOutputs } from '@samrad/client';

export type ExportFile = RouterOutputs['exports']['inputs'];

/** Hands an export to the browser as a download under the file name the server chose. */
export function saveFile(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the bytes over; the URL would otherwise hold them until the tab closes.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
