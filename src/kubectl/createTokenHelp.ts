/**
 * `kubectl create token --help` as kubectl 1.32 prints it (create_token.go: tokenLong,
 * tokenExample and its flags besides the printer's). Kept apart from helpText.ts, which lists it.
 */
import type { FlagHelp } from './helpFormat.ts';
import type { CommandHelp } from './helpText.ts';

export function createTokenHelp(print: readonly FlagHelp[]): CommandHelp {
  return {
    long: 'Request a service account token.',
    example: `# Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
kubectl create token myapp

# Request a token for a service account in a custom namespace
kubectl create token myapp --namespace myns

# Request a token with a custom expiration
kubectl create token myapp --duration 10m

# Request a token with a custom audience
kubectl create token myapp --audience https://example.com

# Request a token bound to an instance of a Secret object
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret

# Request a token bound to an instance of a Secret object with a specific UID
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
    flags: [
      ...print,
      {
        name: 'audience',
        def: '[]',
        usage:
          'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.',
      },
      {
        name: 'bound-object-kind',
        def: "''",
        usage:
          'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.',
      },
      {
        name: 'bound-object-name',
        def: "''",
        usage:
          'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.',
      },
      {
        name: 'bound-object-uid',
        def: "''",
        usage:
          'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.',
      },
      {
        name: 'duration',
        def: '0s',
        usage:
          'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.',
      },
    ],
  };
}
