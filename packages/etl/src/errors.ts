/** Why a whole file was refused. Row-level problems are `Reject`s, never exceptions. */
export type FileRejectedCode =
  | 'empty_file'
  | 'not_spreadsheet'
  | 'corrupt'
  | 'zip_bomb'
  | 'unsafe_zip'
  | 'macro'
  | 'too_many_columns'
  | 'too_many_rows'
  | 'too_many_merges'
  | 'formula_without_value'
  | 'encoding'
  | 'too_large'
  | 'layout_unrecognised';

/** A whole-file problem: nothing in the file is loaded. `message` is Chinese, for the uploader. */
export class FileRejectedError extends Error {
  override readonly name = 'FileRejectedError';

  constructor(
    readonly code: FileRejectedCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isFileRejectedError(error: unknown): error is FileRejectedError {
  return error instanceof FileRejectedError;
}
