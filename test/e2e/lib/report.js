// Pass/fail bookkeeping for the node-driven suites (ui.js, nvim.js): one line per check and a
// closing `SUITE: N passed, M failed` line that run-all.sh reads.
'use strict';

class Report {
  constructor(suite) { this.suite = suite; this.passed = 0; this.failed = 0; this.t0 = Date.now(); }

  ok(name, condition, detail) {
    if (condition) this.passed++; else this.failed++;
    console.log(`${condition ? 'PASS' : 'FAIL'} ${this.suite}: ${name}${detail ? ` -- ${detail}` : ''}`);
    return !!condition;
  }

  /** Runs fn; an exception is a failed check. */
  async step(name, fn) {
    try {
      const detail = await fn();
      return this.ok(name, true, detail);
    } catch (e) {
      return this.ok(name, false, String(e && e.message || e).split('\n').slice(0, 6).join(' | '));
    }
  }

  finish() {
    console.log(`${this.suite}: ${this.passed} passed, ${this.failed} failed (${((Date.now() - this.t0) / 1000).toFixed(1)} s)`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}

module.exports = { Report };
