-- AlignmentSweep: Succeeded (every run succeeded) is Healthy, Pending and Running are Progressing, Failed (all runs
-- finished, some failed, or an invalid matrix) is Degraded; the operator's message counts the runs and names the best.
local hs = phaseHealth({Pending = "Progressing", Running = "Progressing", Suspended = "Suspended",
  Succeeded = "Healthy", Failed = "Degraded"})
return hs
