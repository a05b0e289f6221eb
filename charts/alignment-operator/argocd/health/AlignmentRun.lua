-- AlignmentRun: Succeeded is Healthy, Pending and Running are Progressing, Suspended (spec.suspend) is Suspended,
-- Failed is Degraded.
local hs, status = phaseHealth({Pending = "Progressing", Running = "Progressing", Suspended = "Suspended",
  Succeeded = "Healthy", Failed = "Degraded"})
if status ~= nil and status.phase == "Succeeded" and status.results ~= nil and status.results.winRate ~= nil then
  hs.message = "Succeeded: win rate " .. status.results.winRate
  if status.results.kl ~= nil then
    hs.message = hs.message .. ", KL " .. status.results.kl
  end
end
return hs
