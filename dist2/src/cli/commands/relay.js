import { join } from 'node:path';
import { runRelay } from '../../relay/main.js';
import { saltlineHome } from '../context.js';
export function registerRelayCommand(program) {
    program
        .command('relay')
        .description('run a relay until stopped; prints its address (for `init --relay`) first')
        .allowUnknownOption()
        .helpOption(false)
        .argument('[options...]', '--port P (5223), --data DIR (~/.saltline/relay), --host H (127.0.0.1), --no-tls, --expiry-days D')
        .action(async (args) => {
        const withData = args.some((a) => a === '--data' || a.startsWith('--data=')) ? args : ['--data', join(saltlineHome(), 'relay'), ...args];
        await runRelay(withData);
    });
}
//# sourceMappingURL=relay.js.map