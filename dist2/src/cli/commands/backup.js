import cliProgress from 'cli-progress';
import { Client } from '../../client/index.js';
import { print, profileDir, pwhashForNewProfiles, readPassphrase, withClient } from '../context.js';
function bar() {
    if (!process.stderr.isTTY)
        return undefined;
    return new cliProgress.SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | {value}/{total} items', hideCursor: true }, cliProgress.Presets.shades_classic);
}
export function registerBackupCommands(program, globals) {
    program
        .command('export')
        .description('write an encrypted backup of the whole profile (passphrase: SALTLINE_BACKUP_PASSPHRASE or prompt)')
        .argument('<file>', 'backup file to write')
        .action(async (file) => {
        await withClient(globals(), async (c) => {
            const passphrase = await readPassphrase({ env: 'SALTLINE_BACKUP_PASSPHRASE', what: 'Backup passphrase', confirm: true });
            const progress = bar();
            let started = false;
            try {
                await c.exportBackup(file, passphrase, (done, total) => {
                    if (!progress)
                        return;
                    if (!started)
                        progress.start(total, 0);
                    started = true;
                    progress.update(done);
                });
            }
            finally {
                progress?.stop();
            }
        });
        print(`Backup written to ${file}`);
    });
    program
        .command('import')
        .description('restore a backup into a new profile (--profile); asks for the backup and the new passphrase')
        .argument('<file>', 'backup file')
        .action(async (file) => {
        const backupPassphrase = await readPassphrase({ env: 'SALTLINE_BACKUP_PASSPHRASE', what: 'Backup passphrase' });
        const newPassphrase = await readPassphrase({ confirm: true, what: 'New profile passphrase' });
        const dir = profileDir(globals());
        const progress = bar();
        progress?.start(1, 0);
        try {
            const pwhash = pwhashForNewProfiles();
            await Client.importBackup(file, backupPassphrase, dir, newPassphrase, {
                ...(pwhash ? { pwhash } : {}),
                onProgress: (done) => {
                    if (progress) {
                        progress.setTotal(Math.max(progress.getTotal(), done));
                        progress.update(done);
                    }
                },
            });
        }
        finally {
            progress?.stop();
        }
        print(`Restored into ${dir}`);
    });
}
//# sourceMappingURL=backup.js.map