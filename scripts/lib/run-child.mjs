import { spawn } from 'node:child_process'

/**
 * Runs a command to the end with its output kept (stdout and stderr interleaved) instead of shown: the
 * build checks print it only when something failed. Killed after `timeoutMs`, so a stuck child (a file
 * watcher left running, a bundle that never settles) cannot keep CI waiting.
 */
export function runChild(cmd, args, { cwd, env = process.env, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output, timedOut })
    })
  })
}
