/**
 * Why an image name does not parse (audit 9 #16), as distribution/reference's
 * ParseNormalizedNamed words it, and the kubelet's InvalidImageName message built from it.
 */
import { describe, expect, it } from 'vitest';
import { engineSession } from '../../kubectl/testing/engineSession.ts';
import { imageNameError } from './imageName.ts';

describe('imageNameError', () => {
  it('names the lower-case rule with the normalized repository path', () => {
    expect(imageNameError('Nginx')).toBe(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    );
    expect(imageNameError('Nginx:1.25')).toBe(
      'invalid reference format: repository name (library/Nginx) must be lowercase',
    );
    expect(imageNameError('registry.example.com/Team/App:1')).toBe(
      'invalid reference format: repository name (Team/App) must be lowercase',
    );
  });

  it('is the bare text for other syntax errors', () => {
    expect(imageNameError('nginx:')).toBe('invalid reference format');
    expect(imageNameError('-nginx')).toBe('invalid reference format');
  });

  it("is the container's waiting message of an upper-case image", () => {
    const { run } = engineSession(12);
    // kubectl run refuses the name itself; an override sends it as written.
    run(
      `kubectl run x --image=nginx --overrides='{"spec":{"containers":[{"name":"x","image":"Nginx"}]}}'`,
    );
    expect(
      run('kubectl get pod x -o jsonpath={.status.containerStatuses[0].state.waiting.message}').out,
    ).toBe(
      'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase',
    );
  });
});
