// Process checks the reliability tests share: whether a process the run left behind is gone.
/** True once the process is gone (stopped leftovers get SIGKILL after a 2 s grace; this polls for 10 s). */
export async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
