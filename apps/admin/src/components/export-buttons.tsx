import { useMutation } from '@tanstack/react-query';
import { describeError } from '../lib/errors';
import { saveFile, type ExportFile } from '../lib/download';

type Format = 'csv' | 'xlsx';

/**
 * One export offered as CSV and as XLSX. The file is made when asked for, so it holds what came
 * in up to that moment.
 */
export function ExportButtons({
  label,
  fetchFile,
}: {
  label: string;
  fetchFile: (format: Format) => Promise<ExportFile>;
}) {
  const download = useMutation({
    mutationFn: fetchFile,
    onSuccess: saveFile,
  });
  return (
    <div className="export" role="group" aria-label={label}>
      <span className="export-label">{label}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button-secondary"
          disabled={download.isPending}
          onClick={() => download.mutate(format)}
        >
          {download.isPending && download.variables === format
            ? 'Preparing…'
            : format.toUpperCase()}
        </button>
      ))}
      {download.isSuccess && (
        <span className="muted" role="status">
          {download.data.rows} {download.data.rows === 1 ? 'row' : 'rows'} in{' '}
          {download.data.filename}
        </span>
      )}
      {download.isError && (
        <p className="notice notice-error" role="alert">
          {describeError(download.error)}
        </p>
      )}
    </div>
  );
}
