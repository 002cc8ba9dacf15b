import { spawn } from 'node:child_process';

export interface PtyPair {
  /** The two ends: whatever is written to one is read from the other. */
  paths: [string, string];
  close(): Promise<void>;
}

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0` and reads the two /dev/pts paths from its stderr
 * ("... N PTY is /dev/pts/7"). A real serial path for tests without hardware (architecture.md § 6).
 */
export function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const child = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const paths: string[] = [];
    let stderr = '';
    const timer = setTimeout(() => fail(new Error(`socat gave no pty paths within ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    const close = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    const fail = (error: Error) => {
      clearTimeout(timer);
      void close();
      reject(error);
    };
    child.once('error', fail);
    child.once('exit', (code) => paths.length < 2 && fail(new Error(`socat exited (${code}): ${stderr}`)));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr += text;
      for (const m of text.matchAll(/PTY is (\/dev\/\S+)/g)) paths.push(m[1]!);
      // socat logs "starting data transfer loop" once both ends exist
      if (paths.length >= 2 && /starting data transfer loop/.test(stderr)) {
        clearTimeout(timer);
        resolve({ paths: [paths[0]!, paths[1]!], close });
      }
    });
  });
}
