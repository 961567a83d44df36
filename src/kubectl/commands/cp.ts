/**
 * `kubectl cp`: kubectl 1.32's CopyOptions. A copy is a `kubectl exec` of `tar` in the
 * container: `tar cf - FILE` to copy out of it (kubectl unpacks the archive locally), `tar -xmf -
 * -C DIR` fed kubectl's archive to copy into it (after a `test -d DEST` exec that says whether
 * DEST is a directory to copy into). So an image without `tar` cannot be copied from or to, and
 * what tar prints is what the learner sees: when copying out of a pod, kubectl hands the exec's
 * stderr to its own stdout (TarPipe's ErrOut is `o.Out`), tar's notes included.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/types.ts';
import { shellFamily } from '../../engine/node/imageFiles.ts';
import {
  containerPath,
  execCommand,
  type FileEvent,
  normalPath,
  type PathView,
  repository,
  type Surroundings,
} from '../../engine/node/program.ts';
import { hex64 } from '../../engine/registry/digest.ts';
import type { Ctx } from '../context.ts';
import { ExitError } from '../errors.ts';
import { authorizePodSubresource } from '../impersonation.ts';
import { writable } from '../workspace.ts';
import { peekObject } from './common.ts';
import { surroundingsOf } from './logs.ts';
import { findOrDefaultContainer, runningContainer } from './podContainer.ts';
import { containerFiles, keepExecWrites } from './podFiles.ts';

/** A `[[namespace/]pod:]file/path` argument. */
interface FileSpec {
  namespace: string;
  pod: string;
  file: string;
}

const BAD_SPEC = 'filespec must match the canonical format: [[namespace/]pod:]file/path';

/** stripTrailingSlash of filespec.go: one trailing slash, unless the path is `/`. */
function stripTrailingSlash(file: string): string {
  return file !== '/' && file.endsWith('/') ? file.slice(0, -1) : file;
}

/** extractFileSpec: local when there is no colon; a colon first is an error. */
function fileSpec(ctx: Ctx, arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) ctx.fail(BAD_SPEC);
  if (i === -1) return { namespace: '', pod: '', file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  const file = stripTrailingSlash(arg.slice(i + 1));
  if (pieces.length === 1) return { namespace: '', pod: pieces[0] as string, file };
  if (pieces.length === 2)
    return { namespace: pieces[0] as string, pod: pieces[1] as string, file };
  return ctx.fail(BAD_SPEC);
}

/** Go's path.Clean (and filepath.Clean on Linux). */
function goClean(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** path.Base. */
function baseOf(p: string): string {
  const c = goClean(p);
  if (c === '/') return '/';
  return c.slice(c.lastIndexOf('/') + 1);
}

/** path.Dir. */
function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return goClean(i < 0 ? '' : p.slice(0, i + 1));
}

/** path.Join. */
function join(a: string, b: string): string {
  if (a === '') return goClean(b);
  return goClean(b === '' ? a : `${a}/${b}`);
}

export function runCp(ctx: Ctx, args: string[]): void {
  // Validate, then Run.
  if (args.length !== 2) ctx.fail('source and destination are required');
  const src = fileSpec(ctx, args[0] as string);
  const dest = fileSpec(ctx, args[1] as string);
  if (src.pod !== '' && dest.pod !== '') {
    ctx.fail('one of src or dest must be a local file specification');
  }
  if (src.file === '' || dest.file === '') ctx.fail('filepath can not be empty');
  if (src.pod !== '') copyFromPod(ctx, src, dest.file);
  else if (dest.pod !== '') copyToPod(ctx, src.file, dest);
  else ctx.fail('one of src or dest must be a remote file specification');
}

/** A container an exec reached: what it sees and where the exec's writes go. */
interface Opened {
  pod: Pod;
  container: Container;
  image: string;
  where: Surroundings;
  files: FileEvent[];
  elapsedMs: number;
  nowMs: number;
}

/**
 * ExecOptions.Run for one of cp's execs: the pod (NotFound ends the command), not completed,
 * its container (the default one said through `say`), then the POST of pods/NAME/exec, which
 * the API server authorizes and hands to the node's kubelet.
 */
function openExec(
  ctx: Ctx,
  namespace: string,
  podName: string,
  say: (text: string) => void,
): Opened {
  const got = ctx.host.api.get('pods', namespace, podName);
  if (!got.ok) ctx.failStatus(got.status);
  const pod = got.value as Pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    ctx.fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  let name = ctx.str('container');
  if (name === '') {
    const c = findOrDefaultContainer(pod, '', false, say);
    if ('error' in c) ctx.fail(c.error);
    name = c.name;
  }
  authorizePodSubresource(ctx, 'create', 'exec', namespace, podName);
  const { container, startedAt } = runningContainer(ctx, pod, name);
  ctx.host.api.connect?.('exec', namespace, podName, name);
  const node = peekObject(ctx, 'nodes', undefined, pod.spec?.nodeName ?? '') as
    | KubeObject
    | undefined;
  const { where } = surroundingsOf(ctx, pod, container, node);
  const nowMs = ctx.host.nowEpochMs();
  const startMs = startedAt ? Date.parse(startedAt) : nowMs;
  const files = containerFiles(ctx, pod, container, node, startMs, nowMs);
  return {
    pod,
    container,
    image: container.image ?? '',
    where,
    files,
    elapsedMs: nowMs - startMs,
    nowMs,
  };
}

/**
 * containerd's answer when the exec's program is not in the image (a distroless image has no
 * `tar`, nor `sh`): the exec fails before any stream opens, and kubectl prints the API server's
 * Internal error.
 */
function failIfMissing(ctx: Ctx, o: Opened, argv: string[]): void {
  const r = execCommand(o.image, argv, o.elapsedMs, o.files, o.where);
  if (r === undefined || !('notFound' in r)) return;
  const execId = hex64(
    `${o.pod.metadata?.uid ?? ''}/${o.container.name}/${o.nowMs}/${argv.join(' ')}`,
  );
  ctx.fail(
    `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": ${r.notFound}`,
  );
}

/** Whether the image's tar is GNU tar (Debian-based images) rather than busybox's. */
function gnuTar(image: string): boolean {
  return shellFamily(repository(image)) !== 'busybox';
}

/**
 * What tar strips from a member name so that it cannot land outside the directory it is
 * unpacked in (GNU tar's safer_name_suffix, busybox's strip_unsafe_prefix): everything up to
 * the last `..` component, then leading slashes.
 */
function unsafePrefix(name: string): string {
  let len = 0;
  let at = 0;
  for (const part of name.split('/')) {
    if (part === '..') len = at + 2;
    at += part.length + 1;
  }
  while (name[len] === '/') len++;
  return name.slice(0, len);
}

/** tar's note, once, when it makes member names relative ('' when there is nothing to strip). */
function removingLeading(image: string, name: string): string {
  const prefix = unsafePrefix(name);
  if (prefix === '') return '';
  return gnuTar(image)
    ? `tar: Removing leading \`${prefix}' from member names\n`
    : `tar: removing leading '${prefix}' from member names\n`;
}

/**
 * copyFromPod: `tar cf - FILE` in the container (or, with --retries, `sh -c 'tar cf - FILE |
 * tail -c+1'`), its archive unpacked at the local destination: a file becomes the destination
 * itself, a directory's files go under it.
 */
function copyFromPod(ctx: Ctx, src: FileSpec, destFile: string): void {
  const namespace = src.namespace || ctx.namespace;
  // The exec's stderr is kubectl's stdout here, the Defaulted-container note included.
  const remote = (text: string) => ctx.out(text);
  const o = openExec(ctx, namespace, src.pod, remote);
  const retries = ctx.num('retries', 0);
  failIfMissing(
    ctx,
    o,
    retries !== 0 ? ['sh', '-c', `tar cf - ${src.file} | tail -c+1`] : ['tar', 'cf', '-', src.file],
  );
  const view = containerPath(o.image, o.elapsedMs, o.files, o.where, normalPath(src.file));
  if (view === undefined) {
    ctx.fail(
      `this console cannot copy ${JSON.stringify(src.file)} out of the container: the simulation does not know what is there`,
    );
  }
  const removing = removingLeading(o.image, src.file);
  if (view.kind === 'missing') {
    // tar reports the missing file and ends with status 2 (1 for busybox), but it has written
    // an empty archive by then: kubectl has usually unpacked it and exited 0 before the exec's
    // status arrives (kubernetes/kubectl#980).
    remote(
      gnuTar(o.image)
        ? `${removing}tar: ${src.file}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`
        : `tar: ${src.file}: No such file or directory\ntar: error exit delayed from previous errors\n`,
    );
    return;
  }
  remote(removing);
  unpackLocally(ctx, view, destFile);
}

/** untarAll: the archive's files written under the local destination. */
function unpackLocally(
  ctx: Ctx,
  view: Extract<PathView, { kind: 'file' | 'dir' }>,
  destFile: string,
): void {
  const fs = ctx.host.fs;
  const dest = goClean(destFile);
  if (view.kind === 'file') {
    writeLocal(ctx, dest, view.content);
    return;
  }
  // os.MkdirAll of the destination fails on a file that is there.
  const kind = localKind(ctx, dest);
  if (kind === 'file') ctx.fail(`mkdir ${dest}: not a directory`);
  if (kind === 'outside') ctx.fail(`mkdir ${dest}: permission denied`);
  for (const [rel, content] of view.files) writeLocal(ctx, join(dest, rel), content);
}

/** What a local path is in the console's files ('outside': a place the learner cannot write). */
function localKind(ctx: Ctx, path: string): 'file' | 'dir' | 'outside' | 'missing' {
  const fs = ctx.host.fs;
  if (fs.has(path)) return 'file';
  if (fs.isDirectory(path)) return 'dir';
  const abs = fs.resolve(path);
  return abs !== undefined && writable(abs) ? 'missing' : 'outside';
}

/** os.Create and io.Copy of one file, with Go's error texts. */
function writeLocal(ctx: Ctx, path: string, content: string): void {
  const fs = ctx.host.fs;
  const kind = localKind(ctx, path);
  if (kind === 'dir') ctx.fail(`open ${path}: is a directory`);
  if (kind === 'outside') ctx.fail(`open ${path}: permission denied`);
  const r = fs.write(path, content);
  if (r.ok) return;
  if (r.error.endsWith('Permission denied')) ctx.fail(`open ${path}: permission denied`);
  if (r.error.endsWith('File too large')) ctx.fail(`write ${path}: file too large`);
  if (r.error.endsWith('No such file or directory'))
    ctx.fail(`open ${path}: no such file or directory`);
  if (r.error.endsWith('Not a directory')) ctx.fail(`open ${path}: not a directory`);
  ctx.fail(`open ${path}: is a directory`);
}

/**
 * copyToPod: the local file must exist; `test -d DEST` in the container says whether to copy
 * into DEST; then `tar -xmf - -C DIR` unpacks kubectl's archive there. Its writes stay in the
 * container's layer, or the volume they fall in, as an exec's do.
 */
function copyToPod(ctx: Ctx, srcFile: string, dest: FileSpec): void {
  const fs = ctx.host.fs;
  const kind = localKind(ctx, srcFile);
  if (kind === 'missing' || kind === 'outside') {
    ctx.fail(`${srcFile} doesn't exist in local filesystem`);
  }
  const isFile = kind === 'file';
  const namespace = dest.namespace || ctx.namespace;
  // The `test -d` exec's streams are buffers kubectl drops; the tar exec's are kubectl's own.
  const o = openExec(ctx, namespace, dest.pod, (text) => ctx.err(text));
  const podName = o.pod.metadata?.name ?? dest.pod;
  ctx.host.api.connect?.('exec', namespace, podName, o.container.name);
  const at = (p: string) =>
    containerPath(o.image, o.elapsedMs, o.files, o.where, normalPath(p, '/'));
  const testable = execCommand(o.image, ['test', '-d', dest.file], o.elapsedMs, o.files, o.where);
  const destIsDir = !(testable && 'notFound' in testable) && at(dest.file)?.kind === 'dir';
  const destFile = destIsDir ? join(dest.file, baseOf(srcFile)) : goClean(dest.file);
  const destDir = dirOf(destFile);
  failIfMissing(ctx, o, ['tar', '-xmf', '-', '-C', destDir]);
  const gnu = gnuTar(o.image);
  const tarFails = (gnuLines: string, busyboxLine: string, fatal: boolean): never => {
    if (gnu) {
      ctx.err(
        `${gnuLines}${fatal ? 'tar: Error is not recoverable: exiting now\n' : 'tar: Exiting with failure status due to previous errors\n'}`,
      );
    } else ctx.err(busyboxLine);
    const code = gnu ? 2 : 1;
    ctx.err(`command terminated with exit code ${code}\n`);
    throw new ExitError(code);
  };
  // -C: tar changes to the directory before it reads the archive.
  const dirView = at(destDir);
  if (dirView?.kind === 'missing' || dirView?.kind === 'file') {
    const why = dirView.kind === 'missing' ? 'No such file or directory' : 'Not a directory';
    tarFails(
      `tar: ${destDir}: Cannot open: ${why}\n`,
      `tar: can't change directory to '${destDir}': ${why}\n`,
      true,
    );
  }
  // The archive's members, named from DIR: the file, or the directory's files under its name.
  const member = baseOf(destFile);
  const entries: [string, string][] = isFile
    ? [[member, fs.read(srcFile) ?? '']]
    : localTree(ctx, srcFile).map(([rel, content]) => [`${member}/${rel}`, content]);
  const target = normalPath(destFile, '/');
  const readOnly = o.where.readOnly?.some((d) => target === d || target.startsWith(`${d}/`));
  if (readOnly) {
    const what = isFile ? 'Cannot open' : 'Cannot mkdir';
    tarFails(
      `tar: ${member}: ${what}: Read-only file system\n`,
      `tar: can't ${isFile ? 'open' : 'create directory'} '${member}': Read-only file system\n`,
      false,
    );
  }
  const base = normalPath(destDir, '/');
  const written: FileEvent[] = entries.map(([rel, content]) => ({
    atMs: 0,
    path: normalPath(`${base}/${rel}`),
    content,
  }));
  keepExecWrites(ctx, o.pod, o.container, written, o.nowMs);
}

/** The local files under directory `dir`, by path relative to it, sorted. */
function localTree(ctx: Ctx, dir: string): [string, string][] {
  const root = ctx.host.fs.resolve(dir) ?? '/';
  const prefix = root === '/' ? '/' : `${root}/`;
  const out: [string, string][] = [];
  for (const path of ctx.host.fs.list()) {
    if (path.startsWith(prefix))
      out.push([path.slice(prefix.length), ctx.host.fs.read(path) ?? '']);
  }
  return out;
}
