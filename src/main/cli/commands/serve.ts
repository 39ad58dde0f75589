import { resolve } from 'node:path';
import { createHandlers } from '../../handlers';
import { startHost } from '../../host';
import { defaultWorkspaceDir, rendererDir } from '../../paths';
import { openOrCreateDefault, Session } from '../../session';
import { advertiseServer } from '../../sync/viaServer';
import { workspaceOption, type CliCommand } from '../command';
import { out, UsageError } from '../shared';

export const serve: CliCommand = {
  name: 'serve',
  usage: `  parley serve [--workspace DIR] [--port N]  open the workbench in a browser (127.0.0.1 only; PARLEY_TOKEN fixes its token)`,
  table: [['parley serve [--workspace DIR] [--port N]', 'serve the workbench on 127.0.0.1 and print its URL (a new folder gets the sample corpus; PARLEY_TOKEN and --port keep the URL across restarts)']],
  options: { ...workspaceOption, port: { type: 'string' } },
  async run({ values }) {
    const dir = resolve(values.workspace ?? defaultWorkspaceDir());
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${values.port}`);
    // A token of the analyst's own keeps the address the same across restarts, so a page left open
    // (with changes not saved while the server was down) reaches the new server and sends them.
    const token = process.env.PARLEY_TOKEN || undefined;
    if (token !== undefined && !/^[A-Za-z0-9_-]{32,}$/.test(token)) throw new UsageError('PARLEY_TOKEN must be at least 32 letters, digits, - or _ (for instance: openssl rand -hex 24)');
    const ws = await openOrCreateDefault(dir);
    const session = await Session.start(ws.root);
    session.startSearch();
    const host = await startHost({ handlers: createHandlers(session), staticDir: rendererDir(), port, token });
    await advertiseServer(ws.root, host.port, host.token);
    out(`Parley is serving ${ws.root} at ${host.url}`);
    await new Promise<void>((done) => {
      const stop = () => void host.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    // Ctrl+C or a kill ends the process: worker threads and timers left running must not keep it (or its lock) alive.
    await session.close();
    return process.exit(0);
  },
};
