/** Access tokens for shared workspaces on HTTPS hosts, kept by the host (never in the workspace). */

/** Where access tokens for HTTPS remotes are kept, by remote URL. */
export interface TokenStore {
  get(remote: string): Promise<string | undefined>;
  set(remote: string, token: string): Promise<void>;
}

/** The browser host's store: memory only, gone when the process ends. */
export function memoryTokens(): TokenStore {
  const map = new Map<string, string>();
  return {
    get: async (remote) => map.get(remote),
    set: async (remote, token) => {
      if (token) map.set(remote, token);
      else map.delete(remote);
    },
  };
}
