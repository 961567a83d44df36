/**
 * Commands that only group others (rollout, set, config, create secret, create service) and a
 * bare `kubectl create`: cmdutil.DefaultSubCommandRun prints the help (to ErrOut, or Out for
 * rollout) and exits 1, or calls extra words an unknown command.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from './testing/engineSession.ts';

const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

describe('a bare parent command prints its help and exits 1', () => {
  it('rollout: the Long text, examples and subcommands, on stdout', () => {
    const { run } = engineSession();
    expect(run('kubectl rollout')).toEqual({ out: ROLLOUT_HELP, err: '', code: 1 });
  });

  it('create secret: on stderr', () => {
    const { run } = engineSession();
    expect(run('kubectl create secret')).toEqual({ out: '', err: SECRET_HELP, code: 1 });
  });

  it('set and config: on stderr, every subcommand kubectl has listed', () => {
    const { run } = engineSession();
    const set = run('kubectl set');
    expect(set.code).toBe(1);
    expect(set.out).toBe('');
    expect(set.err).toContain(
      'Configure application resources.\n\n These commands help you make changes to existing application resources.\n\nAvailable Commands:\n  env              Update environment variables on a pod template\n  image            Update the image of a pod template\n',
    );
    expect(set.err).toContain('Usage:\n  kubectl set SUBCOMMAND [options]\n');
    const config = run('kubectl config');
    expect([config.out, config.code]).toEqual(['', 1]);
    expect(config.err).toMatch(/^Modify kubeconfig files using subcommands like/);
    expect(config.err).toContain(
      '  unset             Unset an individual value in a kubeconfig file\n',
    );
  });

  it('extra words are an unknown command, with the usage line', () => {
    const { run } = engineSession();
    expect(run('kubectl rollout foo')).toEqual({
      out: '',
      err: `error: unknown command "foo"\nSee 'kubectl rollout -h' for help and examples\n`,
      code: 1,
    });
    expect(run('kubectl create svc foo bar').err).toBe(
      `error: unknown command "foo bar"\nSee 'kubectl create service -h' for help and examples\n`,
    );
  });
});

describe('kubectl create without -f', () => {
  // Both checked against the real kubectl 1.32 binary: create checks its arguments first, then
  // that a file was given, and prints no help.
  it('says so and exits 1, with no help', () => {
    const { run } = engineSession();
    expect(run('kubectl create')).toEqual({
      out: '',
      err: 'error: must specify one of -f and -k\n',
      code: 1,
    });
    expect(run('kubectl apply')).toEqual({
      out: '',
      err: 'error: must specify one of -f and -k\n',
      code: 1,
    });
  });

  it('with a word that is no subcommand: "Unexpected args", for create and apply', () => {
    const { run } = engineSession();
    expect(run('kubectl create foo bar')).toEqual({
      out: '',
      err: "error: Unexpected args: [foo bar]\nSee 'kubectl create -h' for help and examples\n",
      code: 1,
    });
    expect(run('kubectl apply foo')).toEqual({
      out: '',
      err: "error: Unexpected args: [foo]\nSee 'kubectl apply -h' for help and examples\n",
      code: 1,
    });
  });

  it('with -f, extra words are "Unexpected args"', () => {
    const { run } = engineSession();
    expect(run('kubectl create -f nginx.yaml extra')).toEqual({
      out: '',
      err: `error: Unexpected args: [extra]\nSee 'kubectl create -h' for help and examples\n`,
      code: 1,
    });
  });
});
