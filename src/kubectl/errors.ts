/**
 * How kubectl renders failures (cmdutil.CheckErr / StandardErrorMessage): API Status errors as
 * `Error from server (Reason): message`, Invalid as `The Kind "name" is invalid: …`, others as
 * `error: …`, all on stderr with exit code 1.
 */
import type { Status } from '../engine/api/types.ts';

/** Thrown to end a command early, like kubectl's os.Exit after printing the error. */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The stderr text kubectl prints for an API Status (ending in a newline). */
export function renderStatus(status: Status): string {
  if (isClientError(status)) return checkErrText(status.message);
  if (status.reason === 'Invalid' && status.details) {
    const d = status.details;
    let s = 'The request is invalid';
    const causes = d.causes ?? [];
    if (d.kind || d.name) s = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
    // checkErr: with neither kind, name nor causes, the server's message is all there is.
    else if (causes.length === 0 && status.message) s += `: ${status.message}`;
    if (causes.length === 0) return `${s}\n`;
    const errs = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (errs.length === 1) return `${s}: ${errs[0]}\n`;
    return `${s}: \n${errs.map((e) => `* ${e}`).join('\n')}\n`;
  }
  if (!status.reason) return `Error from server: ${status.message}\n`;
  return `Error from server (${status.reason}): ${status.message}\n`;
}

/** A Status whose message carries kubectl's `error when <verb> "<file>": ` prefix (AddSourceToErr). */
export function withSource(status: Status, verb: string, source: string | undefined): Status {
  if (!source) return status;
  return { ...status, message: `error when ${verb} ${JSON.stringify(source)}: ${status.message}` };
}

/**
 * What CheckErr prints for the errors a command gathered while it went on (an aggregate): one
 * error as itself; several each as StandardErrorMessage, so an Invalid one is `Error from
 * server (Invalid): <message>`, not the `The Kind "name" is invalid` layout.
 */
export function renderStatuses(statuses: Status[]): string {
  const [only] = statuses;
  if (statuses.length === 1 && only) return renderStatus(only);
  return multipleErrors(statuses);
}

/**
 * cmdutil.MultipleErrors: CheckErr's text for an aggregate, even of one error (as one filtered
 * down by utilerrors.FilterOut): each error a line, a plain one without `error: `.
 */
export function multipleErrors(statuses: Status[]): string {
  return statuses
    .map((s) =>
      // MultipleErrors: an error that is no API Status is its own text, without `error: `.
      isClientError(s)
        ? `${s.message}\n`
        : s.reason
          ? `Error from server (${s.reason}): ${s.message}\n`
          : `Error from server: ${s.message}\n`,
    )
    .join('');
}

/** CheckErr's text for a plain error: `error: ` unless it has it, a newline unless it ends in one. */
export function checkErrText(message: string): string {
  const msg = message.startsWith('error: ') ? message : `error: ${message}`;
  return msg.endsWith('\n') ? msg : `${msg}\n`;
}

/**
 * CheckErr of an aggregate of plain errors (a command's Run returning what it gathered): one is
 * unwrapped and printed as itself; several go through MultipleErrors, each text and a newline
 * (texts that end in their own newline are so a blank line apart).
 */
export function renderAggregate(texts: readonly string[]): string {
  const [only] = texts;
  if (texts.length === 1 && only !== undefined) return checkErrText(only);
  return texts.map((t) => `${t}\n`).join('');
}

/** utilerrors.Aggregate's message: the one error, or `[e1, e2]`. */
export function aggregateMessage(errors: readonly string[]): string {
  return errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`;
}

/**
 * A client-side error (no API Status) gathered among the server's by a command that goes on
 * (ContinueOnError), such as a manifest whose kind the server does not know. Code 0 marks it.
 */
export function clientError(message: string): Status {
  return {
    apiVersion: 'v1',
    kind: 'Status',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'InternalError',
    code: 0,
  };
}

function isClientError(status: Status): boolean {
  return status.code === 0;
}
