// Preloaded (`node -r`) into a benchmarked child process: prints its peak resident set size on exit.
process.on('exit', () => { process.stderr.write(`\nmaxrss-kib ${process.resourceUsage().maxRSS}\n`); });
