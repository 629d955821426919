/**
 * Preloaded into a child process (`node --import …/peakRss.js`) by tests that bound a command's
 * memory: at exit it writes the process's peak resident set size in bytes to the file named by
 * SALTLINE_TEST_PEAK_RSS_FILE.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.SALTLINE_TEST_PEAK_RSS_FILE;
if (file !== undefined) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
